// Which bibliography files serve a document, in the order pandoc, Quarto and LaTeX users expect:
// 1. the files the document names (YAML `bibliography:`, `\bibliography{}`, `\addbibresource{}`);
// 2. `bibliography` of the nearest `_quarto.yml` above the document;
// 3. the `citewright.bibliographies` setting;
// 4. otherwise, for pandoc and LaTeX documents, a `.bib` with the document's name next to it, or the only
//    `.bib` in its folder.
import type { BibliographyLink, DocumentModel } from '../model';
import type { CitewrightSettings } from '../settings';
import { quartoBibliographies } from '../syntax/bibliographyLinks';
import type { CitationWorkspace } from '../workspace';
import { baseName, folderOf, resolvePath } from './uris';

export type BibliographyOrigin = 'document' | 'quarto' | 'setting' | 'beside';

export interface BibliographySource {
  readonly uri: string;
  /** Where the document names the file; null when found otherwise. */
  readonly link: BibliographyLink | null;
  readonly origin: BibliographyOrigin;
}

const QUARTO_LEVELS = 6;

function quartoSources(documentUri: string, workspace: CitationWorkspace): BibliographySource[] {
  let folder = folderOf(documentUri);
  for (let level = 0; level < QUARTO_LEVELS; level++) {
    const projectFile = `${folder}_quarto.yml`;
    const project = workspace.readFile(projectFile);
    if (project) {
      return quartoBibliographies(project.text).map((p) => ({ uri: resolvePath(projectFile, p.path), link: null, origin: 'quarto' as const }));
    }
    // Up one folder, stopping at the root (`file:///`).
    if (/^[a-z][a-z0-9+.-]*:\/\/[^/]*\/$/i.test(folder)) break;
    folder = folderOf(folder.slice(0, -1));
  }
  return [];
}

function besideSources(documentUri: string, workspace: CitationWorkspace): BibliographySource[] {
  const names = workspace.listFolder(folderOf(documentUri));
  if (!names) return [];
  const bibs = names.filter((n) => /\.bib$/i.test(n));
  const stem = baseName(documentUri).replace(/\.[^.]+$/, '');
  const chosen = bibs.find((n) => n.replace(/\.bib$/i, '') === stem) ?? (bibs.length === 1 ? bibs[0] : undefined);
  return chosen ? [{ uri: resolvePath(documentUri, chosen), link: null, origin: 'beside' }] : [];
}

/**
 * A LaTeX chapter (`\include{chapter1}`) has no bibliography of its own: it uses its main file's, named
 * by `% !TEX root = main.tex` or found as the .tex beside or above it that includes it.
 */
function latexRootSources(model: DocumentModel, workspace: CitationWorkspace, readLinks: (uri: string, text: string) => readonly BibliographyLink[]): BibliographySource[] {
  const stem = baseName(model.uri).replace(/\.tex$/i, '');
  const includes = new RegExp(`\\\\(?:input|include|subfile)\\s*\\{(?:[^{}]*/)?${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:\\.tex)?\\}`);
  const candidates = model.texRoot !== null
    ? [resolvePath(model.uri, model.texRoot)]
    : [folderOf(model.uri), folderOf(folderOf(model.uri).slice(0, -1))].flatMap((folder) =>
        (workspace.listFolder(folder) ?? []).filter((n) => /\.tex$/i.test(n)).map((n) => `${folder}${encodeURIComponent(n)}`));
  for (const uri of candidates) {
    if (uri === model.uri) continue;
    const root = workspace.readFile(uri);
    if (!root || (model.texRoot === null && !includes.test(root.text))) continue;
    return readLinks(uri, root.text).map((link) => ({ uri: resolvePath(uri, link.path), link: null, origin: 'document' as const }));
  }
  return [];
}

/** `readLinks` reads the bibliography links of another document (a LaTeX main file). */
export function findBibliographies(
  model: DocumentModel,
  settings: CitewrightSettings,
  workspace: CitationWorkspace,
  readLinks: (uri: string, text: string) => readonly BibliographyLink[],
): BibliographySource[] {
  const named: BibliographySource[] = model.bibliographyLinks.length > 0 || model.kind !== 'latex'
    ? model.bibliographyLinks.map((link) => ({ uri: resolvePath(model.uri, link.path), link, origin: 'document' as const }))
    : latexRootSources(model, workspace, readLinks);
  const found = [
    ...named,
    ...quartoSources(model.uri, workspace),
    ...settings.bibliographies.map((path) => ({ uri: resolvePath(model.uri, path), link: null, origin: 'setting' as const })),
  ];
  const unique = found.filter((s, i) => found.findIndex((t) => t.uri === s.uri) === i);
  // An author-date essay keeps its own reference list, and a document with its own `references:` or
  // `thebibliography` its own entries: a .bib that happens to lie beside them is not their bibliography.
  const ownBibliography = model.kind === 'author-date' || model.keyedEntries.length > 0;
  return unique.length > 0 || ownBibliography ? unique : besideSources(model.uri, workspace);
}
