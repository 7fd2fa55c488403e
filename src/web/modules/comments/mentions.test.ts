import { describe, expect, it } from 'vitest';
import { insertMention, mentionedIds, mentionQuery, splitMentions } from './mentions';

const sam = { id: 'u1', name: 'Sam Sales' };
const ada = { id: 'u2', name: 'Ada' };

describe('mentions', () => {
  it('finds the @word being typed at the caret, only at a word start', () => {
    expect(mentionQuery('Hi @sa', 6)).toEqual({ start: 3, query: 'sa' });
    expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQuery('mail me@example', 15)).toBeNull();
    expect(mentionQuery('Hi @sam there', 13)).toBeNull();
  });

  it('replaces the typed query by the full name and moves the caret after it', () => {
    const r = insertMention('Hi @sa, see this', { start: 3, query: 'sa' }, sam);
    expect(r.text).toBe('Hi @Sam Sales , see this');
    expect(r.caret).toBe('Hi @Sam Sales '.length);
    expect(insertMention('@a x', { start: 0, query: 'a' }, ada).text).toBe('@Ada x');
  });

  it('keeps only the people whose mention is still in the text, once each', () => {
    expect(mentionedIds('Thanks @Sam Sales and @Sam Sales', [sam, ada, sam])).toEqual(['u1']);
    expect(mentionedIds('nobody here', [sam])).toEqual([]);
  });

  it('splits a body around the mentions, longest name first', () => {
    const segs = splitMentions('Ping @Sam Sales and @Ada.', [ada, sam]);
    expect(segs.map((s) => [s.text, s.mention?.id ?? null])).toEqual([
      ['Ping ', null],
      ['@Sam Sales', 'u1'],
      [' and ', null],
      ['@Ada', 'u2'],
      ['.', null],
    ]);
  });
});
