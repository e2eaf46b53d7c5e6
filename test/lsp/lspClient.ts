// A small LSP client for tests: starts the built language server as a child process over stdio, speaks
// JSON-RPC through vscode-languageserver-protocol, answers `workspace/configuration`, and records everything
// the server wrote (raw stdout bytes, stderr text, log messages, protocol errors) so that tests can assert on it.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import {
  ConfigurationRequest, createProtocolConnection, LogMessageNotification, ShowMessageNotification,
  type ConfigurationParams, type LogMessageParams, type ProtocolConnection, type ShowMessageParams,
} from 'vscode-languageserver-protocol/node';

/** The repository root, from `out/test/lsp/` (compiled) back up three levels. */
export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const SERVER_MAIN = join(REPO_ROOT, 'out', 'server', 'src', 'main.js');
/** CI puts a copy of `shared/` beside the clone. */
export const ESSAY_PATH = join(REPO_ROOT, '..', 'shared', 'corpus', 'khrushchev-essay.md');

/** How long any single wait may take before the test fails (generous: a cold start compiles nothing, but CI is slow). */
export const DEFAULT_TIMEOUT_MS = 15_000;

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One JSON-RPC message as read back from the server's raw stdout. */
export interface RawMessage {
  jsonrpc: unknown;
  id?: unknown;
  method?: unknown;
  params?: unknown;
  result?: unknown;
  error?: unknown;
}

export interface StartOptions {
  /** The `citewright` section answered to `workspace/configuration`; `undefined` answers `{}`. */
  settings?: unknown;
}

export interface LspServer {
  readonly connection: ProtocolConnection;
  readonly child: ChildProcess;
  /** Resolves when the process has exited (never rejects). */
  readonly exited: Promise<ExitStatus>;
  /** Every `workspace/configuration` request the server sent, in order. */
  readonly configurationRequests: ConfigurationParams[];
  readonly logMessages: LogMessageParams[];
  readonly shownMessages: ShowMessageParams[];
  /** Errors the JSON-RPC layer reported (an unparsable frame would land here). */
  readonly protocolErrors: string[];
  /**
   * Rejects as soon as the server breaks the protocol or its process ends: waits race against it so that a
   * broken server fails the test at once, with the reason, rather than at a deadline.
   */
  readonly broken: Promise<never>;
  /** `within`, also failing when the server breaks. */
  wait<T>(promise: Promise<T>, what: string, ms?: number): Promise<T>;
  stderr(): string;
  /** All bytes the server wrote to stdout so far. */
  stdout(): Buffer;
  /** Kills the process if it is still running; safe to call more than once. */
  kill(): void;
}

/**
 * Waits for `promise`, failing with a message naming `what` after `ms` milliseconds.
 * This is a deadline, not a sleep: it never delays a promise that settles in time.
 */
export function within<T>(promise: Promise<T>, what: string, ms = DEFAULT_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Splits a byte stream into LSP base-protocol frames (`Content-Length: N\r\n[other headers]\r\n\r\n<N bytes of JSON>`).
 * Throws if anything in it is not such a frame, or a body is not a JSON-RPC 2.0 object.
 */
export function parseFrames(bytes: Buffer): RawMessage[] {
  const messages: RawMessage[] = [];
  let at = 0;
  while (at < bytes.length) {
    const headerEnd = bytes.indexOf('\r\n\r\n', at, 'ascii');
    if (headerEnd < 0) throw new Error(`stdout byte ${at}: unterminated header: ${JSON.stringify(bytes.subarray(at, at + 80).toString('utf8'))}`);
    const headers = bytes.subarray(at, headerEnd).toString('ascii').split('\r\n');
    let length: number | undefined;
    for (const header of headers) {
      const match = /^([A-Za-z-]+): (.+)$/.exec(header);
      if (!match) throw new Error(`stdout byte ${at}: not a header line: ${JSON.stringify(header)}`);
      const [, name, value] = match;
      if (name.toLowerCase() === 'content-length') {
        if (!/^\d+$/.test(value)) throw new Error(`stdout byte ${at}: bad Content-Length ${JSON.stringify(value)}`);
        length = Number(value);
      } else if (name.toLowerCase() !== 'content-type') {
        throw new Error(`stdout byte ${at}: unknown header ${JSON.stringify(name)}`);
      }
    }
    if (length === undefined) throw new Error(`stdout byte ${at}: frame without Content-Length`);
    const bodyStart = headerEnd + 4;
    if (bodyStart + length > bytes.length) throw new Error(`stdout byte ${at}: truncated frame (${length} bytes announced)`);
    const body: unknown = JSON.parse(bytes.subarray(bodyStart, bodyStart + length).toString('utf8'));
    if (typeof body !== 'object' || body === null || (body as RawMessage).jsonrpc !== '2.0') {
      throw new Error(`stdout byte ${at}: not a JSON-RPC 2.0 message: ${JSON.stringify(body)}`);
    }
    messages.push(body as RawMessage);
    at = bodyStart + length;
  }
  return messages;
}

/** Starts `out/server/src/main.js --stdio` and connects to it (does not initialize). */
export function startServer(options: StartOptions = {}): LspServer {
  const child = spawn(process.execPath, [SERVER_MAIN, '--stdio'], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  const { stdin, stdout, stderr } = child;
  if (!stdin || !stdout || !stderr) throw new Error('the server was spawned without pipes');

  const stdoutChunks: Buffer[] = [];
  let stderrText = '';
  stdout.on('data', (chunk: Buffer) => stdoutChunks.push(chunk));
  stderr.setEncoding('utf8');
  stderr.on('data', (chunk: string) => (stderrText += chunk));
  // A write after the server has gone would otherwise be an unhandled 'error' event on stdin.
  stdin.on('error', () => undefined);

  const exited = new Promise<ExitStatus>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });

  const connection = createProtocolConnection(new StreamMessageReader(stdout), new StreamMessageWriter(stdin));
  const configurationRequests: ConfigurationParams[] = [];
  const logMessages: LogMessageParams[] = [];
  const shownMessages: ShowMessageParams[] = [];
  const protocolErrors: string[] = [];
  const settings = options.settings ?? {};

  connection.onRequest(ConfigurationRequest.type, (params) => {
    configurationRequests.push(params);
    return params.items.map((item) => (item.section === 'citewright' ? settings : null));
  });
  connection.onNotification(LogMessageNotification.type, (params) => {
    logMessages.push(params);
  });
  connection.onNotification(ShowMessageNotification.type, (params) => {
    shownMessages.push(params);
  });
  let breakWith: (reason: Error) => void = () => undefined;
  const broken = new Promise<never>((_, reject) => (breakWith = reject));
  broken.catch(() => undefined); // nobody may be waiting when it breaks; the waits see it, and so does the transcript check
  connection.onError(([error]) => {
    protocolErrors.push(error.message);
    breakWith(new Error(`the server broke the protocol: ${error.message}\nstderr: ${stderrText}`));
  });
  void exited.then(({ code, signal }) => breakWith(new Error(`the server exited (code ${code}, signal ${signal})\nstderr: ${stderrText}`)));
  connection.listen();

  return {
    connection,
    child,
    exited,
    configurationRequests,
    logMessages,
    shownMessages,
    protocolErrors,
    broken,
    wait: (promise, what, ms) => within(Promise.race([promise, broken]), what, ms),
    stderr: () => stderrText,
    stdout: () => Buffer.concat(stdoutChunks),
    kill: () => {
      connection.dispose();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
