// A merge sort that can stop after any number of moves and go on later: idle time sorts the keys of a
// 50,000-entry library in slices of a few milliseconds rather than in one pause of tens of milliseconds.

/** Sorts the numbers `0..count-1` by `before`, stably (equal ones stay in ascending order), a few moves at a time. */
export class StepwiseSort {
  #from: Int32Array;
  #to: Int32Array;
  /** Length of the sorted runs that the current pass merges in pairs. */
  #width = 1;
  /** Where the pair being merged starts, the next number of each of its two runs, and where the next one goes. */
  #start = 0;
  #left = 0;
  #right = 1;
  #next = 0;

  constructor(
    count: number,
    private readonly before: (a: number, b: number) => boolean,
  ) {
    this.#from = new Int32Array(count);
    for (let i = 0; i < count; i++) this.#from[i] = i;
    this.#to = new Int32Array(count);
  }

  /** Moves up to `moves` numbers; the sorted numbers once the sort is done (and on every call after), else null. */
  step(moves: number): Int32Array | null {
    const count = this.#from.length;
    while (this.#width < count) {
      const from = this.#from;
      const to = this.#to;
      const middle = Math.min(this.#start + this.#width, count);
      const end = Math.min(this.#start + 2 * this.#width, count);
      let left = this.#left;
      let right = this.#right;
      let next = this.#next;
      // Ties take the left run's number first: that keeps the sort stable.
      for (; next < end && moves > 0; next++, moves--) {
        to[next] = left < middle && (right >= end || !this.before(from[right], from[left])) ? from[left++] : from[right++];
      }
      if (next < end) {
        this.#left = left;
        this.#right = right;
        this.#next = next;
        return null;
      }
      this.#start = end;
      if (this.#start >= count) {
        this.#from = to;
        this.#to = from;
        this.#width *= 2;
        this.#start = 0;
      }
      this.#left = this.#start;
      this.#right = Math.min(this.#start + this.#width, count);
      this.#next = this.#start;
    }
    return this.#from;
  }
}
