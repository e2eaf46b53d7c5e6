// What the host lets the service read. The service never touches the file system: the LSP server and the
// CLI answer these calls from disk (and from open editors), and decide what may be read at all.

export interface FileSnapshot {
  /** The file's text (without a byte order mark). */
  readonly text: string;
  /**
   * The file's UTF-8 bytes as read from disk, when the host has them (a byte order mark allowed; `text` is
   * their decoding): the `.bib` reader then decodes only what it uses, and `text` need never be asked for.
   */
  readonly bytes?: Uint8Array;
  /** Changes whenever the text does (an editor version, a modification time): cached work is keyed on it. */
  readonly version: string;
}

export interface CitationWorkspace {
  /** A file's current text, or undefined when it does not exist or may not be read. */
  readFile(uri: string): FileSnapshot | undefined;
  /**
   * Why the host refuses to read a file, whether or not it exists (an untrusted workspace reads nothing outside
   * its folders), or undefined when it does not: completes "Bibliography file 'x.bib' was refused: ...".
   */
  refusal?(uri: string): string | undefined;
  /** The names of the files in a folder, or undefined when it cannot be listed. */
  listFolder(uri: string): readonly string[] | undefined;
  /** The documents of the workspace that may cite (Markdown, Quarto, R Markdown, LaTeX), for workspace-wide references and rename. */
  listDocuments(): readonly string[];
}

/** A workspace with no files: documents are checked against themselves only. */
export const EMPTY_WORKSPACE: CitationWorkspace = { readFile: () => undefined, listFolder: () => undefined, listDocuments: () => [] };
