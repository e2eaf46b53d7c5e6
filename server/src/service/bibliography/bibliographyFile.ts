// One entry point for every bibliography format, chosen by the file's extension.
import type { FileSnapshot } from '../workspace';
import type { BibliographyFormat, BibliographyReadResult, ReadOptions } from './bibliographyEntry';
import { readBibtex } from './bibtexReader';
import { readCslJson } from './cslJsonReader';
import { readCslYaml } from './cslYamlReader';
import { readRis } from './risReader';

export type { BibliographyEntry, BibliographyFormat, BibliographyProblem, BibliographyReadResult, ReadOptions } from './bibliographyEntry';

/** The format of a bibliography file by its extension, or null when it is not one Citewright reads. */
export function bibliographyFormatOf(path: string): BibliographyFormat | null {
  const dot = path.lastIndexOf('.');
  const extension = dot === -1 ? '' : path.slice(dot + 1).toLowerCase();
  switch (extension) {
    case 'bib':
    case 'bibtex':
    case 'biblatex':
      return 'bibtex';
    case 'json':
      return 'csl-json';
    case 'yaml':
    case 'yml':
      return 'csl-yaml';
    case 'ris':
      return 'ris';
    default:
      return null;
  }
}

/**
 * Reads a bibliography file given its path (as the host names it: it becomes each entry's `source`) and its
 * text, or the host's snapshot of it (a `.bib` is then read from its bytes when there are any). Unknown
 * extensions are read as BibTeX, the most common format. Never throws on bad input: broken entries and
 * duplicate keys come back as problems, every other entry loads.
 */
export function readBibliography(path: string, file: string | FileSnapshot, options?: ReadOptions): BibliographyReadResult {
  const text = (): string => (typeof file === 'string' ? file : file.text);
  switch (bibliographyFormatOf(path)) {
    case 'csl-json':
      return readCslJson(path, text(), options);
    case 'csl-yaml':
      return readCslYaml(path, text(), options);
    case 'ris':
      return readRis(path, text(), options);
    default:
      return readBibtex(path, typeof file === 'string' ? file : file.bytes ?? file.text, options);
  }
}
