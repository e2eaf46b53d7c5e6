// A thin session over test/lsp/lspClient.ts for the robustness tests: initialize, open, change (in place, tracking
// the text as the server must see it), pull diagnostics, shut down; and what the server process reports about
// itself (RSS from /proc).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  CodeActionKind, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, DocumentDiagnosticRequest,
  ExitNotification, InitializedNotification, InitializeRequest, MessageType, ShutdownRequest,
  type Diagnostic, type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startServer, within, type LspServer, type StartOptions } from '../lsp/lspClient';

export class RobustSession {
  readonly server: LspServer;
  /** The documents as the server must now hold them. */
  readonly documents = new Map<string, TextDocument>();

  constructor(options: StartOptions = {}) {
    this.server = startServer(options);
  }

  get connection() {
    return this.server.connection;
  }

  get pid(): number {
    const pid = this.server.child.pid;
    assert.ok(pid !== undefined, 'the server process has a pid');
    return pid;
  }

  /**
   * `folders`: workspace folder URIs; `initializationOptions`: what the VS Code client sends (workspace trust);
   * `workspaceCapabilities`: added to the client's `workspace` capabilities (VS Code declares
   * `diagnostics: { refreshSupport: true }`).
   */
  async initialize(folders: readonly string[] = [], initializationOptions?: unknown, workspaceCapabilities: Record<string, unknown> = {}): Promise<void> {
    const result = await this.server.wait(
      this.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: folders[0] ?? null,
        workspaceFolders: folders.length > 0 ? folders.map((uri, i) => ({ uri, name: `folder${i}` })) : null,
        initializationOptions,
        capabilities: {
          workspace: { configuration: true, ...workspaceCapabilities },
          textDocument: {
            diagnostic: { dynamicRegistration: false },
            completion: { completionItem: { snippetSupport: true } },
            codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll] } } },
            documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          },
        },
      }),
      'initialize',
    );
    assert.equal(result.serverInfo?.name, 'citewright');
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  async open(uri: string, text: string, languageId = 'markdown'): Promise<TextDocument> {
    const document = TextDocument.create(uri, languageId, 1, text);
    this.documents.set(uri, document);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return document;
  }

  /** Sends one didChange with these changes (applied in order, as LSP says) and applies them to our copy. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<TextDocument> {
    const document = this.documents.get(uri);
    assert.ok(document, `${uri} is open`);
    TextDocument.update(document, changes, document.version + 1);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: document.version },
      contentChanges: changes,
    });
    return document;
  }

  async diagnostics(uri: string, ms?: number): Promise<Diagnostic[]> {
    const report = await this.server.wait(this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }), `diagnostics of ${uri}`, ms);
    assert.equal(report.kind, 'full');
    return report.kind === 'full' ? report.items : [];
  }

  /** Shuts down and exits; returns the exit code (the process must be gone within the deadline). */
  async shutdownAndExit(ms?: number): Promise<number | null> {
    await this.server.wait(this.connection.sendRequest(ShutdownRequest.type), 'shutdown', ms);
    await this.connection.sendNotification(ExitNotification.type);
    const status = await within(this.server.exited, 'the server process to exit after exit', ms);
    assert.equal(status.signal, null, 'the server exits by itself, not by a signal');
    return status.code;
  }

  /** Errors and warnings the server logged, and anything on stderr (an unhandled rejection would land there). */
  problems(): string[] {
    const logged = this.server.logMessages
      .filter((m) => m.type === MessageType.Error || m.type === MessageType.Warning)
      .map((m) => `${m.type === MessageType.Error ? 'error' : 'warning'}: ${m.message}`);
    const stderr = this.server.stderr();
    return [...logged, ...(stderr ? [`stderr: ${stderr}`] : []), ...this.server.protocolErrors.map((e) => `protocol: ${e}`)];
  }

  warnings(): string[] {
    return this.server.logMessages.filter((m) => m.type === MessageType.Warning).map((m) => m.message);
  }
}

/** The server process's resident set and its peak, in MiB, from /proc. */
export function processMemory(pid: number): { rssMiB: number; peakMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(status);
    assert.ok(match, `${name} in /proc/${pid}/status`);
    return Number(match[1]) / 1024;
  };
  return { rssMiB: field('VmRSS'), peakMiB: field('VmHWM') };
}
