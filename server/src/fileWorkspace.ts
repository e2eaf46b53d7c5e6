// The service's view of the file system, for the CLI and the language server: reads files on demand and
// keeps each text until the file's modification time or size changes.
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CitationWorkspace, FileSnapshot } from './service';

export interface FileWorkspaceOptions {
  /**
   * Why a path may not be read at all (an untrusted workspace reads nothing outside its folders), or undefined
   * when it may. The reason completes "Bibliography file 'x.bib' was refused: ...".
   */
  readonly refusal?: (path: string) => string | undefined;
  /** Files larger than this are not read (a clear message is the host's to give). */
  readonly maxBytes?: number;
  /** Folders whose documents workspace-wide references and rename look through. */
  readonly documentFolders?: () => readonly string[];
}

const DOCUMENT_FILE = /\.(?:md|markdown|qmd|rmd|tex)$/i;
const MAX_DOCUMENTS = 5000;
const MAX_DEPTH = 8;

/**
 * A file as read: its bytes, decoded on first use. A `.bib` reader that takes the bytes decodes only what it
 * uses, and decoding a 35 MB file whole costs more than reading it. Invalid UTF-8 becomes U+FFFD: a
 * bibliography with one bad byte still loads.
 */
class FileBytes implements FileSnapshot {
  #text: string | undefined;

  constructor(
    readonly bytes: Buffer,
    readonly version: string,
  ) {}

  get text(): string {
    return (this.#text ??= this.bytes.toString('utf8').replace(/^\uFEFF/, ''));
  }
}

export class FileWorkspace implements CitationWorkspace {
  private readonly texts = new Map<string, FileSnapshot>();
  /** How often each path was said to have changed: part of its version, so that a rewrite is seen even when its size and modification time are as before. */
  private readonly changes = new Map<string, number>();

  constructor(private readonly options: FileWorkspaceOptions = {}) {}

  private static pathOf(uri: string): string | undefined {
    try {
      return fileURLToPath(uri);
    } catch {
      return undefined;
    }
  }

  private readablePath(uri: string): string | undefined {
    const path = FileWorkspace.pathOf(uri);
    return path === undefined || this.options.refusal?.(path) !== undefined ? undefined : path;
  }

  /** Why a file is not read although it may exist (see `FileWorkspaceOptions.refusal`), or undefined. */
  refusal(uri: string): string | undefined {
    const path = FileWorkspace.pathOf(uri);
    return path === undefined ? undefined : this.options.refusal?.(path);
  }

  /**
   * The file changed on disk (a file watcher says so): it is read again on next use, even if its size and
   * modification time are as before (a rewrite within the timestamp granularity of the file system).
   */
  changed(uri: string): void {
    const path = FileWorkspace.pathOf(uri);
    if (path === undefined) return;
    this.texts.delete(path);
    this.changes.set(path, (this.changes.get(path) ?? 0) + 1);
  }

  readFile(uri: string): FileSnapshot | undefined {
    const path = this.readablePath(uri);
    if (path === undefined) return undefined;
    try {
      const stat = statSync(path);
      if (!stat.isFile() || stat.size > (this.options.maxBytes ?? Infinity)) return undefined;
      const version = `${stat.mtimeMs}:${stat.size}:${this.changes.get(path) ?? 0}`;
      const cached = this.texts.get(path);
      if (cached?.version === version) return cached;
      const snapshot = new FileBytes(readFileSync(path), version);
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
    const path = this.readablePath(uri);
    if (path === undefined) return undefined;
    try {
      return readdirSync(path);
    } catch {
      return undefined;
    }
  }
}
