// Requests and commands the Citewright client and server share beyond the Language Server Protocol.
import type { Diagnostic, Position, TextEdit } from 'vscode-languageserver-types';

export const REQUESTS = {
  /** `{ uri }` -> `Statistics`: for the status bar. */
  statistics: 'citewright/statistics',
  /** `{ uri, position }` -> `InsertableCitationItem[]`: for "Insert Citation". */
  insertableCitations: 'citewright/insertableCitations',
  /** `{ uri, position, entryId }` -> `TextEdit[]`: the edits once a work is chosen. */
  insertCitationEdits: 'citewright/insertCitationEdits',
  /** `{}` -> `WorkspaceCheck[]`: diagnostics of every document of the workspace. */
  checkWorkspace: 'citewright/checkWorkspace',
} as const;

/** Commands the server executes with a document URI as their one argument; it applies their edit itself. */
export const SERVER_COMMANDS = {
  generateReferenceList: 'citewright.server.generateReferenceList',
  sortReferenceList: 'citewright.server.sortReferenceList',
} as const;

/** The client command a code lens runs: `(uri, position)` -> the citations of the entry there. */
export const SHOW_CITATIONS_COMMAND = 'citewright.showCitations';

export interface Statistics {
  readonly citations: number;
  /** Errors and warnings. */
  readonly problems: number;
}

export interface InsertableCitationItem {
  readonly label: string;
  readonly description: string;
  readonly detail: string;
  readonly entryId: string;
}

export interface WorkspaceCheck {
  readonly uri: string;
  readonly diagnostics: Diagnostic[];
}

export interface DocumentPosition {
  readonly uri: string;
  readonly position: Position;
}

export type { TextEdit };
