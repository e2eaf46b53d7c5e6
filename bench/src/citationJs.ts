// citation-js as the peer reader, and as the converter that makes the CSL-JSON and RIS forms of the base
// entries once. Input types are always forced, so nothing it is given is fetched.
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import type { CslItem } from './csl';
import { asCslItems } from './csl';

/**
 * citation-js's typings mark every input option required although it defaults all but the one we pass.
 * The cast only fills in that gap.
 */
function forced(forceType: string): ConstructorParameters<typeof Cite>[1] {
  return { forceType } as ConstructorParameters<typeof Cite>[1];
}

export type LibraryFormat = 'bib' | 'json' | 'ris';

export const FORCED_TYPE: Readonly<Record<LibraryFormat, string>> = {
  bib: '@biblatex/text',
  json: '@csl/list+object',
  ris: '@ris/file',
};

/** Parses a library file's text as citation-js does for a user, returning its CSL items. */
export function citationJsParse(format: LibraryFormat, text: string): unknown[] {
  const input: unknown = format === 'json' ? JSON.parse(text) : text;
  return new Cite(input, forced(FORCED_TYPE[format])).data;
}

/** Converts BibTeX to CSL-JSON items (without citation-js's internal `_graph`). */
export function bibToCsl(bibText: string): CslItem[] {
  const items = asCslItems(new Cite(bibText, forced(FORCED_TYPE.bib)).data);
  return items.map(({ _graph: _dropped, ...item }) => item as CslItem); // `_graph` is citation-js bookkeeping, not CSL
}

/** Converts CSL items to RIS text. */
export function cslToRis(items: readonly CslItem[]): string {
  const cite = new Cite([...items], forced(FORCED_TYPE.json));
  // plugin-ris registers the 'ris' output format at run time; core's typings only know 'data' and 'label'.
  const format = cite.format as unknown as (this: Cite, name: 'ris') => unknown;
  const out = format.call(cite, 'ris');
  if (typeof out !== 'string') throw new Error('citation-js did not give RIS text');
  return out;
}
