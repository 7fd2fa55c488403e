/**
 * The answers `src/web/early.js` asked for before the app's code arrived, each handed out once: a request
 * for the same address uses it instead of asking again.
 */
declare global {
  interface Window {
    __accordEarly?: Record<string, Promise<Response> | undefined>;
  }
}

export function claimEarly(url: string): Promise<Response> | undefined {
  const early = typeof window === 'undefined' ? undefined : window.__accordEarly;
  const answer = early?.[url];
  if (answer) delete early[url];
  return answer;
}
