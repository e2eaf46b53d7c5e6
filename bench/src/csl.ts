// The CSL-JSON shapes the corpora use. CSL-JSON is open-ended and files are not always tidy, so only `id`
// and `type` are checked up front; every other property is read through the helpers below.

export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
  'non-dropping-particle'?: string;
  'dropping-particle'?: string;
}

export interface CslItem {
  id: string;
  type: string;
  [property: string]: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks id and type; throws on anything else so that a bad cache is never used. */
export function asCslItems(value: unknown): CslItem[] {
  if (!Array.isArray(value)) throw new Error('CSL-JSON: not an array');
  return value.map((item: unknown, i) => {
    if (!isObject(item) || typeof item.id !== 'string' || typeof item.type !== 'string') throw new Error(`CSL-JSON item ${i}: no id or type`);
    return item as CslItem; // checked above: id and type are strings; the rest is read through the helpers
  });
}

/** A property as text: strings as they are, numbers written out, anything else empty. */
export function textOf(item: CslItem, property: string): string {
  const value = item[property];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** A name list property (`author`, `editor`), keeping only well-formed names. */
export function namesOf(item: CslItem, property: 'author' | 'editor'): CslName[] {
  const value = item[property];
  if (!Array.isArray(value)) return [];
  const names: CslName[] = [];
  for (const name of value) {
    if (!isObject(name)) continue;
    const out: CslName = {};
    for (const key of ['family', 'given', 'literal', 'non-dropping-particle', 'dropping-particle'] as const) {
      const part = name[key];
      if (typeof part === 'string') out[key] = part;
    }
    names.push(out);
  }
  return names;
}

/** `issued`'s date parts, or an empty list. */
export function dateParts(item: CslItem): number[][] {
  const issued = item.issued;
  if (!isObject(issued) || !Array.isArray(issued['date-parts'])) return [];
  return issued['date-parts'].filter((p: unknown): p is unknown[] => Array.isArray(p))
    .map((p) => p.map(Number).filter((n) => Number.isFinite(n)));
}

/** The year of `issued`, or null. */
export function yearOf(item: CslItem): number | null {
  const first = dateParts(item)[0]?.[0];
  return first === undefined ? null : first;
}
