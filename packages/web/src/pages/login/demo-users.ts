export interface DemoList {
  password: string;
  users: { username: string; displayName?: string; roles: string[] }[];
}

interface RawUser {
  username?: string;
  displayName?: string;
  display_name?: string;
  roles?: string[];
  role?: string;
}

/** The demo-users answer as a list, whether the server sends {password, users} or a bare array. */
export function normaliseDemoUsers(answer: unknown): DemoList | null {
  const body = answer as { password?: string; users?: RawUser[] } | RawUser[] | null;
  const raw: RawUser[] = Array.isArray(body) ? body : (body?.users ?? []);
  const password = (!Array.isArray(body) && body?.password) || 'Demo@2026';
  const users = raw
    .filter((u): u is RawUser & { username: string } => typeof u.username === 'string')
    .map((u) => ({
      username: u.username,
      ...((u.displayName ?? u.display_name) ? { displayName: u.displayName ?? u.display_name } : {}),
      roles: u.roles ?? (u.role ? [u.role] : []),
    }));
  return users.length ? { password, users } : null;
}
