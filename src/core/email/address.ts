/**
 * Mail headers arrive as `"Díaz, Ana" <Ana@Example.com>`, `ana@example.com` or `<ana@example.com>`.
 * Customers are matched by address, so addresses are compared lower-cased and trimmed.
 */
export interface ParsedAddress {
  name: string;
  email: string;
}

const ANGLE = /^(.*?)<\s*([^<>\s]+@[^<>\s]+)\s*>\s*$/;
const SIMPLE_EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function isValidEmail(email: string): boolean {
  return SIMPLE_EMAIL.test(email.trim());
}

export function parseAddress(header: string): ParsedAddress | null {
  const text = header.trim();
  const angle = ANGLE.exec(text);
  if (angle) {
    const name = (angle[1] ?? '')
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim();
    const email = normaliseEmail(angle[2] ?? '');
    return isValidEmail(email) ? { name, email } : null;
  }
  return isValidEmail(text) ? { name: '', email: normaliseEmail(text) } : null;
}

/** Splits a recipients header on commas outside quotes and parses each address; invalid ones are dropped. */
export function parseAddressList(header: string): ParsedAddress[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map(parseAddress).filter((a): a is ParsedAddress => a !== null);
}

export function domainOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : normaliseEmail(email.slice(at + 1));
}
