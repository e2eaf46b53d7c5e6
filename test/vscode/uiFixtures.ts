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
