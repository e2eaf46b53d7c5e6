// A client for the built language server over stdio, as an editor drives it (the approach of
// test/lsp/lspClient.ts): spawn `out/server/src/main.js --stdio`, speak JSON-RPC, answer
// `workspace/configuration`, time requests as the client sees them.
import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import {
  CodeActionRequest, CompletionRequest, ConfigurationRequest, createProtocolConnection, DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification, DocumentDiagnosticRequest, ExitNotification, HoverRequest, InitializedNotification,
  InitializeRequest, ShutdownRequest,
  type CompletionItem, type CompletionList, type Diagnostic, type DocumentDiagnosticReport, type Position, type ProtocolConnection, type Range,
} from 'vscode-languageserver-protocol/node';
import { serverMain } from './paths';
import { msSince } from './stats';

/** A deadline for any one request, so that a hung server fails the run instead of stalling it. */
const REQUEST_TIMEOUT_MS = 120_000;

function within<T>(promise: Promise<T>, what: string, ms = REQUEST_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

export class LspSession {
  private readonly child: ChildProcess;
  private readonly connection: ProtocolConnection;
  private readonly versions = new Map<string, number>();
  private stderrText = '';
  /** When the process was spawned (`process.hrtime.bigint()`). */
  readonly spawnedAt: bigint;

  private constructor(workspaceDir: string, nodeArgs: readonly string[]) {
    this.spawnedAt = process.hrtime.bigint();
    this.child = spawn(process.execPath, [...nodeArgs, serverMain(), '--stdio'], { cwd: workspaceDir, stdio: ['pipe', 'pipe', 'pipe'] });
    const { stdin, stdout, stderr } = this.child;
    if (!stdin || !stdout || !stderr) throw new Error('the server was spawned without pipes');
    stderr.setEncoding('utf8');
    stderr.on('data', (chunk: string) => (this.stderrText += chunk));
    stdin.on('error', () => undefined);
    this.connection = createProtocolConnection(new StreamMessageReader(stdout), new StreamMessageWriter(stdin));
    this.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => (item.section === 'citewright' ? {} : null)));
    this.connection.onError(([error]) => {
      this.stderrText += `\nprotocol error: ${error.message}`;
    });
    this.connection.listen();
  }

  /** Starts the server and initializes it with `workspaceDir` as the only workspace folder. */
  static async start(workspaceDir: string, nodeArgs: readonly string[] = []): Promise<LspSession> {
    const session = new LspSession(workspaceDir, nodeArgs);
    const rootUri = pathToFileURL(workspaceDir).href;
    await within(session.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'corpora' }],
      capabilities: {
        workspace: { configuration: true, diagnostics: { refreshSupport: true } },
        textDocument: {
          diagnostic: { dynamicRegistration: false },
          completion: { completionItem: { snippetSupport: true } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
        },
      },
    }), 'initialize');
    await session.connection.sendNotification(InitializedNotification.type, {});
    return session;
  }

  get stderr(): string {
    return this.stderrText;
  }

  async open(path: string, languageId: string, text: string): Promise<string> {
    const uri = pathToFileURL(path).href;
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  async change(uri: string, range: Range, text: string): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range, text }],
    });
  }

  async diagnostics(uri: string): Promise<Diagnostic[]> {
    const report: DocumentDiagnosticReport = await within(
      this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }), 'diagnostics');
    return report.kind === 'full' ? report.items : [];
  }

  /** A request's round trip in milliseconds, with its result. */
  async timed<T>(request: () => Promise<T>, what: string): Promise<{ ms: number; result: T }> {
    const start = process.hrtime.bigint();
    const result = await within(request(), what);
    return { ms: msSince(start), result };
  }

  completion(uri: string, position: Position): Promise<CompletionList | CompletionItem[] | null> {
    return this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
  }

  hover(uri: string, position: Position): Promise<unknown> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  codeActions(uri: string, diagnostic: Diagnostic): Promise<unknown> {
    return this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] },
    });
  }

  async stop(): Promise<void> {
    try {
      await within(this.connection.sendRequest(ShutdownRequest.type), 'shutdown', 10_000);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // a broken server is killed below
    }
    this.connection.dispose();
    if (this.child.exitCode === null && this.child.signalCode === null) {
      // Give an exiting server a moment (a CPU profile is written on exit), then make sure it is gone.
      await Promise.race([new Promise((resolve) => this.child.once('exit', resolve)), new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    }
  }
}
