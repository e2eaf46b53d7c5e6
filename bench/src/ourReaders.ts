// Our bibliography readers, found at run time in the compiled server: the `readBibliography` entry point
// when it exists, else the reader for the format. The bench must build and run while readers are added.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LibraryFormat } from './citationJs';
import { bibliographyOut } from './paths';

export interface ReadResult {
  readonly entries: readonly unknown[];
  readonly problems: readonly unknown[];
}

export type ReadFunction = (path: string, text: string) => ReadResult;

export interface OurReader {
  /** `module.function`, for the results. */
  readonly name: string;
  readonly read: ReadFunction;
}

const FORMAT_READERS: Readonly<Record<LibraryFormat, readonly [string, string]>> = {
  bib: ['bibtexReader', 'readBibtex'],
  json: ['cslJsonReader', 'readCslJson'],
  ris: ['risReader', 'readRis'],
};

function exported(module: string, name: string): ((...args: unknown[]) => unknown) | null {
  const path = join(bibliographyOut(), `${module}.js`);
  if (!existsSync(path)) return null;
  const loaded: unknown = require(path);
  if (typeof loaded !== 'object' || loaded === null) return null;
  const fn: unknown = (loaded as Record<string, unknown>)[name];
  return typeof fn === 'function' ? (fn as (...args: unknown[]) => unknown) : null;
}

function checked(fn: (...args: unknown[]) => unknown): ReadFunction {
  return (path, text) => {
    const result = fn(path, text);
    if (typeof result !== 'object' || result === null) throw new Error('a reader returned no result');
    const { entries, problems } = result as { entries?: unknown; problems?: unknown };
    if (!Array.isArray(entries) || !Array.isArray(problems)) throw new Error('a reader returned no entries/problems');
    return { entries, problems };
  };
}

/** The reader for a format, or null when none is built yet. */
export function ourReader(format: LibraryFormat): OurReader | null {
  const entry = exported('bibliographyFile', 'readBibliography');
  if (entry) return { name: 'bibliographyFile.readBibliography', read: checked(entry) };
  const [module, name] = FORMAT_READERS[format];
  const reader = exported(module, name);
  return reader ? { name: `${module}.${name}`, read: checked(reader) } : null;
}
