/** The domain of a web address or an email address, as the partner duplicate check compares them. */

/** "https://www.Acme.example/about" → "acme.example"; "" when there is none. */
export function websiteDomain(url: string): string {
  const host = url
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/^www\./, '')
    .split(/[/?#:]/)[0];
  return host && host.includes('.') ? host : '';
}

/** Mailbox providers many unrelated companies share: their domain says nothing about the company. */
export const SHARED_MAIL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'yahoo.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'gmx.de',
  'web.de',
]);

/** "Ada@Acme.example" → "acme.example"; "" when there is none or it is a shared mailbox provider. */
export function emailDomain(email: string): string {
  const e = email.trim().toLowerCase();
  const at = e.lastIndexOf('@');
  const domain = at >= 0 ? e.slice(at + 1) : '';
  return domain.includes('.') && !SHARED_MAIL_DOMAINS.has(domain) ? domain : '';
}
