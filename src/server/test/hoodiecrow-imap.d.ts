/** hoodiecrow-imap ships no types; the test server (imapServer.ts) describes the parts it uses. */
declare module 'hoodiecrow-imap' {
  const createServer: (options: unknown) => unknown;
  export default createServer;
}
declare module 'hoodiecrow-imap/lib/commands/handlers/fetch.js' {
  const handlers: Record<
    string,
    (connection: unknown, message: unknown, query: { partial?: number[] }) => unknown
  >;
  export default handlers;
}
