/**
 * Runs the extension-host mocha suite inside code-server, as `@vscode/test-electron` does inside desktop
 * VS Code: the workbench is opened with `extensionDevelopmentPath` and `extensionTestsPath` in its payload,
 * calls the suite's `run()` in the extension host, forwards the host's console to `codeAutomationLog` and
 * reports the outcome (0 or 1) to `codeAutomationExit`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from './browser';
import { prepareDirs, startCodeServer } from './codeServer';
import { MochaTestResult, parseMochaResults } from './mochaProtocol';

export interface ExtensionHostRunOptions {
  /** The extension folder (its package.json `main` is loaded). */
  readonly extensionDevelopmentPath: string;
  /** The compiled suite entry exporting `run()`. */
  readonly extensionTestsPath: string;
  /** The folder opened as the workspace. */
  readonly workspace: string;
  /** A guard against a hung run; the run ends as soon as the suite settles. */
  readonly timeoutMs: number;
}

export interface ExtensionHostRun {
  /** What the workbench reported: 0 when `run()` resolved, otherwise non-zero. */
  readonly exitCode: number;
  /** The extension host's console (mocha's spec report among it), in order. */
  readonly log: readonly string[];
  readonly results: readonly MochaTestResult[];
  /** code-server's own output, for failure reports. */
  readonly serverOutput: string;
}

interface AutomationLogFile {
  readonly relativePath: string;
  readonly contents: string;
}

export async function runExtensionHostSuite(options: ExtensionHostRunOptions): Promise<ExtensionHostRun> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'citewright-exthost-'));
  const server = await startCodeServer(prepareDirs(root));
  try {
    const context = await launchBrowser(root);
    try {
      const page = context.pages()[0] ?? await context.newPage();
      const log: string[] = [];
      const results: MochaTestResult[] = [];
      let onExit: (code: number) => void = () => undefined;
      const exited = new Promise<number>((resolve) => { onExit = resolve; });
      await page.exposeFunction('codeAutomationLog', (level: string, message: unknown) => {
        const text = consoleText(message);
        log.push(level === 'info' ? text : `[${level}] ${text}`);
        results.push(...parseMochaResults(text));
      });
      await page.exposeFunction('codeAutomationExit', (code: number, logs: readonly AutomationLogFile[] | undefined) => {
        for (const file of logs ?? []) {
          if (/exthost|extension/i.test(file.relativePath)) log.push(`--- ${file.relativePath}\n${file.contents}`);
        }
        onExit(code);
      });
      const remote = (file: string): string => `vscode-remote://${server.authority}${file}`;
      const payload = [
        ['extensionDevelopmentPath', remote(options.extensionDevelopmentPath)],
        ['extensionTestsPath', remote(options.extensionTestsPath)],
      ];
      await page.goto(`${server.url}/?folder=${encodeURIComponent(options.workspace)}`
        + `&payload=${encodeURIComponent(JSON.stringify(payload))}`);

      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(
          `the extension-host suite did not finish within ${options.timeoutMs} ms\n${log.join('\n')}\n${server.output()}`)),
        options.timeoutMs);
      });
      try {
        const exitCode = await Promise.race([exited, timedOut]);
        return { exitCode, log, results, serverOutput: server.output() };
      } finally {
        clearTimeout(timer);
      }
    } finally {
      await context.close();
    }
  } finally {
    await server.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/**
 * The workbench hands `codeAutomationLog` the console call's arguments (`["%s) %s", 1, "title"]`): format them
 * as the console would.
 */
export function consoleText(message: unknown): string {
  if (Array.isArray(message)) return format(...(message as unknown[]));
  return typeof message === 'string' ? message : JSON.stringify(message);
}
