// A CSL style for formatting one entry at a time, as hovers, completion and reference lists do: the same style
// without its bibliography's <sort> (and without comments). One entry has nothing to sort, yet citeproc renders
// the sort keys of every item it registers (author names, dates, titles): about a sixth of a hover on a Harvard
// entry. Nothing else is dropped: the <citation> shapes the bibliography too (citeproc applies its name
// disambiguation to the entry), so it stays whole.

const BIBLIOGRAPHY_START = /<(?:cs:)?bibliography\b[^<>]*>/;
/** From the end of the bibliography's start tag: a <sort> (its first child, by the CSL schema) of keys only. */
const SORT = /(\s*)<(?:cs:)?sort\b[^<>]*>(?:[^<]|<(?:cs:)?key\b[^<>]*>|<\/(?:cs:)?key\s*>)*<\/(?:cs:)?sort\s*>/y;

/**
 * The text without XML comments, which mean nothing to citeproc but may hold a tag or sit inside the sort; null
 * when a comment is never closed (the style is broken, and citeproc says so).
 */
function withoutComments(xml: string): string | null {
  const parts: string[] = [];
  let at = 0;
  for (let open = xml.indexOf('<!--'); open !== -1; open = xml.indexOf('<!--', at)) {
    const close = xml.indexOf('-->', open + 4);
    if (close === -1) return null;
    parts.push(xml.slice(at, open));
    at = close + 3;
  }
  parts.push(xml.slice(at));
  return parts.join('');
}

/** The style's XML without comments and without its bibliography's <sort>; a style without one comes back as it is. */
export function singleEntryStyle(xml: string): string {
  const text = withoutComments(xml);
  if (text === null) return xml;
  const start = BIBLIOGRAPHY_START.exec(text);
  if (start === null) return xml;
  SORT.lastIndex = start.index + start[0].length;
  const sort = SORT.exec(text);
  return sort === null ? xml : text.slice(0, sort.index + sort[1].length) + text.slice(SORT.lastIndex);
}

/** A name's family as citeproc's given-name disambiguation keys it, or coarser (two names it counts as one family share a key). */
function familyKey(name: Readonly<Record<string, unknown>>): string | null {
  return typeof name.family === 'string' ? name.family.toLowerCase().replace(/[\s.]+/g, '') : null;
}

/**
 * Whether an item comes out in the single-entry style as in the whole style: not when two of its persons (of
 * any role) share a family name, or may (a name with other spellings, `multi`). Citeproc's given-name
 * disambiguation counts the given names it has seen under each family name; the sort keys show it all of an
 * entry's names before the entry is written, and without them a style that adds given names can write the
 * first of two Smiths `Smith, J.` where the whole style writes `Smith, John` (6 of 2,474 Zotero styles do).
 * Date ranges are not sent to the whole style: how citeproc writes one in some styles depends on what it wrote
 * before, whole style or not (the end of the range can land in the next date, `1988–Accessed: 1990`).
 */
export function formatsAsWholeStyle(item: Readonly<Record<string, unknown>>): boolean {
  const families = new Set<string>();
  for (const value of Object.values(item)) {
    if (!Array.isArray(value)) continue;
    for (const name of value as unknown[]) {
      if (typeof name !== 'object' || name === null) continue;
      if ('multi' in name) return false;
      const family = familyKey(name as Record<string, unknown>);
      if (family === null) continue;
      if (families.has(family)) return false;
      families.add(family);
    }
  }
  return true;
}
