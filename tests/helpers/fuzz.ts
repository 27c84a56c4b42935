/**
 * Seeded randomness for fuzz tests: the same seed gives the same cases, so a failure names the seed
 * and case number that reproduce it (FUZZ_SEED=<n> to try another sequence).
 */
export function seededRandom(seed: number): () => number {
  // mulberry32: tiny, fast, and good enough to spread test cases.
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function fuzzSeed(fallback: number): number {
  const fromEnv = Number(process.env.FUZZ_SEED);
  return Number.isInteger(fromEnv) ? fromEnv : fallback;
}

export function picker(random: () => number) {
  return {
    pick: <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)],
    int: (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1)),
  };
}
