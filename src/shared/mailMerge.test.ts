import { describe, expect, it } from 'vitest';
import { mergeValues, renderTemplate, unknownTokens } from './mailMerge';

describe('mail merge', () => {
  const values = mergeValues({
    company: 'Acme Corp',
    contactName: '  Jane   van Dyke ',
    recipientEmail: 'jane@acme.example',
    senderName: 'Sam Okafor',
    senderEmail: 'sam@us.example',
    eventName: 'Summit 2026',
    eventYear: 2026,
  });

  it('renders tokens case-insensitively with spaces inside the braces', () => {
    expect(
      renderTemplate(
        'Hi {{ Recipient First Name }}, {{company_name}} at {{EVENT_NAME}} ({{event_year}}) — {{sender_full_name}}',
        values,
      ),
    ).toBe('Hi Jane, Acme Corp at Summit 2026 (2026) — Sam Okafor');
    expect(values.recipient_last_name).toBe('van Dyke');
  });

  it('falls back to the company name, then "your organization"', () => {
    const noContact = mergeValues({
      company: 'Acme Corp',
      contactName: '',
      recipientEmail: 'a@b.co',
      senderName: '',
      senderEmail: 'sam@us.example',
    });
    expect([
      noContact.recipient_first_name,
      noContact.recipient_last_name,
      noContact.sender_full_name,
      noContact.event_name,
    ]).toEqual(['Acme', 'Corp', 'sam', '']);
    expect(
      mergeValues({ company: ' ', contactName: '', recipientEmail: '', senderName: 'A', senderEmail: '' })
        .company_name,
    ).toBe('your organization');
  });

  it('finds unknown tokens', () => {
    expect(unknownTokens('{{recipient_email}} {{ First }} {{foo_bar}} {{ First }}')).toEqual([
      '{{ First }}',
      '{{foo_bar}}',
    ]);
    expect(unknownTokens('{{ contact name }}')).toEqual([]);
  });
});
