/** VersionedCache's rules, driven by a data version the test moves by hand. */
import { describe, expect, it } from 'vitest';
import { VersionedCache } from './versionedCache';

function setup(maxEntries?: number) {
  let version = 1;
  const computed: string[] = [];
  const cache = new VersionedCache<string>(async () => String(version), maxEntries);
  const get = (key: string, during?: () => void) =>
    cache.get(key, async () => {
      computed.push(key);
      during?.();
      return `${key}@${version}`;
    });
  return { cache, get, computed, bump: () => (version += 1) };
}

describe('VersionedCache', () => {
  it('computes a key once while the data version stays the same, each key apart', async () => {
    const { get, computed } = setup();
    expect(await get('a')).toEqual({ value: 'a@1', cached: false });
    expect(await get('a')).toEqual({ value: 'a@1', cached: true });
    expect(await get('b')).toEqual({ value: 'b@1', cached: false });
    expect(await get('b')).toEqual({ value: 'b@1', cached: true });
    expect(computed).toEqual(['a', 'b']);
  });

  it('computes again once the data version changed, and drops every older entry', async () => {
    const { get, computed, bump } = setup();
    await get('a');
    await get('b');
    bump();
    expect(await get('a')).toEqual({ value: 'a@2', cached: false });
    expect(await get('b')).toEqual({ value: 'b@2', cached: false });
    expect(await get('a')).toEqual({ value: 'a@2', cached: true });
    expect(computed).toEqual(['a', 'b', 'a', 'b']);
  });

  it('does not keep a value whose data changed while it was computed', async () => {
    const { get, computed, bump } = setup();
    // The computation may have read some rows before the change and some after: it is answered, not kept.
    expect(await get('a', bump)).toEqual({ value: 'a@2', cached: false });
    expect(await get('a')).toEqual({ value: 'a@2', cached: false });
    expect(await get('a')).toEqual({ value: 'a@2', cached: true });
    expect(computed).toEqual(['a', 'a']);
  });

  it('takes the version the caller asked for before computing as the one the value was computed from', async () => {
    const { cache, bump } = setup();
    const compute = async () => 'v';
    const asked = Promise.resolve('1');
    bump(); // the data changed after the caller asked: what it computes is not kept under version 1
    expect(await cache.get('a', compute, asked)).toEqual({ value: 'v', cached: false });
    expect(await cache.get('a', compute)).toEqual({ value: 'v', cached: false });
    expect(await cache.get('a', compute)).toEqual({ value: 'v', cached: true });
  });

  it('keeps at most maxEntries, dropping the oldest stored', async () => {
    const { get, computed } = setup(2);
    await get('a');
    await get('b');
    await get('c');
    expect((await get('b')).cached).toBe(true);
    expect((await get('c')).cached).toBe(true);
    expect((await get('a')).cached).toBe(false);
    expect(computed).toEqual(['a', 'b', 'c', 'a']);
  });
});

describe('VersionedCache: computations under way', () => {
  it('shares a computation with callers asking for the same key under the same version meanwhile', async () => {
    const { cache, computed } = setup();
    let finish!: (v: string) => void;
    const slow = () => {
      computed.push('a');
      return new Promise<string>((r) => (finish = r));
    };
    const first = cache.get('a', slow);
    const second = cache.get('a', slow);
    const other = cache.get('b', async () => 'b');
    await new Promise((r) => setTimeout(r, 0));
    finish('a@1');
    expect(await Promise.all([first, second, other])).toEqual([
      { value: 'a@1', cached: false },
      { value: 'a@1', cached: false },
      { value: 'b', cached: false },
    ]);
    expect(computed).toEqual(['a']);
    expect(await cache.get('a', slow)).toEqual({ value: 'a@1', cached: true });
  });

  it('does not share across versions, and a failed computation is neither kept nor shared afterwards', async () => {
    const { cache, bump } = setup();
    let finish!: (v: string) => void;
    const first = cache.get('a', () => new Promise<string>((r) => (finish = r)));
    await new Promise((r) => setTimeout(r, 0));
    bump();
    // Under the new version, its own computation.
    expect(await cache.get('a', async () => 'a@2')).toEqual({ value: 'a@2', cached: false });
    finish('a@1');
    expect((await first).value).toBe('a@1');

    const failing = cache.get('b', async () => {
      throw new Error('database gone');
    });
    await expect(failing).rejects.toThrow('database gone');
    expect(await cache.get('b', async () => 'b@2')).toEqual({ value: 'b@2', cached: false });
    expect(await cache.get('b', async () => 'never')).toEqual({ value: 'b@2', cached: true });
  });
});

describe('VersionedCache.at', () => {
  it('serves the entries of the version asked before, and keeps new values only if the version asked after is the same', async () => {
    const { cache, get, bump } = setup();
    await get('a');
    const view = await cache.at();
    expect(view.get('a')).toBe('a@1');
    expect(view.get('b')).toBeUndefined();
    view.keep('b', 'b@1', '1');
    expect((await cache.at()).get('b')).toBe('b@1');
    // Computed across a change: answered by the caller, not kept.
    bump();
    const stale = await cache.at(Promise.resolve('1'));
    stale.keep('c', 'c@1', '2');
    const now = await cache.at();
    expect(now.get('a')).toBeUndefined();
    expect(now.get('c')).toBeUndefined();
    now.keep('c', 'c@2', '2');
    expect((await get('c')).cached).toBe(true);
    expect((await get('a')).cached).toBe(false);
  });
});
