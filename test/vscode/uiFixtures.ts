/**
 * The document the UI tests open: written into a fresh workspace at test time, so the packaged extension
 * meets a document it has never seen. One fault, a misspelt author (`Breslaur` for `Breslauer`).
 */
export const DRAFT_NAME = 'draft.md';

export const DRAFT = [
  '# Reform after Stalin',
  '',
  'Khrushchev criticised elitism amongst officials (Breslaur 1980: p.51). By 1955 he led the collective leadership (Tompson 1997: p.142).',
  '',
  '## References',
  '',
  "Breslauer, G. W. (1980) 'Khrushchev Reconsidered' in *The Soviet Union Since Stalin*. ed. by Cohen, S.F. London: Macmillan, p.50-70",
  '',
  'Tompson, W. J. (1997) *Khrushchev: A Political Life*. Basingstoke: Macmillan',
  '',
].join('\n');

/** The draft after the quick fix. */
export const DRAFT_FIXED = DRAFT.replace('(Breslaur 1980', '(Breslauer 1980');

/** The one diagnostic of the draft, as the Problems panel shows it. */
export const DRAFT_PROBLEM = "'Breslaur 1980' has no entry; did you mean Breslauer, G. W. (1980)?";

/** The quick fix's title. */
export const DRAFT_FIX_TITLE = "Replace 'Breslaur' with 'Breslauer'";

/** The status bar item for the draft, then for the fixed draft (`$(book)` is an icon, without text). */
export const DRAFT_STATUS = '2 citations · 1 problem';
export const DRAFT_FIXED_STATUS = '2 citations · 0 problems';

/** "Insert Citation": its palette title, its quick pick's placeholder, and the draft's line 2 after it. */
export const INSERT_CITATION_COMMAND = 'Citewright: Insert Citation';
export const INSERT_CITATION_PLACEHOLDER = 'Cite a work: type an author, a year or title words';
export const INSERT_PROSE = '; a few dissent ';
export const DRAFT_INSERTED_LINE = 'Most historians agree (Tompson 1997: p.142); a few dissent (Breslauer 1980)';
/** Tompson twice, Breslauer twice. */
export const DRAFT_INSERTED_STATUS = '4 citations · 0 problems';
