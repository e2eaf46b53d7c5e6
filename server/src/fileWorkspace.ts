// The service's view of the file system, for the CLI and the language server: reads files on demand and
// keeps each text until the file's modification time or size changes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CitationWorkspace, FileSnapshot } from './service';

export interface FileWorkspaceOptions {
  /** Whether a path may be read at all (an untrusted workspace reads nothing outside its folders). */
  readonly mayRead?: (path: string) => boolean;
  /** Files larger than this are not read (a clear message is the host's to give). */
  readonly maxBytes?: number;
}

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
