import { describe, expect, it } from 'vitest';
import { DEFAULT_SCOPE, scopeFromParams, scopeQuery, scopeToParams, windowOptions } from './scope';

const ID = '0192f0c4-7d2a-7a00-8b00-000000000001';
const read = (q: string) => scopeFromParams(new URLSearchParams(q));

describe('the Overview scope in the address', () => {
  it('reads an empty address as the defaults: auto year, all events, archived hidden, 21 days', () => {
    expect(read('')).toEqual(DEFAULT_SCOPE);
    expect(scopeToParams(DEFAULT_SCOPE).toString()).toBe('');
  });

  it('round-trips every control, and writes only what differs from the defaults', () => {
    const scope = { year: 2026, eventId: ID, includeArchived: true, windowDays: 45 } as const;
    const params = scopeToParams(scope);
    expect(params.toString()).toBe(`year=2026&eventId=${ID}&includeArchived=true&windowDays=45`);
    expect(scopeFromParams(params)).toEqual(scope);
    expect(scopeToParams({ ...DEFAULT_SCOPE, year: 'all' }).toString()).toBe('year=all');
  });

  it('falls back like the server for values it cannot use (reference §2.1)', () => {
    expect(read('year=1999').year).toBe('auto');
    expect(read('year=abc').year).toBe('auto');
    expect(read('year=2101').year).toBe('auto');
    expect(read('year=auto').year).toBe('auto');
    expect(read('eventId=not-an-id').eventId).toBeNull();
    expect(read('includeArchived=1').includeArchived).toBe(false);
    expect(read('windowDays=21.5').windowDays).toBe(21);
    expect(read('windowDays=').windowDays).toBe(21);
    expect(read('windowDays=3').windowDays).toBe(7);
    expect(read('windowDays=365').windowDays).toBe(90);
  });

  it('keeps other parameters of the address', () => {
    const params = scopeToParams({ ...DEFAULT_SCOPE, windowDays: 7 }, new URLSearchParams('tab=x&year=2020'));
    expect(params.toString()).toBe('tab=x&windowDays=7');
  });

  it('asks the API for the year mode explicitly and leaves out what is off', () => {
    expect(scopeQuery(DEFAULT_SCOPE)).toEqual({
      year: 'auto',
      eventId: undefined,
      includeArchived: undefined,
      windowDays: 21,
    });
    expect(scopeQuery({ year: 2025, eventId: ID, includeArchived: true, windowDays: 30 })).toEqual({
      year: '2025',
      eventId: ID,
      includeArchived: 'true',
      windowDays: 30,
    });
  });

  it('offers the five windows, plus one from the address', () => {
    expect(windowOptions(21)).toEqual([7, 14, 21, 30, 45]);
    expect(windowOptions(60)).toEqual([7, 14, 21, 30, 45, 60]);
  });
});
