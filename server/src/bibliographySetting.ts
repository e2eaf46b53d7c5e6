// The `citewright.bibliographies` setting: paths or simple globs, relative to the document's workspace folder.
import { readdirSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Whether `path` lies inside one of the folders. */
export function isInside(path: string, folders: readonly string[]): boolean {
  return folders.some((folder) => {
    const rel = relative(folder, resolve(path));
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  });
}

/** The workspace folder that holds a document, or null. */
export function folderFor(uri: string, folders: readonly string[]): string | null {
  if (!uri.startsWith('file:')) return null;
  const path = new URL(uri).pathname;
  return folders.filter((f) => isInside(decodeURIComponent(path), [f])).sort((a, b) => b.length - a.length)[0] ?? null;
}

/** `*` matches any run of characters but `/` in a file name. */
function matchesName(pattern: string, name: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === name;
  if (!name.startsWith(parts[0]) || !name.endsWith(parts[parts.length - 1])) return false;
  let at = parts[0].length;
  for (const part of parts.slice(1, -1)) {
    const found = name.indexOf(part, at);
    if (found < 0) return false;
    at = found + part.length;
  }
  return at <= name.length - parts[parts.length - 1].length;
}

/**
 * Turns the setting's entries into file URIs: absolute paths stay, relative ones are taken from the
 * workspace folder, and a `*` in the file name (`refs/*.bib`) lists the matching files of that folder.
 * Globs over folders (`**`) are not supported: name the folder.
 */
export function expandBibliographySetting(entries: readonly string[], folder: string | null): string[] {
  const uris: string[] = [];
  for (const entry of entries) {
    if (!isAbsolute(entry) && folder === null) continue;
    const path = isAbsolute(entry) ? entry : join(folder!, entry);
    if (!basename(path).includes('*')) {
      uris.push(pathToFileURL(path).href);
      continue;
    }
    let names: string[] = [];
    try {
      names = readdirSync(dirname(path));
    } catch {
      continue;
    }
    for (const name of names.filter((n) => matchesName(basename(path), n)).sort()) uris.push(pathToFileURL(join(dirname(path), name)).href);
  }
  return uris;
}
