// V8 keeps a substring as a view of the string it was cut from: a name sliced from a 600 KB document keeps the
// whole document alive. Caches that outlive a document version store detached copies instead.

/** A copy of `text` that shares no memory with the string it may have been cut from. */
export function detached(text: string): string {
  // The concatenation is flattened into a new string of its own; the slice is a view of that small string.
  return ` ${text}`.slice(1);
}
