// The `citewright.style` setting to a CSL style: a built-in name, the path of a .csl file, or the name of a
// style in the Zotero styles folder or Debian's citation-style-language-styles. Dependent styles (which only
// point at a parent) are resolved to their parent.
import type { CitationWorkspace } from '../workspace';
import { dependentStyleParent, type CitationStyle } from './cslConversion';
import { baseName, resolvePath } from './uris';

const BUILT_IN = new Set(['harvard', 'apa', 'vancouver']);

export type ResolvedStyle = { readonly style: CitationStyle } | { readonly error: string };

function readStyle(uri: string, workspace: CitationWorkspace, folders: readonly string[], depth = 0): ResolvedStyle {
  const file = workspace.readFile(uri);
  if (!file) return { error: `the style file '${baseName(uri)}' cannot be read` };
  const parent = dependentStyleParent(file.text);
  if (parent === null) return { style: { name: baseName(uri).replace(/\.csl$/i, ''), xml: file.text } };
  if (depth > 0) return { error: `the style '${baseName(uri)}' depends on another dependent style` };
  const parentName = parent.slice(parent.lastIndexOf('/') + 1);
  for (const folder of folders) {
    const found = readStyle(`${folder}${parentName}.csl`, workspace, folders, depth + 1);
    if ('style' in found) return found;
  }
  return { error: `the style '${baseName(uri)}' depends on '${parentName}', which is not in ${folders.length > 0 ? 'the style folders' : 'any style folder'}` };
}

/** `folders`: URIs ending in `/` where named styles are looked for, in order. */
export function resolveStyle(setting: string, documentUri: string, workspace: CitationWorkspace, folders: readonly string[]): ResolvedStyle {
  if (BUILT_IN.has(setting)) return { style: setting as CitationStyle };
  if (/\.csl$/i.test(setting)) return readStyle(resolvePath(documentUri, setting), workspace, folders);
  for (const folder of folders) {
    for (const candidate of [`${folder}${setting}.csl`, `${folder}dependent/${setting}.csl`]) {
      if (workspace.readFile(candidate)) return readStyle(candidate, workspace, folders);
    }
  }
  return { error: `no style named '${setting}' (built in: harvard, apa, vancouver)` };
}
