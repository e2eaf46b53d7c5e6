// Where two versions of a text differ: their common prefix and common suffix, found with native string
// comparison a block at a time (a thesis is compared on every keystroke).

/** Everything between the common prefix and the common suffix of two versions differs. */
export interface TextEnds {
  readonly prefix: number;
  readonly suffix: number;
}

/** Length of the common prefix, compared a block at a time (native comparison), then character by character. */
export function commonPrefix(a: string, b: string): number {
  const shorter = Math.min(a.length, b.length);
  let at = 0;
  for (let step = 1 << 16; step >= 1; step >>= 4) {
    while (at + step <= shorter && a.slice(at, at + step) === b.slice(at, at + step)) at += step;
  }
  return at;
}

/** Length of the common suffix, not reaching into the first `prefix` characters of either. */
export function commonSuffix(a: string, b: string, prefix: number): number {
  const limit = Math.min(a.length, b.length) - prefix;
  let length = 0;
  for (let step = 1 << 16; step >= 1; step >>= 4) {
    while (length + step <= limit && a.slice(a.length - length - step, a.length - length) === b.slice(b.length - length - step, b.length - length)) length += step;
  }
  return length;
}

export function textEnds(a: string, b: string): TextEnds {
  const prefix = commonPrefix(a, b);
  return { prefix, suffix: commonSuffix(a, b, prefix) };
}
