/**
 * Results computed from the database, kept while the data they came from is unchanged. An entry is stored
 * only when the data version (Kernel.dataVersion) read before and after computing it is the same, so the
 * computation saw one committed state; it is served only while the current version is still that one, and
 * a new version drops every entry. It is therefore never stale, provided the result depends on nothing but
 * committed data and its key: put the day, the time zone and the request in the key.
 *
 * A cached value is shared by every caller that gets it: treat it as read-only.
 */
export class VersionedCache<V> {
  private version: string | null = null;
  private readonly entries = new Map<string, V>();

  constructor(
    private readonly dataVersion: () => Promise<string>,
    private readonly maxEntries = 32,
  ) {}

  /**
   * The value for the key: the kept one while the data is unchanged (`cached`), else computed now. A caller
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
    const value = await compute();
    view.keep(key, value, await this.dataVersion());
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
  /** Keeps a value computed since, if the data version asked afterwards (`after`) is still this one. */
  keep(key: string, value: V, after: string): void;
}
