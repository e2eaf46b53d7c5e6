// fast-check generators of the documents Citewright serves, written as a student or a reference manager would
// write them and then roughened: author-date essays (every citation form, reference lists in every shape, several
// lists), pandoc Markdown, LaTeX, .bib files, and sequences of edits. Each generator builds a small spec (easy for
// fast-check to shrink) and renders it to text.
import fc from 'fast-check';

// ---- words ---------------------------------------------------------------------------------------------------

/** Surnames the scanners must cope with: particles, several words, hyphens, apostrophes, diacritics, organisations. */
export const SURNAMES = [
  'Smith', 'Jones', 'Brown', 'Lee', 'Park', 'Garcia', 'Nguyen', 'Taubman', 'Breslauer', 'Medvedev', 'McCauley',
  'Müller', "O'Brien", 'Van Goudoever', 'de Beauvoir', 'von Neumann', 'Smith-Jones', 'Łukasiewicz', 'Ōe', 'Zhang',
  'WHO', 'World Health Organization', 'Ngũgĩ', 'D’Arcy',
] as const;

const INITIALS = ['J.', 'K.', 'A. B.', 'G. W.', 'M.', 'S.F.', 'É.', 'Z. A.'] as const;

const PROSE = [
  'the', 'policy', 'of', 'reform', 'was', 'argued', 'by', 'many', 'historians', 'as', 'shown', 'in', 'and', 'a',
  'Soviet', 'Union', 'Stalin', 'In', 'This', 'However,', 'which', 'p.', 'pp.', 'et al.', 'see', 'cf.', 'e.g.',
  'Smith', 'Jones', 'Reference', 'References', 'Bibliography', 'ed.', 'by', '1956', '1990s', 'ch.', '—', 'Taubman',
] as const;

/** Titles, including text a hover must never turn into HTML or a link. */
const TITLE_WORDS = [
  'Khrushchev', 'Reconsidered', 'The', 'Limits', 'of', 'Destalinization', 'Sleep', 'and', 'Memory', 'A', 'Political',
  'Life', 'Änderung', '“Quoted”', "'Single'", 'Vol.', '2', '(1953–1964)', 'Part', 'I:',
  '<img src=x onerror=alert(1)>', '[click](command:workbench.action.terminal.new)', '<command:evil>', '`code`',
  '*emph*', '_under_', '&amp;', '\\', '![img](http://example.invalid/t.png)', '<script>', '[[x]]', 'https://example.invalid/',
] as const;

/** Noise a pasted PDF fragment or a careless writer leaves: brackets, digits, dashes, quotes, unicode, code, math. */
export const NOISE = [
  '(', ')', '((', '))', '[', ']', '{', '}', '(1881–1955)', '(1990s)', '(2001)', '2001', '19', '---', '–', '—', '-',
  '"', "'", '“', '”', '‘', '’', '`(Smith 2001)`', '`', '$x (Smith 2001)$', '$', '$$', '<!-- (Smith 2001) -->', '<!--',
  '\n```\n(Smith 2001)\n```\n', '\n~~~\n', '😀', 'é', 'e\u0301', 'שלום (כהן 2001)', '\u200b', '\uFEFF', '\t', ' ',
  'et al.', 'et al', 'p.', 'pp.', '@', '@@', ';', ':', '&', 'and', '\\', '*', '_', '#', '\n', '\n\n', '\n# Heading\n',
  '\n## References\n', '\n**Bibliography**\n', '\n- ', '\n1. ', '(n.d.)', '(forthcoming)', '(see', 'ibid.', '(p. 4)',
  '(ibid., p. 4)', '(Smith 2001', 'Smith (', '(Smith, ', '(Smith 2001; ', '(A 1) (B 2)', 'Smith’s (2019)', '\r', '\r\n',
  '\u0000', '\u{1F600}\u{1F601}', '\ud800', '\udc00', 'ﬁ', 'Ⅳ', '٣', '२०१९', '\u2028', '\u0085',
] as const;

const NOISE_CHARS = '()[]{}0123456789-–—;:,.&\'"`$@\\*_<>#| \n'.split('');

/** One piece of noise: a known troublemaker, a run of troublesome characters, or arbitrary code points. */
export const noise: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...NOISE) },
  { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...NOISE_CHARS), minLength: 1, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
);

// ---- works and reference lists ------------------------------------------------------------------------------

export interface WorkSpec {
  readonly authors: readonly number[];
  readonly initials: readonly number[];
  readonly year: number;
  readonly yearForm: 'plain' | 'a' | 'b' | 'n.d.' | 'forthcoming';
  readonly title: readonly number[];
  readonly kind: 'book' | 'chapter' | 'article';
  readonly pages: readonly [number, number] | null;
}

export interface Work {
  readonly authors: readonly string[];
  readonly initials: readonly string[];
  /** As cited and listed: `1997`, `2001a`, `n.d.`. */
  readonly year: string;
  readonly title: string;
  readonly kind: WorkSpec['kind'];
  readonly pages: readonly [number, number] | null;
}

const workSpec: fc.Arbitrary<WorkSpec> = fc.record({
  authors: fc.array(fc.nat(SURNAMES.length - 1), { minLength: 1, maxLength: 4 }),
  initials: fc.array(fc.nat(INITIALS.length - 1), { minLength: 4, maxLength: 4 }),
  year: fc.integer({ min: 1900, max: 2025 }),
  yearForm: fc.constantFrom('plain', 'plain', 'plain', 'plain', 'a', 'b', 'n.d.', 'forthcoming'),
  title: fc.array(fc.nat(TITLE_WORDS.length - 1), { minLength: 1, maxLength: 6 }),
  kind: fc.constantFrom('book', 'chapter', 'article'),
  pages: fc.option(fc.tuple(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 60 })).map(([a, n]) => [a, a + n] as const)),
});

export function renderWork(spec: WorkSpec): Work {
  const year = spec.yearForm === 'plain' ? String(spec.year)
    : spec.yearForm === 'a' || spec.yearForm === 'b' ? `${spec.year}${spec.yearForm}` : spec.yearForm;
  return {
    authors: spec.authors.map((i) => SURNAMES[i]),
    initials: spec.initials.map((i) => INITIALS[i]),
    year,
    title: spec.title.map((i) => TITLE_WORDS[i]).join(' '),
    kind: spec.kind,
    pages: spec.kind === 'book' ? null : spec.pages,
  };
}

export type EntryStyle = 'harvard' | 'apa' | 'comma';

function entryAuthors(work: Work, style: EntryStyle): string {
  const names = work.authors.map((a, i) => (a === 'WHO' || a.includes(' Organization') ? a : `${a}, ${work.initials[i] ?? 'J.'}`));
  if (names.length === 1) return names[0];
  const last = names[names.length - 1];
  const rest = names.slice(0, -1).join(', ');
  return style === 'apa' ? `${rest}, & ${last}` : `${rest} and ${last}`;
}

/** One reference-list entry, as Harvard (Cite Them Right), APA 7 or a bare comma style writes it. */
export function formatEntry(work: Work, style: EntryStyle): string {
  const authors = entryAuthors(work, style);
  const pages = work.pages ? `${work.pages[0]}-${work.pages[1]}` : null;
  switch (style) {
    case 'harvard':
      if (work.kind === 'chapter') {
        return `${authors} (${work.year}) '${work.title}' in *Collected Essays*. ed. by Cohen, S.F. London: Macmillan${pages ? `, p.${pages}` : ''}`;
      }
      if (work.kind === 'article') return `${authors} (${work.year}) '${work.title}'. *Slavic Review* 12 (3)${pages ? `, ${pages}` : ''}`;
      return `${authors} (${work.year}) *${work.title}*. London: Macmillan`;
    case 'apa':
      if (work.kind === 'article') return `${authors} (${work.year}). ${work.title}. *Sleep*, 42(3)${pages ? `, ${pages.replace('-', '–')}` : ''}.`;
      if (work.kind === 'chapter') return `${authors} (${work.year}). ${work.title}. In J. Doe (Ed.), *Sleep science*${pages ? ` (pp. ${pages})` : ''}. Springer.`;
      return `${authors} (${work.year}). *${work.title}*. Penguin.`;
    case 'comma':
      return `${authors}, ${work.year}. ${work.title}. London: Verso${pages ? `, pp. ${pages}` : ''}.`;
  }
}

const HEADINGS = [
  '## References', '# Bibliography', '### Works Cited', '## Reference List', '**References**', 'References', '#### References',
  '## Bibliography ##', 'Works Cited:', '## References\n\n<!-- generated -->',
] as const;

export interface ListSpec {
  readonly heading: number;
  readonly works: readonly WorkSpec[];
  readonly style: EntryStyle;
  /** Per entry: '' paragraph, '- ', '* ', or numbered; a list may mix them. */
  readonly markers: readonly ('' | '- ' | '* ' | '1. ')[];
  readonly blankBetween: boolean;
  /** Noise that lands inside the list (a stray line, a comment). */
  readonly stray: string | null;
  /** A work listed twice, or a second work of the same authors and year (`ambiguous-citation`). */
  readonly extra: 'none' | 'duplicate' | 'twin';
}

const listSpec: fc.Arbitrary<ListSpec> = fc.record({
  heading: fc.nat(HEADINGS.length - 1),
  works: fc.array(workSpec, { minLength: 0, maxLength: 7 }),
  style: fc.constantFrom<EntryStyle>('harvard', 'apa', 'comma'),
  markers: fc.array(fc.constantFrom<'' | '- ' | '* ' | '1. '>('', '- ', '* ', '1. '), { minLength: 1, maxLength: 3 }),
  blankBetween: fc.boolean(),
  stray: fc.option(noise, { freq: 4 }),
  extra: fc.constantFrom<ListSpec['extra']>('none', 'none', 'none', 'duplicate', 'twin'),
});

/** The works a list holds: its own, plus a duplicate or a same-author-same-year twin when the spec says so. */
export function listWorks(spec: ListSpec): Work[] {
  const works = spec.works.map(renderWork);
  if (works.length > 0 && spec.extra === 'duplicate') works.push(works[0]);
  if (works.length > 0 && spec.extra === 'twin') works.push({ ...works[0], title: 'Another Work Entirely' });
  return works;
}

export function renderList(spec: ListSpec, works: readonly Work[]): string {
  const lines = works.map((work, i) => {
    const marker = spec.markers[i % spec.markers.length];
    const numbered = marker === '1. ' ? `${i + 1}. ` : marker;
    return numbered + formatEntry(work, spec.style);
  });
  if (spec.stray !== null) lines.splice(Math.min(1, lines.length), 0, spec.stray);
  return `${HEADINGS[spec.heading]}\n\n${lines.join(spec.blankBetween ? '\n\n' : '\n')}\n`;
}

// ---- author-date citations ------------------------------------------------------------------------------------

export type Mutation = 'none' | 'misspell' | 'strip-diacritic' | 'year' | 'et-al' | 'drop-coauthor' | 'unknown-author' | 'suffix';

export interface CitationSpec {
  /** Which work of the serving list (modulo its length); with no works, an unknown author. */
  readonly work: number;
  readonly mutation: Mutation;
  readonly mutationAt: number;
  readonly form: 'parenthetical' | 'narrative' | 'possessive';
  readonly separator: ' ' | ', ';
  readonly and: ' and ' | ' & ';
  readonly fullAuthorList: boolean;
  readonly prefix: '' | 'see ' | 'e.g. ' | 'cf. ';
  readonly locator: number;
  readonly pages: readonly [number, number];
  /** Further works in the same brackets (`; B 2002`). */
  readonly more: readonly number[];
}

const LOCATORS = [
  '', '', '', ': p.{a}', ': p.{a}-{b}', ', p. {a}', ', pp. {a}–{b}', ', ch. {a}', ': p.{b}-{a}', ', para. {a}', ': pp.{a}-{b}',
  ', p. {a}f', ': p.{a}-{a2}', ',  p.', ': p.x', ', pp. {a}--{b}',
] as const;

const citationSpec: fc.Arbitrary<CitationSpec> = fc.record({
  work: fc.nat(50),
  mutation: fc.constantFrom<Mutation>('none', 'none', 'none', 'none', 'misspell', 'strip-diacritic', 'year', 'et-al', 'drop-coauthor', 'unknown-author', 'suffix'),
  mutationAt: fc.nat(20),
  form: fc.constantFrom('parenthetical', 'parenthetical', 'narrative', 'possessive'),
  separator: fc.constantFrom(' ', ', '),
  and: fc.constantFrom(' and ', ' & '),
  fullAuthorList: fc.boolean(),
  prefix: fc.constantFrom('', '', '', 'see ', 'e.g. ', 'cf. '),
  locator: fc.nat(LOCATORS.length - 1),
  pages: fc.tuple(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 30 })).map(([a, n]) => [a, a + n] as const),
  more: fc.array(fc.nat(50), { maxLength: 2 }),
});

function mutate(work: Work | undefined, spec: CitationSpec): Work {
  const base: Work = work ?? { authors: ['Unlisted'], initials: ['U.'], year: '1999', title: 'x', kind: 'book', pages: null };
  const first = base.authors[0];
  switch (spec.mutation) {
    case 'misspell': {
      const at = 1 + (spec.mutationAt % Math.max(1, first.length - 1));
      const misspelt = spec.mutationAt % 2 === 0 ? first.slice(0, at) + first.slice(at + 1) : first.slice(0, at) + first[at - 1] + first.slice(at);
      return { ...base, authors: [misspelt, ...base.authors.slice(1)] };
    }
    case 'strip-diacritic':
      return { ...base, authors: [first.normalize('NFD').replace(/\p{M}/gu, ''), ...base.authors.slice(1)] };
    case 'year':
      return { ...base, year: /^\d{4}/.test(base.year) ? String(Number(base.year.slice(0, 4)) + 1 + (spec.mutationAt % 4)) : '2001' };
    case 'et-al':
      return { ...base, authors: [first] };
    case 'drop-coauthor':
      return { ...base, authors: base.authors.length > 1 ? [first, ...base.authors.slice(2)] : [first, 'Extra'] };
    case 'unknown-author':
      return { ...base, authors: ['Quixote'] };
    case 'suffix':
      return { ...base, year: /^\d{4}$/.test(base.year) ? `${base.year}c` : base.year };
    case 'none':
      return base;
  }
}

function citedNames(work: Work, spec: CitationSpec, forceEtAl: boolean): string {
  const a = work.authors;
  if (forceEtAl || (a.length >= 3 && !spec.fullAuthorList)) return `${a[0]} et al.`;
  if (a.length === 1) return a[0];
  if (a.length === 2) return `${a[0]}${spec.and}${a[1]}`;
  return `${a.slice(0, -1).join(', ')}${spec.and}${a[a.length - 1]}`;
}

function locatorText(spec: CitationSpec): string {
  const [a, b] = spec.pages;
  return LOCATORS[spec.locator].replace('{a2}', String(a % 10)).replace('{a}', String(a)).replace('{b}', String(b)).replace('{a}', String(a));
}

/** One author-date citation of a work of `works` (or of nobody), in the form and with the fault the spec says. */
export function renderCitation(spec: CitationSpec, works: readonly Work[]): string {
  const pick = (i: number) => mutate(works.length > 0 ? works[i % works.length] : undefined, spec);
  const work = pick(spec.work);
  const etAl = spec.mutation === 'et-al';
  const names = citedNames(work, spec, etAl);
  const locator = locatorText(spec);
  if (spec.form === 'narrative') return `${names} (${work.year}${locator.replace(/^, /, ', ')})`;
  if (spec.form === 'possessive') return `${work.authors[0]}'s (${work.year})`;
  const items = [spec.work, ...spec.more].map((i, k) => {
    const w = k === 0 ? work : works.length > 0 ? works[i % works.length] : work;
    return `${k === 0 ? spec.prefix : ''}${k === 0 ? names : citedNames(w, spec, false)}${spec.separator}${w.year}${k === 0 ? locator : ''}`;
  });
  return `(${items.join('; ')})`;
}

// ---- author-date essays ---------------------------------------------------------------------------------------

export type Fragment =
  | { readonly kind: 'prose'; readonly word: number }
  | { readonly kind: 'citation'; readonly spec: CitationSpec }
  | { readonly kind: 'noise'; readonly text: string };

const fragment: fc.Arbitrary<Fragment> = fc.oneof(
  { weight: 6, arbitrary: fc.nat(PROSE.length - 1).map((word) => ({ kind: 'prose' as const, word })) },
  { weight: 3, arbitrary: citationSpec.map((spec) => ({ kind: 'citation' as const, spec })) },
  { weight: 2, arbitrary: noise.map((text) => ({ kind: 'noise' as const, text })) },
);

export interface SectionSpec {
  readonly paragraphs: readonly (readonly Fragment[])[];
  readonly list: ListSpec | null;
}

export type LineEnding = 'lf' | 'crlf' | 'mixed' | 'cr';

export interface EssaySpec {
  readonly title: boolean;
  readonly frontMatter: boolean;
  readonly sections: readonly SectionSpec[];
  readonly trailing: readonly Fragment[];
  readonly lineEnding: LineEnding;
}

const paragraph = fc.array(fragment, { minLength: 1, maxLength: 25 });

export const essaySpec: fc.Arbitrary<EssaySpec> = fc.record({
  title: fc.boolean(),
  frontMatter: fc.boolean(),
  sections: fc.array(
    fc.record({ paragraphs: fc.array(paragraph, { minLength: 0, maxLength: 4 }), list: fc.option(listSpec, { freq: 6 }) }),
    { minLength: 1, maxLength: 3 },
  ),
  trailing: fc.array(fragment, { maxLength: 8 }),
  lineEnding: fc.constantFrom<LineEnding>('lf', 'lf', 'lf', 'crlf', 'mixed', 'cr'),
});

function renderFragments(fragments: readonly Fragment[], works: readonly Work[]): string {
  return fragments.map((f) => (f.kind === 'prose' ? PROSE[f.word] : f.kind === 'noise' ? f.text : renderCitation(f.spec, works))).join(' ');
}

export function withLineEnding(text: string, ending: LineEnding): string {
  switch (ending) {
    case 'lf': return text;
    case 'crlf': return text.replace(/\r?\n/g, '\r\n');
    case 'cr': return text.replace(/\r?\n/g, '\r');
    case 'mixed': {
      let n = 0;
      return text.replace(/\n/g, () => (n++ % 2 === 0 ? '\r\n' : '\n'));
    }
  }
}

export function renderEssay(spec: EssaySpec): string {
  const parts: string[] = [];
  if (spec.frontMatter) parts.push('---\ntitle: "An essay (Smith 2001)"\nauthor: Student\n---\n');
  if (spec.title) parts.push('# To what extent did reform succeed?\n');
  let works: Work[] = [];
  for (const section of spec.sections) {
    // A section's citations are of the works of the list that follows it (or the previous one when it has none).
    if (section.list) works = listWorks(section.list);
    for (const p of section.paragraphs) parts.push(`${renderFragments(p, works)}\n`);
    if (section.list) parts.push(renderList(section.list, works));
  }
  if (spec.trailing.length > 0) parts.push(renderFragments(spec.trailing, works));
  return withLineEnding(parts.join('\n'), spec.lineEnding);
}

export const essay: fc.Arbitrary<string> = essaySpec.map(renderEssay);

// ---- pandoc Markdown ------------------------------------------------------------------------------------------

export const KEYS = [
  'smith2019', 'lee:2020', 'doe_1999a', 'müller2001', 'Garcia-2017', 'a', 'x.y', 'vanGoudoever1986', 'key/with/slashes',
  'fig:plot', 'fig-plot', 'tbl:one', 'sec-intro', '{weird key}', '{}', 'k#1', 'UPPER', '123', '_under',
] as const;

const PANDOC_PIECES = [
  '[@{k}]', '[@{k}, p. 33]', '[see @{k}; @{k2}, ch. 2]', '@{k}', '@{k} [p. 33]', '[-@{k}]', '[@{k}; @{k2}]',
  '[@{k}, pp. 33-35, emphasis added]', '[@{k}, 33]', '[*see* @{k} p. 1]', 'name@example.org', '@{k}.', '@{k}\'s',
  '[link](https://example.invalid/@{k})', '<https://example.invalid/@{k}>', '`[@{k}]`', '$[@{k}]$', '<!-- [@{k}] -->',
  '(@good) example', '\\[@{k}]', '[@{k}', '[@', '@', '[[@{k}]]', '[@{k}](url)', '![@{k}](img.png)', '[@{k}]{.class}',
  '[@{k}, p. 33, ]', '[@{k} p. xiv-xvi]', '@{k} [-@{k2}]', '[@{k}; see @{k2} and @{k}]',
] as const;

export interface PandocSpec {
  readonly frontMatter: 'none' | 'string' | 'list' | 'inline' | 'broken' | 'odd-path';
  readonly pieces: readonly { readonly piece: number; readonly k: number; readonly k2: number }[];
  readonly noise: readonly { readonly at: number; readonly text: string }[];
  readonly lineEnding: LineEnding;
}

export const pandocSpec: fc.Arbitrary<PandocSpec> = fc.record({
  frontMatter: fc.constantFrom('none', 'string', 'list', 'inline', 'broken', 'odd-path'),
  pieces: fc.array(fc.record({ piece: fc.nat(PANDOC_PIECES.length - 1), k: fc.nat(KEYS.length - 1), k2: fc.nat(KEYS.length - 1) }), { maxLength: 30 }),
  noise: fc.array(fc.record({ at: fc.nat(30), text: noise }), { maxLength: 10 }),
  lineEnding: fc.constantFrom<LineEnding>('lf', 'lf', 'crlf', 'mixed'),
});

const FRONT_MATTER: Record<PandocSpec['frontMatter'], string> = {
  none: '',
  string: '---\ntitle: Paper\nbibliography: refs.bib\n---\n\n',
  list: '---\nbibliography:\n  - refs.bib\n  - "other.json"\n---\n\n',
  inline: '---\nreferences:\n- id: smith2019\n  author:\n    - family: Smith\n      given: J.\n  issued:\n    date-parts: [[2019]]\n  title: "A [@title] <b>x</b>"\n---\n\n',
  broken: '---\nbibliography: [refs.bib\n title: "unclosed\n',
  // Paths a hostile or broken document may name: a lone surrogate, a percent sign, a URL, a parent folder.
  'odd-path': '---\nbibliography:\n  - "re\ud800fs.bib"\n  - "50%.bib"\n  - "https://example.invalid/refs.bib"\n  - "../../../etc/passwd"\n---\n\n',
};

export function renderPandoc(spec: PandocSpec): string {
  const words = spec.pieces.map(({ piece, k, k2 }) => {
    return PANDOC_PIECES[piece].replaceAll('{k}', KEYS[k]).replaceAll('{k2}', KEYS[k2]);
  });
  for (const { at, text } of spec.noise) words.splice(Math.min(at, words.length), 0, text);
  return withLineEnding(`${FRONT_MATTER[spec.frontMatter]}${words.join(' ')}\n`, spec.lineEnding);
}

export const pandocDocument: fc.Arbitrary<string> = pandocSpec.map(renderPandoc);

// ---- LaTeX ----------------------------------------------------------------------------------------------------

const LATEX_PIECES = [
  '\\cite{{k}}', '\\cite{{k},{k2}}', '\\citep[p.~3]{{k}}', '\\citet*{{k}}', '\\parencite[see][12]{{k}}', '\\textcite{{k}}',
  '\\autocite[ch.~2]{{k}}', '\\footcite{{k}}', '\\nocite{*}', '\\nocite{{k}}', '% \\cite{{k}}', '$\\cite{{k}}$',
  '\\verb|\\cite{{k}}|', '\\begin{verbatim}\\cite{{k}}\\end{verbatim}', '\\bibliography{refs,more}', '\\addbibresource{x.bib}',
  '\\begin{thebibliography}{9}\n\\bibitem{{k}} Smith, J. (2019) \\emph{Title}.\n\\bibitem[Lee(2020)]{{k2}} Lee.\n\\end{thebibliography}',
  '\\cite{', '\\cite[', '\\cite{{k}', '\\citep[{k}]', '\\cite {{k}}', '\\cite*[a][b]{{k}}', '\\\\cite{{k}}', '\\cites{{k}}{{k2}}',
  '\\footcitetext{{k}}', '\\citeyear{{k}}', '\\cite{ {k} , {k2} }', '\\cite{}', '\\cite{,}', '\\def\\x#1{\\cite{#1}}',
  '\\bibliography{re\ud800fs,50%}', '\\addbibresource{https://example.invalid/x.bib}', '\\begin{document}', '\\end{document}', '\\section{Intro (Smith 2001)}', '\\input{chapter1}', '\\\\', '%', '{', '}', '$$', '\\[', '\\]',
] as const;

export interface LatexSpec {
  readonly preamble: boolean;
  readonly pieces: readonly { readonly piece: number; readonly k: number; readonly k2: number }[];
  readonly noise: readonly { readonly at: number; readonly text: string }[];
  readonly lineEnding: LineEnding;
}

export const latexSpec: fc.Arbitrary<LatexSpec> = fc.record({
  preamble: fc.boolean(),
  pieces: fc.array(fc.record({ piece: fc.nat(LATEX_PIECES.length - 1), k: fc.nat(KEYS.length - 1), k2: fc.nat(KEYS.length - 1) }), { maxLength: 30 }),
  noise: fc.array(fc.record({ at: fc.nat(30), text: noise }), { maxLength: 10 }),
  lineEnding: fc.constantFrom<LineEnding>('lf', 'lf', 'crlf', 'mixed'),
});

export function renderLatex(spec: LatexSpec): string {
  const key = (i: number) => KEYS[i].replace(/[{}]/g, '');
  const words = spec.pieces.map(({ piece, k, k2 }) => LATEX_PIECES[piece].replaceAll('{k}', key(k)).replaceAll('{k2}', key(k2)));
  for (const { at, text } of spec.noise) words.splice(Math.min(at, words.length), 0, text);
  const preamble = spec.preamble ? '\\documentclass{article}\n\\usepackage{natbib}\n\\begin{document}\n' : '';
  return withLineEnding(`${preamble}${words.join(' ')}\n`, spec.lineEnding);
}

export const latexDocument: fc.Arbitrary<string> = latexSpec.map(renderLatex);

// ---- .bib files -----------------------------------------------------------------------------------------------

/** Pieces of LaTeX field values: text, accents in every spelling, braces, escaped specials. */
const BIB_VALUE_PIECES = [
  'Smith', 'and', 'Lee', 'Title', 'of', 'the', 'Work', '{\\"u}', '{\\\'e}', '\\"{o}', '{\\ss}', '\\&', '{NASA}', '{\\TeX}',
  '--', '12', '2019', ',', '.', ':', 'Müller', '{{Double}}', '\\emph{x}', '$x^2$', '~', '{\\o}', '\\url{https://example.invalid}',
  '<b>', '[link](command:x)', '`',
] as const;

export interface BibFieldSpec {
  readonly name: string;
  readonly value: string;
  readonly delimiter: 'braces' | 'quotes' | 'bare';
}

export interface BibEntrySpec {
  readonly type: string;
  readonly key: string;
  readonly fields: readonly BibFieldSpec[];
}

const BIB_FIELD_NAMES = ['author', 'editor', 'title', 'journal', 'booktitle', 'year', 'pages', 'publisher', 'note', 'doi', 'url', 'volume'] as const;

const bibValue: fc.Arbitrary<string> = fc.array(fc.constantFrom(...BIB_VALUE_PIECES), { minLength: 1, maxLength: 6 }).map((ws) => ws.join(' '));

const bibField: fc.Arbitrary<BibFieldSpec> = fc.oneof(
  fc.record({ name: fc.constantFrom(...BIB_FIELD_NAMES), value: bibValue, delimiter: fc.constantFrom<'braces' | 'quotes'>('braces', 'quotes') }),
  fc.record({ name: fc.constantFrom('year', 'volume', 'number'), value: fc.integer({ min: 1, max: 2100 }).map(String), delimiter: fc.constant<'bare'>('bare') }),
);

export const bibEntrySpec: fc.Arbitrary<BibEntrySpec> = fc.record({
  type: fc.constantFrom('article', 'book', 'incollection', 'inproceedings', 'misc', 'online', 'Article', 'BOOK'),
  // Keys the pandoc and LaTeX generators cite (so that citations resolve), and others.
  key: fc.oneof(fc.constantFrom(...KEYS.filter((k) => !k.startsWith('{'))), fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9:_\-.]{0,12}$/)),
  fields: fc.uniqueArray(bibField, { maxLength: 7, selector: (f) => f.name }),
});

function printValue(field: BibFieldSpec): string {
  if (field.delimiter === 'bare') return field.value;
  return field.delimiter === 'quotes' ? `"${field.value}"` : `{${field.value}}`;
}

/** Prints an entry as a reference manager would. */
export function printBibEntry(entry: BibEntrySpec): string {
  const fields = entry.fields.map((f) => `  ${f.name} = ${printValue(f)}`);
  return `@${entry.type}{${entry.key},\n${fields.join(',\n')}${fields.length > 0 ? ',' : ''}\n}\n`;
}

const BIB_JUNK = [
  '% @electronic{commented,\n', '@comment{ anything {here} }\n', '@preamble{ "\\newcommand{\\x}{y}" }\n', '@string{jr = {Journal}}\n',
  'Text outside entries.\n', '@article{broken, title = {unclosed\n', '@book{nokey}\n', '@misc{, title={x}}\n', '@\n', '}}}\n',
  '@article{q, title = "unclosed quote\n', '@article{m, journal = jr # { X}}\n', '@article{u, journal = undefinedmacro}\n',
  '@book{dup, title={A}}\n@book{dup, title={B}}\n', '\uFEFF', '@string{ = }\n', '@article{x,author=}\n', '@{}\n',
] as const;

export interface BibFileSpec {
  readonly entries: readonly BibEntrySpec[];
  readonly junk: readonly { readonly at: number; readonly text: string }[];
  readonly lineEnding: LineEnding;
}

export const bibFileSpec: fc.Arbitrary<BibFileSpec> = fc.record({
  entries: fc.array(bibEntrySpec, { maxLength: 8 }),
  junk: fc.array(fc.record({ at: fc.nat(8), text: fc.oneof(fc.constantFrom(...BIB_JUNK), noise) }), { maxLength: 5 }),
  lineEnding: fc.constantFrom<LineEnding>('lf', 'lf', 'crlf'),
});

export function renderBibFile(spec: BibFileSpec): string {
  const parts = spec.entries.map(printBibEntry);
  for (const { at, text } of spec.junk) parts.splice(Math.min(at, parts.length), 0, text);
  return withLineEnding(parts.join('\n'), spec.lineEnding);
}

// ---- edits ----------------------------------------------------------------------------------------------------

export interface EditSpec {
  /** Where, as a fraction of the document's length in millionths. */
  readonly at: number;
  readonly deleteLength: number;
  readonly insert: string;
  /**
   * Moves the edit to the first bracket, line break or blank line at or after `at` (wrapping round), `nudge`
   * characters off it: the edits that split or join a citation, a line or a paragraph.
   */
  readonly anchor?: 'bracket' | 'line-break' | 'blank-line';
  readonly nudge?: number;
}

/** What a writer types or pastes: words, citations (of nobody in particular), noise. */
const insertion: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', 'a', '(', ')', ';', 'Smith', ' 2019', '(Smith 2019)', '(Smith et al. 2019: p.4)', 'Jones (2003)', '[@smith2019]',
    '\\cite{smith2019}', '\n', '\n\n## References\n\n- Smith, J. (2019) *T*. London: X\n', '- ', '`', '$', '<!--', '-->', '---\n'),
  noise,
  citationSpec.map((spec) => renderCitation(spec, [])),
);

export const editSpec: fc.Arbitrary<EditSpec> = fc.record({
  at: fc.integer({ min: 0, max: 1_000_000 }),
  deleteLength: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 })),
  insert: insertion,
});

/**
 * Edits at the edges of citations, lines and paragraphs: a line break typed inside `Smith (1999)` or removed
 * between two paragraphs, a blank line opened before a name, a word typed after a paragraph break.
 */
export const anchoredEditSpec: fc.Arbitrary<EditSpec> = fc.record({
  at: fc.integer({ min: 0, max: 1_000_000 }),
  anchor: fc.constantFrom<'bracket' | 'line-break' | 'blank-line'>('bracket', 'line-break', 'blank-line'),
  nudge: fc.integer({ min: -3, max: 3 }),
  deleteLength: fc.constantFrom(0, 0, 1, 2, 3),
  insert: fc.constantFrom('', '\n', '\n', '\n\n', '\r\n', ' \n', 'the ', 'The\n\n', '(', ')', ' (1999)', 'Smith '),
});

const ANCHORS = { 'bracket': /[()[\]]/g, 'line-break': /\r\n?|\n/g, 'blank-line': /\n[ \t]*\r?\n/g } as const;

/** Where an anchored edit starts: `nudge` characters from the first anchor at or after `from` (or the first one). */
function anchoredOffset(text: string, from: number, anchor: NonNullable<EditSpec['anchor']>, nudge: number): number {
  const pattern = ANCHORS[anchor];
  pattern.lastIndex = from;
  let match = pattern.exec(text);
  if (!match) {
    pattern.lastIndex = 0;
    match = pattern.exec(text);
  }
  return match ? match.index + nudge : from;
}

/**
 * Moves an offset off the second half of a surrogate pair and from between \r and \n: no editor puts a cursor
 * there, and an LSP position cannot name the point between \r and \n.
 */
export function snapOffset(text: string, offset: number): number {
  const o = Math.max(0, Math.min(offset, text.length));
  if (o === 0 || o === text.length) return o;
  const code = text.charCodeAt(o);
  const before = text.charCodeAt(o - 1);
  if (code >= 0xdc00 && code <= 0xdfff && before >= 0xd800 && before <= 0xdbff) return o - 1;
  if (code === 10 && before === 13) return o - 1;
  return o;
}

/** The offsets an edit replaces in `text`. */
export function editSpan(text: string, edit: EditSpec): { start: number; end: number } {
  const at = Math.floor((edit.at / 1_000_000) * text.length);
  const start = snapOffset(text, edit.anchor ? anchoredOffset(text, at, edit.anchor, edit.nudge ?? 0) : at);
  const end = snapOffset(text, Math.min(text.length, start + edit.deleteLength));
  return { start, end: Math.max(start, end) };
}

// ---- a thesis, for the soak test ------------------------------------------------------------------------------

/** A small, fast, seeded PRNG (mulberry32): the same thesis on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAME_ENDINGS = ['', 'son', 'ley', 'ton', 'man', 'ford', 'wick', 'er', 'ova', 'ski', 'elli', 'ez', 'berg', 'stein', 'ard', 'ow'];

export interface Thesis {
  readonly text: string;
  readonly works: readonly Work[];
  readonly words: number;
  readonly citations: number;
}

/**
 * An author-date thesis of about `words` words in chapters, citing (mostly correctly, sometimes with the faults
 * students make) a reference list of `entries` Harvard entries at the end.
 */
export function buildThesis(words: number, entries: number, seed = 1): Thesis {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const works: Work[] = [];
  for (let i = 0; i < entries; i++) {
    const base = SURNAMES[i % SURNAMES.length];
    const surname = base.includes(' ') || base === 'WHO' ? `${base} ${SURNAME_ENDINGS[Math.floor(i / SURNAMES.length) % SURNAME_ENDINGS.length]}`.trim() : `${base}${SURNAME_ENDINGS[Math.floor(i / SURNAMES.length) % SURNAME_ENDINGS.length]}`;
    const coauthors = random() < 0.3 ? [pick(SURNAMES)] : random() < 0.1 ? [pick(SURNAMES), pick(SURNAMES)] : [];
    const kind = random() < 0.05 ? 'chapter' : pick(['book', 'article'] as const);
    const first = 1 + Math.floor(random() * 300);
    works.push({
      authors: [surname, ...coauthors],
      initials: [pick(INITIALS), pick(INITIALS), pick(INITIALS)],
      year: String(1950 + Math.floor(random() * 70)),
      title: Array.from({ length: 2 + Math.floor(random() * 5) }, () => pick(TITLE_WORDS.slice(0, 20))).join(' '),
      kind,
      pages: kind === 'book' ? null : [first, first + 5 + Math.floor(random() * 40)],
    });
  }
  const paragraphs: string[] = [];
  let written = 0;
  let citations = 0;
  let chapter = 0;
  while (written < words) {
    if (written >= chapter * (words / 8)) {
      chapter++;
      paragraphs.push(`# Chapter ${chapter}`);
    }
    const sentence: string[] = [];
    const length = 120 + Math.floor(random() * 80);
    for (let w = 0; w < length; w++) {
      if (random() < 0.02) {
        const work = pick(works);
        const fault = random();
        const cited = fault < 0.03 ? { ...work, year: String(Number(work.year) + 1) } : work;
        const names = cited.authors.length === 1 ? cited.authors[0] : cited.authors.length === 2 ? `${cited.authors[0]} and ${cited.authors[1]}` : `${cited.authors[0]} et al.`;
        const page = cited.pages ? `: p.${cited.pages[0] + Math.floor(random() * 10)}` : '';
        sentence.push(random() < 0.3 ? `${names} (${cited.year}${page})` : `(${names} ${cited.year}${page})`);
        citations++;
      } else {
        sentence.push(pick(PROSE.slice(0, 21)));
      }
    }
    written += length;
    paragraphs.push(`${sentence.join(' ')}.`);
  }
  const sorted = [...works].sort((a, b) => a.authors[0].localeCompare(b.authors[0]) || a.year.localeCompare(b.year));
  const list = sorted.map((work) => formatEntry(work, 'harvard')).join('\n\n');
  return { text: `${paragraphs.join('\n\n')}\n\n## References\n\n${list}\n`, works, words: written, citations };
}

// ---- a document with its bibliography file ----------------------------------------------------------------------

export interface Project {
  /** The document, and the text of `refs.bib` beside it. */
  readonly document: string;
  readonly bib: string;
}

/** A pandoc or LaTeX document and a .bib beside it whose keys are, in part, the ones the document cites. */
export const pandocProject: fc.Arbitrary<Project> = fc.record({ document: pandocDocument, bib: bibFileSpec.map(renderBibFile) });
export const latexProject: fc.Arbitrary<Project> = fc.record({ document: latexDocument, bib: bibFileSpec.map(renderBibFile) });
/** An author-date essay, with a library (`citewright.bibliographies`) whose works completion may offer. */
export const essayProject: fc.Arbitrary<Project> = fc.record({ document: essay, bib: bibFileSpec.map(renderBibFile) });
