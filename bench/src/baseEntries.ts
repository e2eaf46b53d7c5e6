// The real entries every library is made from: biblatex's own `biblatex-examples.bib` (Debian package
// `texlive-bibtex-extra`), split into its `@string` definitions and its entries.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export interface BaseEntry {
  /** Entry type in lower case. */
  readonly type: string;
  readonly key: string;
  /** The entry as written, from `@` to its closing brace. */
  readonly text: string;
  /** Keys of other entries this one names (crossref, xdata, xref, entryset, related). */
  readonly references: readonly string[];
}

export interface BaseBibliography {
  /** Where the entries came from. */
  readonly source: string;
  /** The `@string` definitions, as written. */
  readonly strings: string;
  readonly entries: readonly BaseEntry[];
}

const DEBIAN_PATH = '/usr/share/texlive/texmf-dist/bibtex/bib/biblatex/biblatex/biblatex-examples.bib';

/** Fields whose values are keys of other entries. */
export const KEY_FIELDS: readonly string[] = ['crossref', 'xdata', 'xref', 'entryset', 'related'];

/** Finds `biblatex-examples.bib`: `$BENCH_BASE_BIB` (`builtin` for the small built-in sample), Debian's path, then `kpsewhich`. */
export function findBaseBib(): string | null {
  const fromEnv = process.env.BENCH_BASE_BIB;
  if (fromEnv === 'builtin') return null;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  if (existsSync(DEBIAN_PATH)) return DEBIAN_PATH;
  try {
    const found = execFileSync('kpsewhich', ['biblatex-examples.bib'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (found && existsSync(found)) return found;
  } catch {
    // no TeX installation
  }
  return null;
}

/** Index just past the brace group that opens at `open` (`text[open]` is `{`). */
export function endOfBraces(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  throw new Error(`unbalanced braces from offset ${open}`);
}

/** A field's value span (inside its braces) in an entry, or null. */
export function fieldSpan(entry: string, name: string): { start: number; end: number } | null {
  const match = new RegExp(`^\\s*${name}\\s*=\\s*\\{`, 'mi').exec(entry);
  if (!match) return null;
  const open = match.index + match[0].length - 1;
  return { start: open + 1, end: endOfBraces(entry, open) - 1 };
}

function referencesOf(text: string): string[] {
  const keys: string[] = [];
  for (const field of KEY_FIELDS) {
    const span = fieldSpan(text, field);
    if (span) keys.push(...text.slice(span.start, span.end).split(',').map((k) => k.trim()).filter((k) => k.length > 0));
  }
  return keys;
}

/**
 * Makes the file readable by every tool compared: citation-js stops at a starred command in a field
 * (`\enquote*{series}`, in one annotation). The unstarred command means the same for our purposes.
 */
function normalise(text: string): string {
  return text.replace(/\\enquote\*\{/g, '\\enquote{');
}

export function parseBaseBib(text: string, source: string): BaseBibliography {
  const clean = normalise(text);
  const strings: string[] = [];
  const entries: BaseEntry[] = [];
  const at = /@(\w+)\s*\{/g;
  let match: RegExpExecArray | null;
  while ((match = at.exec(clean)) !== null) {
    // Only entries at the start of a line: `@` also appears inside field values (e-mail addresses).
    if (match.index > 0 && clean[match.index - 1] !== '\n') continue;
    const open = match.index + match[0].length - 1;
    const end = endOfBraces(clean, open);
    const entryText = clean.slice(match.index, end);
    const type = match[1].toLowerCase();
    at.lastIndex = end;
    if (type === 'string') {
      strings.push(entryText);
      continue;
    }
    if (type === 'comment' || type === 'preamble') continue;
    const key = entryText.slice(match[0].length, entryText.indexOf(',')).trim();
    entries.push({ type, key, text: entryText, references: referencesOf(entryText) });
  }
  return { source, strings: strings.join('\n'), entries };
}

/** A handful of entries in the same shapes, used only when no TeX installation provides the real file (CI smoke runs). */
const FALLBACK = String.raw`@string{cup = {Cambridge University Press}}

@book{knuth:ct:a,
  author       = {Knuth, Donald E.},
  title        = {The {\TeX book}},
  date         = 1984,
  publisher    = {Addison-Wesley},
  location     = {Reading, Mass.},
}

@article{sigfridsson,
  author       = {Sigfridsson, Emma and Ryde, Ulf},
  title        = {Comparison of methods for deriving atomic charges from the electrostatic potential and moments},
  journaltitle = {Journal of Computational Chemistry},
  volume       = 19,
  number       = 4,
  pages        = {377-395},
  date         = 1998,
}

@incollection{westfahl:space,
  author       = {Westfahl, Gary},
  title        = {The True Frontier},
  pages        = {55-65},
  crossref     = {westfahl:frontier},
}

@collection{westfahl:frontier,
  editor       = {Westfahl, Gary},
  title        = {Space and Beyond},
  date         = 2000,
  publisher    = {Greenwood},
  location     = {Westport, Conn.},
}

@book{cotton,
  author       = {Cotton, Frank Albert and Wilkinson, Geoffrey and Murillo, Carlos A. and Bochmann, Manfred},
  title        = {Advanced Inorganic Chemistry},
  date         = 1999,
  edition      = 6,
  publisher    = {Wiley},
  location     = {Chichester},
}

@article{baez/article,
  author       = {Baez, John C. and Lauda, Aaron D.},
  title        = {Higher-Dimensional Algebra {V}: 2-Groups},
  journaltitle = {Theory and Applications of Categories},
  date         = 2004,
  volume       = 12,
  pages        = {423-491},
}

@book{nussbaum,
  author       = {Nussbaum, Martha},
  title        = {Aristotle's \mkbibquote{De Motu Animalium}},
  date         = 1978,
  publisher    = {Princeton University Press},
  location     = {Princeton},
}
`;

export function loadBaseBibliography(): BaseBibliography {
  const path = findBaseBib();
  if (path === null) return parseBaseBib(FALLBACK, 'built-in sample (biblatex-examples.bib not found: apt-get install texlive-bibtex-extra)');
  return parseBaseBib(readFileSync(path, 'utf8'), path);
}
