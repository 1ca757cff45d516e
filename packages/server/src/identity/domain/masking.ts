/** Masking of personal data for every response that is not an audited reveal. Pure functions. */

/** Digits only, without a leading +86 / 0086 country code: the form phone hashes are keyed on. */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length === 13 && digits.startsWith('86')) return digits.slice(2);
  if (digits.length === 15 && digits.startsWith('0086')) return digits.slice(4);
  return digits;
}

/** `13812345678` → `138****5678`; short numbers keep only their last two digits. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  const p = normalisePhone(phone);
  if (p.length >= 11) return `${p.slice(0, 3)}****${p.slice(-4)}`;
  if (p.length > 2) return `${'*'.repeat(p.length - 2)}${p.slice(-2)}`;
  return '*'.repeat(p.length);
}

/** `张三` → `张*`, `欧阳娜娜` → `欧***`, `John Smith` → `J*********`. */
export function maskName(name: string | null | undefined): string | null {
  if (!name) return name ?? null;
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  return `${chars[0]}${'*'.repeat(Math.max(1, chars.length - 1))}`;
}

/** `120101199001011234` → `1201**********1234` (first 4, last 4). */
export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return id ?? null;
  const chars = Array.from(id.trim());
  if (chars.length <= 8) return '*'.repeat(chars.length);
  return `${chars.slice(0, 4).join('')}${'*'.repeat(chars.length - 8)}${chars.slice(-4).join('')}`;
}

/** An address keeps its first 6 characters (district/street) and hides the rest: `和平区南京路****`. */
export function maskAddress(address: string | null | undefined): string | null {
  if (!address) return address ?? null;
  const chars = Array.from(address.trim());
  if (chars.length <= 6) return `${chars.slice(0, 2).join('')}****`;
  return `${chars.slice(0, 6).join('')}****`;
}
