// A CSL style for formatting one entry at a time, as hovers, completion and reference lists do: the same style
// without its bibliography's <sort> (and without comments). One entry has nothing to sort, yet citeproc renders
// the sort keys of every item it registers (author names, dates, titles): about a sixth of a hover on a Harvard
// entry. Nothing else is dropped: the <citation> shapes the bibliography too (citeproc applies its name
// disambiguation to the entry), so it stays whole.
//
// Only the built-in styles are formatted so: they write each entry of a 50,000-entry library as their whole
// styles do. Custom styles keep their sort: citeproc carries state from the sort keys to the entry, and 12 of
// the 2,548 Zotero styles wrote some entry otherwise without them (a date range, the given names of two Smiths).

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
