/**
 * The IMAP server of the mail-sync benchmark, in its own process so its memory is not the sync's:
 * `tsx bench/mailSyncServer.ts <messages> <partners>` fills INBOX (90 %) and Sent (10 %) with
 * deterministic mail, prints {"port":…} on one line, and serves until it is killed.
 */
import { rawMessage, startImapServer } from '../src/server/test/imapServer';

export const BENCH_MAILBOX = { user: 'bench@accord.test', password: 'bench-imap-password' };

/** Message i: from a partner's contact (60 %), someone else at a partner's domain (15 %), or a stranger. */
export function benchMessage(i: number, partners: number): { folder: 'INBOX' | 'Sent'; raw: string } {
  const p = (i * 7919) % partners;
  const kind = i % 20;
  const date = new Date(Date.UTC(2026, 0, 1) + i * 60_000);
  const body = `Hello,\r\n\r\nMessage ${i} about the sponsorship package. ${'Details follow. '.repeat(20)}\r\n`;
  if (kind < 2)
    return {
      folder: 'Sent',
      raw: rawMessage({
        from: BENCH_MAILBOX.user,
        to: `p0@partner${p}.example`,
        subject: `Proposal ${i}`,
        messageId: `<bench-${i}@accord.test>`,
        date,
        body,
      }),
    };
  const from =
    kind < 14
      ? `p0@partner${p}.example`
      : kind < 17
        ? `someone${i}@partner${p}.example`
        : `stranger${i}@elsewhere${i % 50}.example`;
  return {
    folder: 'INBOX',
    raw: rawMessage({
      from,
      to: BENCH_MAILBOX.user,
      subject: `Re: sponsorship ${i}`,
      messageId: `<bench-${i}@sender.example>`,
      date,
      body,
    }),
  };
}

if (process.argv[1]?.endsWith('mailSyncServer.ts')) {
  const messages = Number(process.argv[2] ?? 20_000);
  const partners = Number(process.argv[3] ?? 50_000);
  const inbox: string[] = [];
  const sent: string[] = [];
  for (let i = 0; i < messages; i++) {
    const m = benchMessage(i, partners);
    (m.folder === 'INBOX' ? inbox : sent).push(m.raw);
  }
  const server = await startImapServer({ ...BENCH_MAILBOX, inbox, sent });
  process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
}
