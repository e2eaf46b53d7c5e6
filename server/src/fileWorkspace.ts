// The service's view of the file system, for the CLI and the language server: reads files on demand and
// keeps each text until the file's modification time or size changes.
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CitationWorkspace, FileSnapshot } from './service';

export interface FileWorkspaceOptions {
  /** Whether a path may be read at all (an untrusted workspace reads nothing outside its folders). */
  readonly mayRead?: (path: string) => boolean;
  /** Files larger than this are not read (a clear message is the host's to give). */
  readonly maxBytes?: number;
  /** Folders whose documents workspace-wide references and rename look through. */
  readonly documentFolders?: () => readonly string[];
}

const DOCUMENT_FILE = /\.(?:md|markdown|qmd|rmd|tex)$/i;
const MAX_DOCUMENTS = 5000;
const MAX_DEPTH = 8;

export class FileWorkspace implements CitationWorkspace {
  private readonly texts = new Map<string, FileSnapshot>();

  constructor(private readonly options: FileWorkspaceOptions = {}) {}

  private pathOf(uri: string): string | undefined {
    let path: string;
    try {
      path = fileURLToPath(uri);
    } catch {
      return undefined;
    }
    return this.options.mayRead === undefined || this.options.mayRead(path) ? path : undefined;
  }

  readFile(uri: string): FileSnapshot | undefined {
    const path = this.pathOf(uri);
    if (path === undefined) return undefined;
    try {
      const stat = statSync(path);
      if (!stat.isFile() || stat.size > (this.options.maxBytes ?? Infinity)) return undefined;
      const version = `${stat.mtimeMs}:${stat.size}`;
      const cached = this.texts.get(path);
      if (cached?.version === version) return cached;
      // Invalid UTF-8 becomes U+FFFD: a bibliography with one bad byte still loads.
      const snapshot = { text: readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), version };
      this.texts.set(path, snapshot);
      return snapshot;
    } catch {
      return undefined;
    }
  }

  /** Markdown, Quarto, R Markdown and LaTeX files below the document folders, skipping hidden folders and node_modules. */
  listDocuments(): readonly string[] {
    const found: string[] = [];
    const walk = (folder: string, depth: number) => {
      if (depth > MAX_DEPTH || found.length >= MAX_DOCUMENTS) return;
      let entries: Dirent[];
      try {
        entries = readdirSync(folder, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        if (found.length >= MAX_DOCUMENTS) return;
        const path = join(folder, entry.name);
        if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') walk(path, depth + 1);
        else if (entry.isFile() && DOCUMENT_FILE.test(entry.name)) found.push(pathToFileURL(path).href);
      }
    };
    for (const folder of this.options.documentFolders?.() ?? []) walk(folder, 0);
    return found;
  }

  listFolder(uri: string): readonly string[] | undefined {
    const path = this.pathOf(uri);
    if (path === undefined) return undefined;
    try {
      return readdirSync(path);
    } catch {
      return undefined;
    }
  }
}
