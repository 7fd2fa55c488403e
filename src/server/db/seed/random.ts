/** A small seeded PRNG (mulberry32) so generated data is the same on every run. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** The items in a random order (Fisher–Yates), as a new array. */
  shuffled<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

export const FIRST_NAMES = [
  'Olivia',
  'Liam',
  'Emma',
  'Noah',
  'Amelia',
  'Lucas',
  'Sophia',
  'Mateo',
  'Chloé',
  'Ethan',
  'Maya',
  'Arjun',
  'Zoe',
  'Félix',
  'Aisha',
  'Daniel',
  'Léa',
  'Hiroshi',
  'Priya',
  'Samuel',
  'Ingrid',
  'Omar',
  'Grace',
  'Mei',
  'Gabriel',
  'Nora',
  'Rafael',
  'Hannah',
  'Tomás',
  'Fatima',
  'Jonas',
  'Elena',
  'Kwame',
  'Sofia',
  'Benjamin',
  'Yara',
  'Mohammed',
  'Clara',
  'Isaac',
  'Anika',
] as const;
export const LAST_NAMES = [
  'Tremblay',
  'Nguyen',
  'Smith',
  'Gagnon',
  'Roy',
  'Patel',
  'Martin',
  'Chen',
  'Lee',
  'Wilson',
  'Côté',
  'Singh',
  'Brown',
  'Kowalski',
  'Bouchard',
  'Garcia',
  'Okafor',
  'Johansson',
  'Morin',
  'Kim',
  'Fischer',
  'Haddad',
  'Lavoie',
  'Rossi',
  'Murphy',
  'Tanaka',
  'Dubois',
  'Silva',
  'Campbell',
  'Ibrahim',
  'Novak',
  'Walsh',
] as const;
export const DEPARTMENTS = [
  'Partnerships',
  'Sales',
  'Finance',
  'Operations',
  'Marketing',
  'Customer Success',
  'Executive',
] as const;
