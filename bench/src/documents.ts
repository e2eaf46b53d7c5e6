// Generated documents: author-date prose with an in-document reference list (an essay, a thesis, the thesis
// scaled), and pandoc Markdown citing keys of a `.bib` named in its front matter. Entries come from the
// scaled library's CSL items, so the names and years are the library's.
import { namesOf, textOf, yearOf, type CslItem, type CslName } from './csl';
import { Prng } from './prng';
import { headingWords, sentence } from './prose';

export interface AuthorDateSpec {
  readonly title: string;
  readonly words: number;
  readonly citations: number;
  readonly listEntries: number;
  /** Share of citations with a deliberate fault (misspelt name, wrong year). */
  readonly faultRate: number;
  /** Chapters (headings) in the text; 0 for an essay. */
  readonly chapters: number;
  readonly seed: number;
}

export interface PandocSpec {
  readonly title: string;
  readonly words: number;
  readonly citations: number;
  /** How many different keys of the library the text cites. */
  readonly distinctKeys: number;
  /** Share of citation items naming a key the library does not have. */
  readonly missingRate: number;
  readonly bibliography: string;
  readonly chapters: number;
  readonly seed: number;
}

export interface GeneratedDocument {
  readonly text: string;
  readonly words: number;
  readonly citations: number;
  readonly listEntries: number;
  /** For pandoc documents: the keys cited that the library lacks, sorted. */
  readonly missingKeys: readonly string[];
}

interface ListEntry {
  readonly surnames: readonly string[];
  readonly year: number;
  readonly text: string;
  readonly pages: readonly [number, number] | null;
}

const UPPER_START = /^\p{Lu}[\p{L}\p{M}'’-]*(?: \p{Lu}[\p{L}\p{M}'’-]*)?$/u;

function initials(given: string | undefined): string {
  if (!given) return '';
  return given.split(/[\s.-]+/).filter((g) => g.length > 0).map((g) => `${g[0]}.`).join(' ');
}

function nameList(names: readonly CslName[]): string {
  const written = names.map((n) => {
    const i = initials(n.given);
    return i ? `${n.family ?? ''}, ${i}` : n.family ?? '';
  });
  if (written.length === 1) return written[0];
  return `${written.slice(0, -1).join(', ')} and ${written[written.length - 1]}`;
}

function clean(text: string): string {
  return text.replace(/[*_`[\]()<>#]/g, '').replace(/\s+/g, ' ').trim();
}

function pageRange(page: string): readonly [number, number] | null {
  const match = /^(\d+)\s*[-–]+\s*(\d+)$/.exec(page);
  if (!match) return null;
  const from = Number(match[1]);
  const to = Number(match[2]);
  return from < to ? [from, to] : null;
}

function harvardEntry(item: CslItem, surnames: readonly string[], year: number): ListEntry | null {
  const authors = namesOf(item, 'author').filter((a) => a.family !== undefined);
  if (authors.length === 0) return null;
  const names = nameList(authors);
  const title = clean(textOf(item, 'title'));
  if (!title) return null;
  const container = clean(textOf(item, 'container-title'));
  const place = clean(textOf(item, 'publisher-place'));
  const publisher = clean(textOf(item, 'publisher'));
  const imprint = [place, publisher].filter((p) => p).join(': ');
  const pages = pageRange(textOf(item, 'page'));
  const pageText = pages ? `, p.${pages[0]}-${pages[1]}` : '';
  let text: string;
  if (item.type === 'article-journal' && container) {
    const [vol, issue] = [textOf(item, 'volume'), textOf(item, 'issue')];
    const volume = vol ? `, ${vol}${issue ? `(${issue})` : ''}` : '';
    text = `${names} (${year}) '${title}', *${container}*${volume}${pageText}`;
  } else if ((item.type === 'chapter' || item.type === 'paper-conference') && container) {
    text = `${names} (${year}) '${title}' in *${container}*${imprint ? `. ${imprint}` : ''}${pageText}`;
  } else {
    text = `${names} (${year}) *${title}*.${imprint ? ` ${imprint}` : ''}`;
  }
  return { surnames, year, text, pages };
}

/** Picks `count` entries with written surnames and a year, no two with the same first author and year. */
function pickEntries(items: readonly CslItem[], count: number, prng: Prng): ListEntry[] {
  const order = items.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = prng.int(0, i);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const seen = new Set<string>();
  // Copies of one chapter share their book and pages; two of them in one list would be a corpus artefact.
  const chapters = new Set<string>();
  const picked: ListEntry[] = [];
  for (const i of order) {
    if (picked.length === count) break;
    const item = items[i];
    const surnames = namesOf(item, 'author').map((a) => a.family ?? '');
    const year = yearOf(item);
    if (surnames.length === 0 || !surnames.every((s) => UPPER_START.test(s)) || year === null) continue;
    const id = `${surnames[0].toLowerCase()}|${year}`;
    if (seen.has(id)) continue;
    const entry = harvardEntry(item, surnames, year);
    if (!entry) continue;
    const container = textOf(item, 'container-title');
    const chapter = entry.pages && container ? `${container}|${entry.pages[0]}` : null;
    if (chapter !== null && chapters.has(chapter)) continue;
    if (chapter !== null) chapters.add(chapter);
    seen.add(id);
    picked.push(entry);
  }
  if (picked.length < count) throw new Error(`only ${picked.length} usable entries for a list of ${count}`);
  return picked.sort((a, b) => a.surnames[0].localeCompare(b.surnames[0], 'en') || a.year - b.year);
}

function citedAuthors(entry: ListEntry): string {
  const s = entry.surnames;
  if (s.length === 1) return s[0];
  if (s.length === 2) return `${s[0]} and ${s[1]}`;
  return `${s[0]} et al.`;
}

function misspell(name: string, prng: Prng): string {
  if (name.length < 5) return `${name}e`;
  const i = prng.int(1, name.length - 3);
  return name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2);
}

/** Where each of `count` citations goes among `sentences` sentences (distinct, sorted). */
function citedSentences(sentences: number, count: number, prng: Prng): Set<number> {
  if (count > sentences) throw new Error(`${count} citations do not fit in ${sentences} sentences`);
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(prng.int(0, sentences - 1));
  return chosen;
}

/** Sentence lengths adding up to `words`. */
function sentenceLengths(words: number, prng: Prng): number[] {
  const lengths: number[] = [];
  let left = words;
  while (left > 0) {
    const n = Math.min(left, prng.int(12, 28));
    lengths.push(n);
    left -= n;
  }
  return lengths;
}

/** Lays out paragraphs (5 to 8 sentences) and chapter headings; `cite(i)` gives sentence i's citation. */
function layout(
  title: string, lengths: readonly number[], chapters: number, prng: Prng,
  write: (i: number, words: number) => string,
): string {
  const out: string[] = [`# ${title}`, ''];
  const perChapter = chapters > 0 ? Math.ceil(lengths.length / chapters) : Infinity;
  let paragraph: string[] = [];
  let paragraphSize = prng.int(5, 8);
  for (let i = 0; i < lengths.length; i++) {
    if (i % perChapter === 0 && chapters > 0) {
      if (paragraph.length > 0) out.push(paragraph.join(' '), '');
      paragraph = [];
      out.push(`## ${Math.floor(i / perChapter) + 1}. ${headingWords(prng, prng.int(3, 6))}`, '');
    }
    paragraph.push(write(i, lengths[i]));
    if (paragraph.length === paragraphSize) {
      out.push(paragraph.join(' '), '');
      paragraph = [];
      paragraphSize = prng.int(5, 8);
    }
  }
  if (paragraph.length > 0) out.push(paragraph.join(' '), '');
  return out.join('\n');
}

/** Harvard prose citing an in-document list: parenthetical, narrative and multiple citations. */
export function authorDateDocument(spec: AuthorDateSpec, items: readonly CslItem[]): GeneratedDocument {
  const prng = new Prng(spec.seed);
  const entries = pickEntries(items, spec.listEntries, prng);
  const lengths = sentenceLengths(spec.words, prng);
  const cited = citedSentences(lengths.length, spec.citations, prng);
  // Every entry is cited once in a shuffled order, then by a skewed draw (some works are cited often).
  const firstRound = entries.map((_, i) => i);
  for (let i = firstRound.length - 1; i > 0; i--) {
    const j = prng.int(0, i);
    [firstRound[i], firstRound[j]] = [firstRound[j], firstRound[i]];
  }
  let drawn = 0;
  const nextEntry = (): ListEntry => {
    const index = drawn < firstRound.length ? firstRound[drawn] : Math.floor(entries.length * prng.next() ** 2);
    drawn++;
    return entries[index];
  };
  const reference = (entry: ListEntry, withPage: boolean): { authors: string; year: string; locator: string } => {
    let authors = citedAuthors(entry);
    let year = String(entry.year);
    if (prng.chance(spec.faultRate)) {
      if (prng.chance(0.5)) authors = authors.replace(entry.surnames[0], misspell(entry.surnames[0], prng));
      else year = String(entry.year + 1);
    }
    let locator = '';
    if (withPage) {
      const [from, to] = entry.pages ?? [1, 400];
      const page = prng.int(from, to);
      locator = page < to && prng.chance(0.3) ? `: p.${page}-${Math.min(to, page + prng.int(1, 5))}` : `: p.${page}`;
    }
    return { authors, year, locator };
  };
  const text = layout(spec.title, lengths, spec.chapters, prng, (i, words) => {
    const body = sentence(prng, words);
    if (!cited.has(i)) return `${body}.`;
    const form = prng.next();
    if (form < 0.25) {
      const r = reference(nextEntry(), prng.chance(0.6));
      return `${r.authors} (${r.year}${r.locator}) ${body[0].toLowerCase()}${body.slice(1)}.`;
    }
    if (form < 0.35) {
      const a = reference(nextEntry(), false);
      const b = reference(nextEntry(), false);
      return `${body} (${a.authors} ${a.year}; ${b.authors} ${b.year}).`;
    }
    const r = reference(nextEntry(), prng.chance(0.6));
    return `${body} (${r.authors} ${r.year}${r.locator}).`;
  });
  const list = entries.map((e) => e.text).join('\n\n');
  return { text: `${text}\n## References\n\n${list}\n`, words: spec.words, citations: spec.citations, listEntries: entries.length, missingKeys: [] };
}

/** Pandoc Markdown citing library keys, with a `bibliography:` front matter line. */
export interface LibraryKey {
  readonly key: string;
  /** The entry's page range, so that cited pages fall inside it; null when it has none. */
  readonly pages: readonly [number, number] | null;
}

/** Page ranges of CSL items by id. */
export function itemPages(items: readonly CslItem[]): Map<string, readonly [number, number] | null> {
  return new Map(items.map((item) => [item.id, pageRange(textOf(item, 'page'))]));
}

export function pandocDocument(spec: PandocSpec, library: readonly LibraryKey[]): GeneratedDocument {
  const prng = new Prng(spec.seed);
  const keys = library.map((k) => k.key);
  const pagesOf = new Map(library.map((k) => [k.key, k.pages]));
  const cited: string[] = [];
  const stride = Math.max(1, Math.floor(keys.length / spec.distinctKeys));
  for (let i = 0; i < keys.length && cited.length < spec.distinctKeys; i += stride) cited.push(keys[i]);
  const missing = new Set<string>();
  const key = (): string => {
    if (prng.chance(spec.missingRate)) {
      const name = `nosuchwork${prng.int(1, 9999)}`;
      missing.add(name);
      return name;
    }
    return cited[Math.floor(cited.length * prng.next() ** 2)];
  };
  const lengths = sentenceLengths(spec.words, prng);
  const citing = citedSentences(lengths.length, spec.citations, prng);
  const body = layout(spec.title, lengths, spec.chapters, prng, (i, words) => {
    const text = sentence(prng, words);
    if (!citing.has(i)) return `${text}.`;
    const form = prng.next();
    const page = (k: string) => {
      const [from, to] = pagesOf.get(k) ?? [1, 400];
      return prng.int(from, to);
    };
    if (form < 0.4) {
      const k = key();
      return `${text} [@${k}, p. ${page(k)}].`;
    }
    if (form < 0.6) return `${text} [@${key()}].`;
    if (form < 0.75) return `${text} [see @${key()}; @${key()}, ch. ${prng.int(1, 12)}].`;
    if (form < 0.9) {
      const k = key();
      return `As @${k} [p. ${page(k)}] ${text[0].toLowerCase()}${text.slice(1)}.`;
    }
    return `${text} [-@${key()}].`;
  });
  const front = `---\ntitle: "${spec.title}"\nbibliography: ${spec.bibliography}\n---\n\n`;
  return {
    text: `${front}${body}\n# References\n`,
    words: spec.words,
    citations: spec.citations,
    listEntries: 0,
    missingKeys: [...missing].sort(),
  };
}
