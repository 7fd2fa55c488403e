/**
 * Results computed from the database, kept while the data they came from is unchanged. An entry is stored
 * only when the data version (Kernel.dataVersion) read before and after computing it is the same, so the
 * computation saw one committed state; it is served only while the current version is still that one, and
 * a new version drops every entry. It is therefore never stale, provided the result depends on nothing but
 * committed data and its key: put the day, the time zone and the request in the key.
 *
 * A computation under way is shared too: a caller asking for the same key under the same version while it
 * runs waits for it instead of repeating it (the team opening the Overview together after a change).
 *
 * A cached value is shared by every caller that gets it: treat it as read-only.
 */
export class VersionedCache<V> {
  private version: string | null = null;
  private readonly entries = new Map<string, V>();
  /** Computations under way, by version and key; each removes itself when it settles. */
  private readonly running = new Map<string, Promise<V>>();

  constructor(
    private readonly dataVersion: () => Promise<string>,
    private readonly maxEntries = 32,
  ) {}

  /**
   * The value for the key: the kept one while the data is unchanged (`cached`), else computed now (or by a
   * caller already computing it under the same version). A caller
   * that reads other things first may pass the version it asked for beside them (`asked`, read before
   * `compute` runs) to save a round trip.
   */
  async get(
    key: string,
    compute: () => Promise<V>,
    asked: Promise<string> = this.dataVersion(),
  ): Promise<{ value: V; cached: boolean }> {
    const view = await this.at(asked);
    const hit = view.get(key);
    if (hit !== undefined) return { value: hit, cached: true };
    const computing = view.share(key, compute);
    const value = await computing.value;
    if (!computing.joined) view.keep(key, value, await this.dataVersion());
    return { value, cached: false };
  }

  /**
   * The entries of the data version asked before anything is read (`asked`): for a caller that reads
   * several keys, of one or more caches, and computes the missing ones together. It asks the version again
   * once, after computing, and passes that answer to `keep` for each new value (kept only if unchanged).
   */
  async at(asked: Promise<string> = this.dataVersion()): Promise<VersionView<V>> {
    const before = await asked;
    return {
      get: (key) => (before === this.version ? this.entries.get(key) : undefined),
      share: (key, compute) => {
        const id = JSON.stringify([before, key]);
        const under = this.running.get(id);
        if (under) return { value: under, joined: true };
        const value = compute();
        this.running.set(id, value);
        const done = () => void this.running.delete(id);
        value.then(done, done);
        return { value, joined: false };
      },
      keep: (key, value, after) => {
        if (after === before) this.store(before, key, value);
      },
    };
  }

  private store(version: string, key: string, value: V): void {
    if (version !== this.version) {
      this.version = version;
      this.entries.clear();
    }
    this.entries.delete(key);
    // The oldest entry goes first (a Map iterates in insertion order).
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
  }
}

/** A cache as of one data version (VersionedCache.at). */
export interface VersionView<V> {
  /** The value kept for the key under this version, if any. */
  get(key: string): V | undefined;
  /**
   * The computation of the key under this version: one already under way (`joined`: its starter keeps it),
   * else `compute` started now.
   */
  share(key: string, compute: () => Promise<V>): { value: Promise<V>; joined: boolean };
  /** Keeps a value computed since, if the data version asked afterwards (`after`) is still this one. */
  keep(key: string, value: V, after: string): void;
}
