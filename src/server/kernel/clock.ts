/** Time is an argument: business code asks a Clock, tests and demos pin it (ACCORD_NOW). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(
  iso: string | Date,
): Clock & { set(iso: string | Date): void; advance(ms: number): void } {
  let t = new Date(iso).getTime();
  return {
    now: () => new Date(t),
    set: (v) => {
      t = new Date(v).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

export function isoNow(clock: Clock): string {
  return clock.now().toISOString();
}
