/** Password rules, checked on every new password (create, change, reset). Pure. */

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;

/** The first rule the password breaks, or null when it is acceptable. */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters`;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return 'must mix at least three of: lower case, upper case, digits, symbols';
  if (username && password.toLowerCase().includes(username.toLowerCase()))
    return 'must not contain the user name';
  return null;
}

/** Lock-out: free attempts before the first lock, then the lock doubles up to a ceiling. */
export const FREE_ATTEMPTS = 5;
export const FIRST_LOCK_SECONDS = 30;
export const MAX_LOCK_SECONDS = 3600;

/** Seconds the account stays locked after `failures` consecutive failures (0: not locked). */
export function lockSeconds(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_LOCK_SECONDS, FIRST_LOCK_SECONDS * 2 ** (failures - FREE_ATTEMPTS));
}
