import { describe, expect, it } from 'vitest';
import {
  isClosed,
  isStaleEligible,
  labelFromSlug,
  normaliseStatus,
  normaliseStoredStatus,
  statusGroup,
  statusLabel,
  statusOptions,
} from './statuses';

describe('link statuses', () => {
  it('groups statuses: secured = confirmed, paid; lost = declined, backed out; open = the rest, custom included', () => {
    expect(['confirmed', 'paid'].map(statusGroup)).toEqual(['secured', 'secured']);
    expect(['declined', 'backed_out'].map(statusGroup)).toEqual(['lost', 'lost']);
    expect(
      [
        'prospecting',
        'pitched',
        'reached_out',
        'shortlist',
        'in_conversation',
        'followed_up',
        'waiting_on_legal',
      ].map(statusGroup),
    ).toEqual(Array(7).fill('open'));
    expect(isClosed('paid') && isClosed('declined') && isClosed('backed_out') && !isClosed('confirmed')).toBe(
      true,
    );
    expect(
      isStaleEligible('confirmed') && !isStaleEligible('paid') && !isStaleEligible('waiting_on_legal'),
    ).toBe(true);
  });

  it('normalises on write: default, aliases, custom slugs, refusal of symbol-only values', () => {
    expect(normaliseStatus('')).toEqual({ ok: true, status: 'reached_out' });
    expect(normaliseStatus('   ')).toEqual({ ok: true, status: 'reached_out' });
    expect(normaliseStatus(undefined)).toEqual({ ok: true, status: 'reached_out' });
    expect(normaliseStatus('Reached Out')).toEqual({ ok: true, status: 'reached_out' });
    expect(normaliseStatus(' IN CONVERSATION ')).toEqual({ ok: true, status: 'in_conversation' });
    expect(normaliseStatus('followed up')).toEqual({ ok: true, status: 'followed_up' });
    expect(normaliseStatus('Backed Out')).toEqual({ ok: true, status: 'backed_out' });
    expect(normaliseStatus('Confirmed')).toEqual({ ok: true, status: 'confirmed' });
    expect(normaliseStatus('Waiting on legal!!')).toEqual({ ok: true, status: 'waiting_on_legal' });
    expect(normaliseStatus('--Hold--')).toEqual({ ok: true, status: 'hold' });
    expect(normaliseStatus('constructor')).toEqual({ ok: true, status: 'constructor' });
    expect(normaliseStatus('__proto__')).toEqual({ ok: true, status: 'proto' });
    expect(normaliseStatus('!!!').ok).toBe(false);
    const long = normaliseStatus('a'.repeat(100));
    expect(long.ok && long.status.length).toBe(60);
    expect(normaliseStoredStatus('###')).toBe('reached_out');
  });

  it('labels canonical and custom statuses and lists options canonical-first', () => {
    expect(statusLabel('in_conversation')).toBe('In Conversation');
    expect(statusLabel('waiting_on_legal')).toBe('Waiting On Legal');
    expect(labelFromSlug('gold_sponsor')).toBe('Gold Sponsor');
    const opts = statusOptions(['zeta', 'paid', 'alpha', 'alpha']);
    expect(opts.map((o) => o.key)).toEqual([
      'prospecting',
      'pitched',
      'reached_out',
      'shortlist',
      'in_conversation',
      'followed_up',
      'confirmed',
      'paid',
      'declined',
      'backed_out',
      'alpha',
      'zeta',
    ]);
    expect(opts.at(-1)).toEqual({ key: 'zeta', label: 'Zeta', group: 'open', custom: true });
  });
});
