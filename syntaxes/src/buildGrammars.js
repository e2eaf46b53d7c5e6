// @ts-check
// Builds the TextMate injection grammars that colour citations.
//
// The grammars are generated because their regular expressions share parts (what a name, a year or a
// locator looks like) that would otherwise be copied by hand a dozen times into JSON strings. Run
// `node syntaxes/src/buildGrammars.js` after editing this file; the generated files are committed, and a
// grammar test fails when they differ from what this file produces.
//
// Every regular expression here is Oniguruma syntax (what VS Code uses). Repetitions are bounded or
// possessive, and every repeated group starts with a literal separator its body cannot match, so no
// expression can backtrack catastrophically.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

// ---------------------------------------------------------------------------------------------------------
// Scope names. Each token gets a scope that common themes already colour (so citations are visible with
// no theme support), and every citation sits inside a `meta.citation.*.citewright` scope.

const SCOPE = {
  parenthetical: 'meta.citation.author-date.parenthetical.citewright',
  narrative: 'meta.citation.author-date.narrative.citewright',
  pandocBracketed: 'meta.citation.pandoc.parenthetical.citewright',
  pandocNarrative: 'meta.citation.pandoc.narrative.citewright',
  latex: 'meta.citation.latex.citewright',
  begin: 'punctuation.definition.citation.begin.citewright',
  end: 'punctuation.definition.citation.end.citewright',
  author: 'entity.name.type.author.citewright',
  etAl: 'keyword.other.et-al.citewright',
  conjunction: 'keyword.operator.conjunction.citewright',
  comma: 'punctuation.separator.comma.citewright',
  sequence: 'punctuation.separator.sequence.citewright',
  locatorSeparator: 'punctuation.separator.locator.citewright',
  year: 'constant.numeric.year.citewright',
  noDate: 'constant.language.year.citewright',
  locator: 'variable.parameter.locator.citewright',
  prefix: 'meta.citation.prefix.citewright',
  note: 'meta.citation.note.citewright',
  // A key is `entity.name.type` (coloured by nearly every theme) around the conventional citation-key
  // scope `constant.other.reference.citation.*` (what LaTeX grammars and LaTeX-aware themes use): a theme
  // that colours citation keys wins, any other theme falls back to its type colour.
  keyWrapper: 'entity.name.type.citation-key.citewright',
  pandocKey: 'constant.other.reference.citation.pandoc.citewright',
  latexKey: 'constant.other.reference.citation.latex',
  keyMarker: 'punctuation.definition.citation-key.citewright',
  suppressAuthor: 'keyword.operator.suppress-author.citewright',
  heading: 'meta.reference-list.heading.citewright markup.heading.reference-list.citewright',
};

// ---------------------------------------------------------------------------------------------------------
// Author-date building blocks.

const LETTER = '[\\p{L}\\p{M}]';
/** One capitalised name word: `Müller`, `WHO`, `McAuley`, `O'Brien`, `D’Souza`, `Lloyd-Jones`. */
const WORD = `\\p{Lu}${LETTER}*+(?:[-'’]\\p{Lu}${LETTER}*+){0,3}`;
/** Lower- or upper-case particles that belong to a surname: `van Goudoever`, `Van Goudoever`, `de Beauvoir`. */
const PARTICLE =
  '(?:[Vv]an|[Vv]on|[Vv]om|[Dd]ella|[Dd]el|[Dd]er|[Dd]en|[Dd]es|[Dd]os|[Dd]as|[Dd]e|[Dd]i|[Dd]a|[Dd]u|[Ll]a|[Ll]e|[Tt]en|[Tt]er|[Zz]u|St\\.?)';
/** A personal surname: optional particles, then one capitalised word. */
const NAME = `(?:${PARTICLE}\\s){0,3}${WORD}`;
/** Small words inside an organisation's name (`Department of Health`); `and` is left out: it joins authors. */
const LINKING = '(?:of|for|the|on|de|du|des|für|und)';
/** A surname or an organisation of up to five capitalised words: `World Health Organization`. */
const ORGANISATION = `${NAME}(?:\\s(?:${LINKING}\\s)?${WORD}){0,4}`;

/**
 * Capitalised words that begin sentences, dates and captions rather than citations (`(In 1956)`,
 * `(Summer 1956)`, `In (2019)`). Kept in step with the language server's list of words that are not names.
 */
const NOT_NAMES = [
  'A', 'An', 'The', 'This', 'That', 'These', 'Those', 'It', 'Its', 'In', 'On', 'At', 'By', 'For', 'From', 'To', 'Of',
  'With', 'Without', 'And', 'But', 'Or', 'Nor', 'If', 'When', 'While', 'Whilst', 'Although', 'Though', 'However',
  'Then', 'Also', 'As', 'Since', 'During', 'After', 'Before', 'Until', 'Between', 'Both', 'Each', 'Every', 'See',
  'Figure', 'Fig', 'Table', 'Chapter', 'Section', 'Appendix', 'Page', 'Part', 'Volume', 'Vol', 'Note', 'Eq',
  'Equation', 'Act', 'Article', 'Year', 'Years', 'Summer', 'Winter', 'Spring', 'Autumn', 'Fall',
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November',
  'December', 'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec',
  'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'I', 'We', 'He', 'She', 'They',
  'Here', 'There', 'Thus', 'Hence', 'Yet', 'So', 'Now', 'Today', 'Later', 'Earlier', 'Cf', 'Ibid', 'Ed', 'Eds',
  'AD', 'BC', 'BCE', 'CE', 'Circa', 'Ca', 'About', 'Around', 'Born', 'Died', 'According', 'Following', 'Like',
  'Unlike', 'Whereas', 'Because', 'Where', 'Even', 'Only', 'Indeed', 'Moreover', 'Furthermore', 'Similarly',
  'Meanwhile', 'Nevertheless', 'Still',
];
/** Longest first, so that an alternative is never a prefix of one tried after it. */
const NOT_NAME = `(?!(?:${[...NOT_NAMES].sort((a, b) => b.length - a.length).join('|')})(?![\\p{L}\\p{M}'’]))`;

/** `Smith`, `Smith and Jones`, `Smith, Jones & Brown`, `Smith et al.` (organisations allowed). */
const authorList = (/** @type {string} */ name) =>
  `${NOT_NAME}${name}(?:(?:,\\s${name}){0,5},?\\s(?:and|&)\\s${name})?(?:,?\\set\\sal\\.?)?`;
const AUTHORS_PARENTHETICAL = authorList(ORGANISATION);
const AUTHORS_NARRATIVE = authorList(NAME);

/** `1997`, `2001a`, `n.d.`, `forthcoming`, `in press`; not part of a longer number or word. */
const YEAR = '(?:\\d{4}[a-z]?(?![\\p{L}\\p{N}])|n\\.\\s?d\\.|forthcoming|in\\spress)';
const YEARS = `${YEAR}(?:,\\s?${YEAR}){0,5}`;

/** `p.142`, `p. 4`, `pp. 4–7`, `p.271-2`, `ch. 3`, `sec. 2.1`, `p. xiv`, `45`, `para 3`. */
const LOCATOR_LABEL = '(?:pp|pg|p|chs|chap|ch|secs|sec|paras|para|figs|fig|vols|vol|nn|no|n|cols|col|fn|ll|l|ff|f|§§|§|¶)';
const PAGE = '(?:\\d+(?:\\.\\d+)*[a-z]?|[ivxlcdm]+(?![\\p{L}]))';
const LOCATOR = `(?:${LOCATOR_LABEL}\\.?\\s?${PAGE}|\\d+[a-z]?)(?:\\s?[-–—]\\s?${PAGE})?(?:\\s?ff?\\.)?`;
const LOCATORS = `${LOCATOR}(?:,\\s?${LOCATOR}){0,5}`;

/** What may open one item of a parenthetical citation: `(see Brown 1999)`, `(cf. Smith 2019)`. */
const PREFIX_WORDS = '(?:see\\salso|see|cf\\.|e\\.g\\.,?|i\\.e\\.,?|compare|as\\scited\\sin|cited\\sin|quoted\\sin|also)';
const ITEM = `${AUTHORS_PARENTHETICAL},?\\s${YEARS}(?:\\s?[:,]\\s?${LOCATORS})?`;
const PARENTHETICAL_CONTENT = `(?:${PREFIX_WORDS}\\s)?${ITEM}(?:;\\s?(?:${PREFIX_WORDS}\\s)?${ITEM}){0,20}`;

/** Where a narrative author may start: not inside a word, after initials (`J.N.`) or an e-mail. */
const NAME_START = "(?<![\\p{L}\\p{M}\\p{N}_'’.\\-@])";

/**
 * Not at the start of a line or sentence, where the first capitalised word may be any word and the next
 * one an author: `Recently Taubman (2003) argued`.
 */
const NOT_SENTENCE_START = '(?<!^|[.!?:]\\s|[.!?:]\\s\\s|[.!?:]["”’)]\\s)';

/** Determiners that make a capitalised phrase a title, not an author: `the Secret Speech (1956)`. */
const DETERMINER = '(?:[Tt]he|[Aa]n|[Aa]|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur|[Mm]y)';
const TITLE_WORD = `${WORD}(?:['’]s)?`;

// ---------------------------------------------------------------------------------------------------------
// Pandoc building blocks.

/**
 * Cross-references, not citations: pandoc-crossref's `@fig:x` and Quarto's `@fig-x` (any case). The same
 * prefixes as the language server's pandoc scanner.
 */
const CROSS_REFERENCE =
  '(?!(?i:(?:fig|tbl|sec|eq|lst):|(?:fig|tbl|sec|eq|lst|thm|lem|cor|prp|cnj|def|exm|exr|sol|rem|alg)-))';
/** A pandoc key: starts with a letter, digit or `_`; inner punctuation only when a key character follows. */
const KEY_BODY = '(?:[\\p{L}\\p{N}_](?:[\\p{L}\\p{N}_]|[:.#$%&\\-+?<>~/](?=[\\p{L}\\p{N}_]))*+|\\{[^{}]*\\})';
/** Where a narrative `@key` may start: not in an e-mail address, a URL, a word or after an escape. */
const KEY_START = '(?<![\\p{L}\\p{N}_.+\\-/:=@\\\\`])';

// ---------------------------------------------------------------------------------------------------------
// Selectors. In Markdown, citations are coloured in prose only: paragraphs (list items and block quotes
// contain paragraphs), headings and table cells.

/**
 * Never in code (spans, fenced and indented blocks, embedded languages), front matter (embedded YAML),
 * comments or math; never inside a link's text or a citation already matched.
 */
const MARKDOWN_EXCLUDED = [
  '-markup.inline.raw',
  '-markup.raw',
  '-markup.fenced_code',
  '-meta.embedded',
  '-meta.embedded.block.frontmatter',
  '-comment',
  '-markup.math',
  '-source',
  '-meta.link',
  '-meta.image',
  '-meta.citation',
].join(' ');

/** Never in comments, verbatim text, embedded code or math, nor inside a citation already matched. */
const LATEX_EXCLUDED = ['-comment', '-markup.raw', '-meta.embedded', '-source', '-meta.math', '-meta.citation'].join(' ');

const MARKDOWN_SELECTOR = ['meta.paragraph', 'entity.name.section', 'markup.table']
  .map((context) => `L:${context} ${MARKDOWN_EXCLUDED}`)
  .join(', ');
const LATEX_SELECTOR = `L:text.tex.latex ${LATEX_EXCLUDED}`;

/** Reference-list headings, as the language server recognises them. */
const HEADING_TITLES =
  '(?i:references?|bibliography|works\\scited|reference\\slist|list\\sof\\sreferences|references\\scited|literature\\scited|works\\sconsulted|sources\\scited|sources|literature)';
const HEADING_NUMBER = '(?:(?:\\d+(?:\\.\\d+)*\\.?|[IVXLC]+\\.)\\s)?';

// ---------------------------------------------------------------------------------------------------------
// Grammar pieces.

const authorPatterns = [
  { match: "(?<![\\p{L}\\p{M}'’])et\\sal\\.?", name: SCOPE.etAl },
  { match: '(?<=\\s)(?:and|&)(?=\\s)', name: SCOPE.conjunction },
  { match: ',', name: SCOPE.comma },
  { match: ORGANISATION, name: SCOPE.author },
];

const yearPatterns = [
  { match: '\\d{4}[a-z]?', name: SCOPE.year },
  { match: 'n\\.\\s?d\\.|forthcoming|in\\spress', name: SCOPE.noDate },
  { match: ',', name: SCOPE.comma },
];

/** @returns {Record<string, unknown>} */
function markdownGrammar() {
  return {
    name: 'Citewright citations (Markdown injection)',
    scopeName: 'citewright.citations.markdown.injection',
    injectionSelector: MARKDOWN_SELECTOR,
    patterns: [
      { include: '#reference-list-heading' },
      { include: '#pandoc-bracketed' },
      { include: '#pandoc-example-label' },
      { include: '#pandoc-narrative' },
      { include: '#author-date-parenthetical' },
      { include: '#not-a-narrative-citation' },
      { include: '#author-date-narrative' },
    ],
    repository: {
      'reference-list-heading': {
        comment: 'The title of an ATX heading (`## References`) or of a bold line (`**Bibliography**`).',
        patterns: [
          {
            match: `(?<=#\\s|#\\s\\s|#\\s\\s\\s|#\\t)${HEADING_NUMBER}${HEADING_TITLES}[:.]?(?=\\s*$)`,
            name: SCOPE.heading,
          },
          {
            match: `(?<=^\\*\\*|^__)${HEADING_NUMBER}${HEADING_TITLES}[:.]?(?=(?:\\*\\*|__)[:.]?\\s*$)`,
            name: SCOPE.heading,
          },
        ],
      },
      'author-date-parenthetical': {
        comment: '(Tompson 1997: p.142), (Smith et al., 2019, p. 4), (see Lee 2001a; Lee 2001b)',
        match: `(\\()(${PARENTHETICAL_CONTENT})(\\))`,
        name: SCOPE.parenthetical,
        captures: {
          1: { name: SCOPE.begin },
          2: { patterns: [{ include: '#prefix' }, { include: '#parenthetical-item' }, { include: '#sequence' }] },
          3: { name: SCOPE.end },
        },
      },
      'parenthetical-item': {
        match: `(${AUTHORS_PARENTHETICAL})(,?)\\s(${YEARS})(?:\\s?([:,])\\s?(${LOCATORS}))?`,
        captures: {
          1: { patterns: authorPatterns },
          2: { name: SCOPE.comma },
          3: { patterns: yearPatterns },
          4: { name: SCOPE.locatorSeparator },
          5: { name: SCOPE.locator },
        },
      },
      prefix: {
        match: `(?<![\\p{L}\\p{M}])${PREFIX_WORDS}(?=\\s)`,
        name: SCOPE.prefix,
      },
      sequence: { match: ';', name: SCOPE.sequence },
      'not-a-narrative-citation': {
        comment:
          'Capitalised phrases before a parenthesis that are titles or names in prose, not authors: ' +
          '`the Secret Speech (1956)`, `Nikita Khrushchev (1894–1971)`. Matched so that no citation starts inside them.',
        patterns: [
          { match: `(?<![\\p{L}\\p{M}])${DETERMINER}\\s${TITLE_WORD}(?:\\s${TITLE_WORD}){0,5}(?=\\s\\()` },
          {
            match: `${NAME_START}${NOT_SENTENCE_START}(?!${PARTICLE}\\s)${NOT_NAME}${TITLE_WORD}(?:\\s${TITLE_WORD}){1,5}(?=\\s\\()`,
          },
        ],
      },
      'author-date-narrative': {
        comment: "Taubman (2003: p.271-2), Van Goudoever (1986), Smith and Jones (2019, p. 4), Smith's (2019)",
        match: `${NAME_START}(${AUTHORS_NARRATIVE})(?:['’]s|(?<=s)['’])?\\s(\\()(${YEARS})(?:\\s?([:,])\\s?(${LOCATORS}))?(\\))`,
        name: SCOPE.narrative,
        captures: {
          1: { patterns: authorPatterns },
          2: { name: SCOPE.begin },
          3: { patterns: yearPatterns },
          4: { name: SCOPE.locatorSeparator },
          5: { name: SCOPE.locator },
          6: { name: SCOPE.end },
        },
      },
      'pandoc-bracketed': {
        comment: '[@key], [see @a, p. 3; @b], [-@key]; not a link `[@x](url)`, `[@x][ref]` or a definition `[@x]:`',
        match: `(\\[)(?=[^\\[\\]]*?(?<![^\\s;\\[\\-])-?@${CROSS_REFERENCE}[\\p{L}\\p{N}_{])([^\\[\\]]*+)(\\])(?![(\\[:{])`,
        name: SCOPE.pandocBracketed,
        captures: {
          1: { name: SCOPE.begin },
          2: { patterns: [{ include: '#pandoc-item' }, { include: '#pandoc-prefix' }, { include: '#sequence' }] },
          3: { name: SCOPE.end },
        },
      },
      'pandoc-item': {
        match: `(?<![^\\s;\\[])(-?)((@)${CROSS_REFERENCE}(${KEY_BODY}))(?:(,?)\\s?([^;@]*[^;@\\s]))?`,
        captures: {
          1: { name: SCOPE.suppressAuthor },
          2: { name: SCOPE.keyWrapper },
          3: { name: SCOPE.keyMarker },
          4: { name: SCOPE.pandocKey },
          5: { name: SCOPE.comma },
          6: { name: SCOPE.locator },
        },
      },
      'pandoc-prefix': {
        match: '[^\\s;@\\-][^;@]*?(?=\\s-?@)',
        name: SCOPE.prefix,
      },
      'pandoc-example-label': {
        comment: 'The marker of a pandoc example list, `(@good)` at the start of a line, is not a citation.',
        match: '(?:^[ \\t]*+|(?<=^[ \\t])|(?<=^[ \\t]{2})|(?<=^[ \\t]{3}))\\(@[\\p{L}\\p{N}_\\-]+\\)(?=[ \\t])',
      },
      'pandoc-narrative': {
        comment: '@key, @key [p. 33]; not a@b.org, @fig:x, @tbl-x',
        match: `${KEY_START}((@)${CROSS_REFERENCE}(${KEY_BODY}))(?:\\s(\\[)([^\\[\\]@]*)(\\])(?![(\\[:{]))?`,
        name: SCOPE.pandocNarrative,
        captures: {
          1: { name: SCOPE.keyWrapper },
          2: { name: SCOPE.keyMarker },
          3: { name: SCOPE.pandocKey },
          4: { name: SCOPE.begin },
          5: { name: SCOPE.locator },
          6: { name: SCOPE.end },
        },
      },
    },
  };
}

const CITE_COMMAND =
  '(?:[Cc]ite(?:yearpar|year|author|title|date|url|num|alp|alt|p|t)?|[Pp]arencite|[Tt]extcite|[Aa]utocite|[Ff]ootcitetext|[Ff]ootcite|[Ss]martcite|[Ss]upercite|[Ff]ullcite|footfullcite|nocite)';
const MULTI_CITE_COMMAND =
  '(?:[Cc]ites|[Pp]arencites|[Tt]extcites|[Aa]utocites|[Ff]ootcitetexts|[Ff]ootcites|[Ss]martcites|[Ss]upercites)';

const latexKeyPatterns = [
  {
    match: '(%).*$',
    name: 'comment.line.percentage.tex',
    captures: { 1: { name: 'punctuation.definition.comment.tex' } },
  },
  // `#1` in `\\newcommand{\\mycite}[1]{\\citep{#1}}` is a macro parameter, not a key.
  { match: '#\\d' },
  { match: '[^,\\s{}%#]+', name: `${SCOPE.keyWrapper} ${SCOPE.latexKey}` },
  { match: ',', name: SCOPE.comma },
];

/** `[pre][post]` or `[post]`: the first of two optional arguments is a prenote, the last one the locator. */
const OPTIONAL_NOTES = '(?:\\s*(\\[)([^\\[\\]]*)(\\])(?=\\s*\\[))?(?:\\s*(\\[)([^\\[\\]]*)(\\]))?';
const optionalNoteCaptures = (/** @type {number} */ first) => ({
  [first]: { name: 'punctuation.definition.arguments.optional.begin.latex' },
  [first + 1]: { name: SCOPE.prefix },
  [first + 2]: { name: 'punctuation.definition.arguments.optional.end.latex' },
  [first + 3]: { name: 'punctuation.definition.arguments.optional.begin.latex' },
  [first + 4]: { name: SCOPE.locator },
  [first + 5]: { name: 'punctuation.definition.arguments.optional.end.latex' },
});

/** @returns {Record<string, unknown>} */
function latexGrammar() {
  return {
    name: 'Citewright citations (LaTeX injection)',
    scopeName: 'citewright.citations.latex.injection',
    injectionSelector: LATEX_SELECTOR,
    patterns: [{ include: '#multi-cite' }, { include: '#cite' }],
    repository: {
      cite: {
        comment: '\\cite{a,b}, \\citep[see][p.~3]{k}, \\textcite*{k}, \\nocite{*}; keys may run over several lines',
        begin: `((\\\\)${CITE_COMMAND}\\*?)(?![@\\p{L}])${OPTIONAL_NOTES}\\s*(\\{)`,
        beginCaptures: {
          1: { name: 'keyword.control.cite.latex' },
          2: { name: 'punctuation.definition.keyword.latex' },
          ...optionalNoteCaptures(3),
          9: { name: 'punctuation.definition.arguments.begin.latex' },
        },
        end: '\\}',
        endCaptures: { 0: { name: 'punctuation.definition.arguments.end.latex' } },
        name: SCOPE.latex,
        patterns: latexKeyPatterns,
      },
      'multi-cite': {
        comment: '\\autocites(pre)(post)[pre][post]{a}[post]{b}: ends after the last braced key group',
        begin: `((\\\\)${MULTI_CITE_COMMAND}\\*?)(?![@\\p{L}])(?=\\s*[\\[{(])`,
        beginCaptures: {
          1: { name: 'keyword.control.cite.latex' },
          2: { name: 'punctuation.definition.keyword.latex' },
        },
        end: '(?<=\\})(?!\\s*[\\[{(])|(?=[^\\s\\[\\](){}])',
        name: SCOPE.latex,
        patterns: [
          {
            match: '(\\()([^()]*)(\\))',
            captures: {
              1: { name: 'punctuation.definition.arguments.optional.begin.latex' },
              2: { name: SCOPE.note },
              3: { name: 'punctuation.definition.arguments.optional.end.latex' },
            },
          },
          {
            match: '(\\[)([^\\[\\]]*)(\\])(?=\\s*\\[)',
            captures: {
              1: { name: 'punctuation.definition.arguments.optional.begin.latex' },
              2: { name: SCOPE.prefix },
              3: { name: 'punctuation.definition.arguments.optional.end.latex' },
            },
          },
          {
            match: '(\\[)([^\\[\\]]*)(\\])',
            captures: {
              1: { name: 'punctuation.definition.arguments.optional.begin.latex' },
              2: { name: SCOPE.locator },
              3: { name: 'punctuation.definition.arguments.optional.end.latex' },
            },
          },
          {
            match: '(\\{)([^{}]*)(\\})',
            captures: {
              1: { name: 'punctuation.definition.arguments.begin.latex' },
              2: { patterns: latexKeyPatterns },
              3: { name: 'punctuation.definition.arguments.end.latex' },
            },
          },
        ],
      },
    },
  };
}

/** The generated grammars, by file name under `syntaxes/`. */
function buildGrammars() {
  return {
    'citations.markdown.tmLanguage.json': markdownGrammar(),
    'citations.latex.tmLanguage.json': latexGrammar(),
  };
}

/** The text of a generated grammar file. */
function grammarFileText(/** @type {unknown} */ grammar) {
  return `${JSON.stringify(grammar, null, 2)}\n`;
}

module.exports = { buildGrammars, grammarFileText };

if (require.main === module) {
  const dir = path.resolve(__dirname, '..');
  for (const [file, grammar] of Object.entries(buildGrammars())) {
    fs.writeFileSync(path.join(dir, file), grammarFileText(grammar));
    console.log(`wrote syntaxes/${file}`);
  }
}
