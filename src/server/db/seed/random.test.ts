/** The seeded generator's shuffle: a permutation of its input, the same for the same seed, input untouched. */
import { describe, expect, it } from 'vitest';
import { Rng } from './random';

describe('Rng.shuffled', () => {
  it('returns every item once, in an order fixed by the seed, and leaves the input as it was', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    const a = new Rng(7).shuffled(items);
    expect([...a].sort((x, y) => x - y)).toEqual(items);
    expect(a).not.toEqual(items);
    expect(new Rng(7).shuffled(items)).toEqual(a);
    expect(new Rng(8).shuffled(items)).not.toEqual(a);
    expect(items).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('puts each item first about equally often', () => {
    const rng = new Rng(1);
    const first = [0, 0, 0];
    for (let i = 0; i < 3000; i++) first[rng.shuffled([0, 1, 2])[0]!]! += 1;
    for (const n of first) expect(n).toBeGreaterThan(850);
  });
});
