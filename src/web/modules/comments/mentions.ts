/** @mentions in comment text: which are being typed, which remain, and how a body splits around them. */

export interface Person {
  id: string;
  name: string;
}

/** The "@sa" the caret is right after (start of text or after a space), or null. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const m = /(^|\s)@([^\s@]{0,40})$/.exec(text.slice(0, caret));
  if (!m) return null;
  return { start: caret - m[2]!.length - 1, query: m[2]! };
}

/** The text with "@query" at `start` replaced by "@Name ", and where the caret goes next. */
export function insertMention(
  text: string,
  at: { start: number; query: string },
  person: Person,
): { text: string; caret: number } {
  const before = text.slice(0, at.start);
  const after = text.slice(at.start + 1 + at.query.length);
  const inserted = `@${person.name} `;
  return { text: before + inserted + after.replace(/^ /, ''), caret: before.length + inserted.length };
}

/** Of the people picked while typing, those whose "@Name" is still in the text. */
export function mentionedIds(text: string, picked: Person[]): string[] {
  return [...new Set(picked.filter((p) => text.includes(`@${p.name}`)).map((p) => p.id))];
}

export type Segment = { text: string; mention?: undefined } | { text: string; mention: Person };

/** The body cut into plain text and "@Name" pieces, for highlighting the people it mentions. */
export function splitMentions(body: string, people: Person[]): Segment[] {
  const names = [...people].sort((a, b) => b.name.length - a.name.length);
  const out: Segment[] = [];
  let plain = '';
  let i = 0;
  while (i < body.length) {
    const who = body[i] === '@' ? names.find((p) => body.startsWith(`@${p.name}`, i)) : undefined;
    if (who) {
      if (plain) out.push({ text: plain });
      plain = '';
      out.push({ text: `@${who.name}`, mention: who });
      i += who.name.length + 1;
    } else {
      plain += body[i];
      i++;
    }
  }
  if (plain) out.push({ text: plain });
  return out;
}
