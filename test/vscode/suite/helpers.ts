/**
 * Helpers for the extension-host suite: documents of the workspace fixture, diagnostics awaited through
 * `onDidChangeDiagnostics` (never by sleeping), and plain-data views of VS Code objects for exact assertions.
 */
import * as vscode from 'vscode';

export const SOURCE = 'citewright';

export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the suite needs a workspace folder (test/fixtures/vscode-workspace)');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

/** Opens a workspace file in an editor (which activates the extension for its language). */
export async function openDocument(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(name));
  return vscode.window.showTextDocument(document);
}

/** A copy of a fixture under a new name, so that a test may edit it without touching other tests' files. */
export async function copyOfFixture(name: string, copyName: string): Promise<vscode.Uri> {
  const target = workspaceUri('scratch', copyName);
  await vscode.workspace.fs.copy(workspaceUri(name), target, { overwrite: true });
  return target;
}

export function citewrightDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/**
 * Resolves with the document's Citewright diagnostics as soon as they satisfy `ready`: checked now and on
 * every `onDidChangeDiagnostics` event for the document. (Mocha's timeout guards against a wait that never ends.)
 */
export function waitForDiagnostics(uri: vscode.Uri, ready: (diagnostics: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const diagnostics = citewrightDiagnostics(uri);
      if (!ready(diagnostics)) return false;
      subscription.dispose();
      resolve(diagnostics);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    check();
  });
}

/** A range as `[startLine, startCharacter, endLine, endCharacter]` (0-based, as LSP and VS Code count). */
export type RangeTuple = [number, number, number, number];

export function rangeTuple(range: vscode.Range): RangeTuple {
  return [range.start.line, range.start.character, range.end.line, range.end.character];
}

export function toRange([startLine, startCharacter, endLine, endCharacter]: RangeTuple): vscode.Range {
  return new vscode.Range(startLine, startCharacter, endLine, endCharacter);
}

export interface DiagnosticView {
  readonly code: string;
  readonly severity: string;
  readonly range: RangeTuple;
  readonly message: string;
}

export function diagnosticView(diagnostic: vscode.Diagnostic): DiagnosticView {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return {
    code: String(code),
    severity: vscode.DiagnosticSeverity[diagnostic.severity],
    range: rangeTuple(diagnostic.range),
    message: diagnostic.message,
  };
}

/** Diagnostics in document order, as plain data. */
export function diagnosticViews(diagnostics: readonly vscode.Diagnostic[]): DiagnosticView[] {
  return diagnostics.map(diagnosticView).sort((a, b) =>
    a.range[0] - b.range[0] || a.range[1] - b.range[1] || a.code.localeCompare(b.code));
}

export interface TextEditView {
  readonly path: string;
  readonly range: RangeTuple;
  readonly newText: string;
}

/** A workspace edit's text edits, as plain data with workspace-relative paths, in document order. */
export function workspaceEditView(edit: vscode.WorkspaceEdit): TextEditView[] {
  const views: TextEditView[] = [];
  for (const [uri, edits] of edit.entries()) {
    for (const textEdit of edits) {
      if (!(textEdit instanceof vscode.TextEdit)) throw new Error(`unexpected snippet edit in ${uri.toString()}`);
      views.push({ path: vscode.workspace.asRelativePath(uri, false), range: rangeTuple(textEdit.range), newText: textEdit.newText });
    }
  }
  return views.sort((a, b) => a.path.localeCompare(b.path) || a.range[0] - b.range[0] || a.range[1] - b.range[1]);
}

export function markdownText(content: vscode.MarkdownString | vscode.MarkedString): string {
  if (typeof content === 'string') return content;
  return content.value;
}

/** Applies a workspace edit and fails if VS Code refuses it. */
export async function applyEdit(edit: vscode.WorkspaceEdit): Promise<void> {
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error('VS Code refused the workspace edit');
}

export interface CompletionView {
  readonly label: string;
  readonly kind: string | undefined;
  readonly detail: string | undefined;
  readonly insertText: string | undefined;
  /** The range the item replaces. */
  readonly range: RangeTuple | undefined;
}

/** How many items `completionViews` has VS Code resolve, as it does the item it shows (keys get their detail then). */
const RESOLVED_ITEMS = 50;

/** The completion items at a position, resolved, as plain data, in the server's order. */
export async function completionViews(uri: vscode.Uri, position: vscode.Position, trigger?: string): Promise<CompletionView[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position, trigger, RESOLVED_ITEMS);
  return list.items.map((item) => ({
    label: typeof item.label === 'string' ? item.label : item.label.label,
    kind: item.kind === undefined ? undefined : vscode.CompletionItemKind[item.kind],
    detail: item.detail,
    insertText: item.insertText instanceof vscode.SnippetString ? item.insertText.value : item.insertText,
    range: item.range === undefined ? undefined : rangeTuple(item.range instanceof vscode.Range ? item.range : item.range.replacing),
  }));
}

/** The hovers at a position: each hover's contents as Markdown text. */
export async function hoverTexts(uri: vscode.Uri, position: vscode.Position): Promise<string[][]> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers.map((hover) => hover.contents.map(markdownText));
}

export interface LocationView {
  readonly path: string;
  readonly range: RangeTuple;
}

/** Locations or location links as plain data with workspace-relative paths, sorted by path and range. */
export function locationViews(locations: readonly (vscode.Location | vscode.LocationLink)[]): LocationView[] {
  return locations.map((location) => {
    const uri = 'uri' in location ? location.uri : location.targetUri;
    const range = 'range' in location ? location.range : location.targetRange;
    return { path: vscode.workspace.asRelativePath(uri, false), range: rangeTuple(range) };
  }).sort((a, b) => a.path.localeCompare(b.path) || a.range[0] - b.range[0] || a.range[1] - b.range[1]);
}
