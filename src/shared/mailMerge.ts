/** Mail merge: the twelve merge fields, template checks and rendering (reference §3.6). */

export const MERGE_FIELDS = [
  'recipient_first_name',
  'recipient_last_name',
  'recipient_full_name',
  'recipient_email',
  'sender_first_name',
  'sender_last_name',
  'sender_full_name',
  'sender_email',
  'company_name',
  'contact_name',
  'event_name',
  'event_year',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
export type MergeValues = Record<MergeField, string>;

const TOKEN = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Tokens in a template that are not merge fields (case-insensitive, spaces allowed inside the braces). */
export function unknownTokens(template: string): string[] {
  const unknown = new Set<string>();
  for (const m of template.matchAll(TOKEN)) {
    const name = m[1]!.toLowerCase().replace(/\s+/g, '_');
    if (!(MERGE_FIELDS as readonly string[]).includes(name)) unknown.add(m[0]);
  }
  return [...unknown];
}

export function renderTemplate(template: string, values: MergeValues): string {
  return template.replace(
    TOKEN,
    (_all, raw: string) => values[raw.toLowerCase().replace(/\s+/g, '_') as MergeField] ?? '',
  );
}

function splitName(full: string): [string, string] {
  const words = full.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  return [words[0] ?? '', words.slice(1).join(' ')];
}

/** The values for one recipient, with the reference's fallbacks. */
export function mergeValues(input: {
  company: string;
  contactName: string;
  recipientEmail: string;
  senderName: string;
  senderEmail: string;
  eventName?: string;
  eventYear?: number | null;
}): MergeValues {
  const company = input.company.trim() || 'your organization';
  const contact = input.contactName.replace(/\s+/g, ' ').trim();
  const recipient = contact || company;
  const [rFirst, rLast] = splitName(recipient);
  const sender = input.senderName.replace(/\s+/g, ' ').trim() || input.senderEmail.split('@')[0]!;
  const [sFirst, sLast] = splitName(sender);
  return {
    recipient_first_name: rFirst,
    recipient_last_name: rLast,
    recipient_full_name: recipient,
    recipient_email: input.recipientEmail,
    sender_first_name: sFirst,
    sender_last_name: sLast,
    sender_full_name: sender,
    sender_email: input.senderEmail,
    company_name: company,
    contact_name: recipient,
    event_name: input.eventName ?? '',
    event_year: input.eventYear ? String(input.eventYear) : '',
  };
}

export const MAX_RECIPIENTS = 200;
