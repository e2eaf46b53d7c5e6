// Which entries have a word, or a key, that starts with given characters: the first few characters of every
// word of every entry's search text, and of its folded and lower-case keys, are hashed into buckets of entry
// positions. A bucket can also hold other beginnings (hashes collide), so what it names are candidates, which the
// search checks against the text itself. Built in two passes over the entries, a few at a time: the first counts
// each bucket's entries, the second files them straight into one array (no list per bucket, nothing to copy).

/** How many first characters of a word are hashed: a longer word is looked up by these and checked by the search. */
const PREFIX_LENGTH = 3;
/** Most buckets an index has: 2^17 (half a megabyte of starts) keeps collisions rare in a 50,000-entry library. */
const MOST_BUCKET_BITS = 17;
/** Buckets per entry, for a small library: an entry's words have a dozen or two beginnings, many of them shared. */
const BUCKETS_PER_ENTRY = 8;
// One seed per kind of beginning: the same characters hash to different buckets as a word's, a folded key's and a typed key's.
const WORD_SEED = 0x811c9dc5;
const FOLDED_KEY_SEED = 0x2c1b3c6d;
const KEY_SEED = 0x1b873593;

/** `hash` with character code `code` added (FNV-1a: its top bits are the best mixed, and make the bucket). */
function extended(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}

/** A hash of the first `PREFIX_LENGTH` characters of `text` (all of them when it is shorter). */
function hashOfStart(seed: number, text: string): number {
  let hash = seed;
  for (let k = 0; k < Math.min(text.length, PREFIX_LENGTH); k++) hash = extended(hash, text.charCodeAt(k));
  return hash;
}

export class PrefixIndex {
  readonly #bits: number;
  /** Where each bucket's positions start in `#positions`; during the passes, each bucket's count, then its next free place. */
  readonly #starts: Int32Array;
  #positions = new Int32Array(0);
  /** The last entry put in each bucket, so that an entry goes in once, and the buckets of the entry at hand; only while building. */
  #last: Int32Array | null = null;
  #found = new Int32Array(0);
  #counted = 0;
  #filed = 0;

  /** An index of `count` entries. */
  constructor(private readonly count: number) {
    this.#bits = Math.min(MOST_BUCKET_BITS, Math.ceil(Math.log2(Math.max(2, count * BUCKETS_PER_ENTRY))));
    this.#starts = new Int32Array((1 << this.#bits) + 1);
  }

  /** Whether every entry is filed, so that candidates can be asked for. */
  get ready(): boolean {
    return this.#filed === this.count;
  }

  /** How many entries the second pass has filed. */
  get filed(): number {
    return this.#filed;
  }

  /** First pass: counts the buckets of entry `at`, entries in ascending order from 0. */
  countEntry(at: number, text: string, foldedKey: string, lowerKey: string): void {
    const starts = this.#starts;
    const found = this.#bucketsOf(at, text, foldedKey, lowerKey);
    for (let n = 0; n < found; n++) starts[this.#found[n] + 1]++;
    if (++this.#counted === this.count) {
      // Counts to starts: bucket b starts where the buckets before it end.
      for (let bucket = 1; bucket < starts.length; bucket++) starts[bucket] += starts[bucket - 1];
      this.#positions = new Int32Array(starts[starts.length - 1]);
      this.#last!.fill(-1);
    }
  }

  /** Second pass, once every entry is counted: files entry `at` in its buckets, entries in ascending order from 0. */
  fileEntry(at: number, text: string, foldedKey: string, lowerKey: string): void {
    const starts = this.#starts;
    const found = this.#bucketsOf(at, text, foldedKey, lowerKey);
    // Meanwhile starts[b] is the next free place of bucket b: once all are filed, that is where bucket b + 1 starts.
    for (let n = 0; n < found; n++) this.#positions[starts[this.#found[n]]++] = at;
    if (++this.#filed === this.count) {
      starts.copyWithin(1, 0, starts.length - 1);
      starts[0] = 0;
      this.#last = null;
      this.#found = new Int32Array(0);
    }
  }

  /** Entries that may have a word starting with `word` (which has no space), ascending. */
  wordCandidates(word: string): Int32Array {
    return this.#bucket(hashOfStart(WORD_SEED, word));
  }

  /** Entries whose folded key may start with `word`, ascending. */
  foldedKeyCandidates(word: string): Int32Array {
    return this.#bucket(hashOfStart(FOLDED_KEY_SEED, word));
  }

  /** Entries whose lower-case key may start with `typedKey`, ascending. */
  keyCandidates(typedKey: string): Int32Array {
    return this.#bucket(hashOfStart(KEY_SEED, typedKey));
  }

  #bucket(hash: number): Int32Array {
    const bucket = hash >>> (32 - this.#bits);
    return this.#positions.subarray(this.#starts[bucket], this.#starts[bucket + 1]);
  }

  /**
   * Puts in `#found` each bucket entry `at` belongs in, once: those of its words' beginnings (after each space)
   * and of its keys'. Returns how many there are.
   */
  #bucketsOf(at: number, text: string, foldedKey: string, lowerKey: string): number {
    const most = PREFIX_LENGTH * (text.length + 2);
    if (this.#found.length < most) this.#found = new Int32Array(most);
    let count = 0;
    for (let space = text.indexOf(' '); space !== -1; space = text.indexOf(' ', space + 1)) {
      // A word ends at the next space: a query word (which has none) cannot match across it.
      let end = space + 1;
      while (end < Math.min(text.length, space + 1 + PREFIX_LENGTH) && text.charCodeAt(end) !== 32) end++;
      count = this.#beginnings(at, WORD_SEED, text, space + 1, end, count);
    }
    count = this.#beginnings(at, FOLDED_KEY_SEED, foldedKey, 0, Math.min(foldedKey.length, PREFIX_LENGTH), count);
    return this.#beginnings(at, KEY_SEED, lowerKey, 0, Math.min(lowerKey.length, PREFIX_LENGTH), count);
  }

  /** Adds to `#found`, after its first `count`, the buckets of `text` from `start` to each place up to `end` that entry `at` is not in yet. */
  #beginnings(at: number, seed: number, text: string, start: number, end: number, count: number): number {
    const last = (this.#last ??= new Int32Array(this.#starts.length - 1).fill(-1));
    let hash = seed;
    for (let k = start; k < end; k++) {
      hash = extended(hash, text.charCodeAt(k));
      const bucket = hash >>> (32 - this.#bits);
      if (last[bucket] !== at) {
        last[bucket] = at;
        this.#found[count++] = bucket;
      }
    }
    return count;
  }
}
