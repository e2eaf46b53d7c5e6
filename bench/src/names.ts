// Generated surnames and years for the copies of the real entries: a 50,000-entry library of 92 names repeated
// would be nothing like a real one (every surname in 500 entries), so each copy after the first gets its
// own first-author surname and year, drawn deterministically from its copy number and base entry.
import { Prng, seedOf } from './prng';

const SEED = 0xc17e;
/** How many different generated surnames there are (about 2.5 entries per name in the 50k library). */
const SURNAME_POOL = 20_000;

const ONSETS = ['B', 'Br', 'C', 'Ch', 'D', 'F', 'G', 'Gr', 'H', 'J', 'K', 'Kr', 'L', 'M', 'N', 'P', 'R', 'S', 'Sch', 'St', 'T', 'V', 'W', 'Z', 'A', 'E', 'O', 'Ø', 'Ž', 'Š', 'Ö', 'Á'];
const MIDDLES = ['a', 'e', 'i', 'o', 'u', 'ar', 'el', 'in', 'or', 'an', 'au', 'ei', 'ou', 'ie', 'ä', 'ü', 'é', 'ø'];
const CODAS = ['n', 'r', 'son', 'sen', 'berg', 'mann', 'ski', 'ová', 'ez', 'ini', 'ard', 'ton', 'ley', 'stein', 'ić', 'strom', 'ström', 'well', 'er', 'el', 'ado', 'aki', 'ian', 'ow'];

function makeSurname(poolIndex: number): string {
  const prng = new Prng(seedOf(SEED, poolIndex));
  const syllables = prng.int(1, 2);
  let name = prng.pick(ONSETS);
  for (let s = 0; s < syllables; s++) name += prng.pick(MIDDLES) + (s + 1 < syllables ? prng.pick(['l', 'r', 'n', 'm', 'v', 'd', 't', 'k']) : '');
  name += prng.pick(CODAS);
  return name;
}

export interface Variant {
  /** The first author's (or editor's) surname in this copy. */
  readonly surname: string;
  /** The year this copy is dated. */
  readonly year: number;
}

/** The variant of base entry `index` in copy `copy` (copy 0 is the real entry, unchanged: null). */
export function variantOf(copy: number, index: number): Variant | null {
  if (copy === 0) return null;
  const prng = new Prng(seedOf(SEED, copy, index));
  const surname = makeSurname(prng.int(0, SURNAME_POOL - 1));
  const r = prng.next();
  // Weighted towards recent years, like real libraries.
  const year = 2024 - Math.floor(110 * r * r);
  return { surname, year };
}

/** The key of base entry `key` in copy `copy`. */
export function copyKey(key: string, copy: number): string {
  return copy === 0 ? key : `${key}-c${copy}`;
}
