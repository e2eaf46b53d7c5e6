/**
 * Starts and stops code-server (real VS Code with a Node extension host, installed from npm by
 * `.ci/setup-vscode.sh`). Every instance gets its own user-data and extensions folders, listens on a free
 * loopback port and is stopped with its whole process group (extension host and language server included).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { codeServerEntry, node24, vscodeTestDir } from './paths';

/** User settings of every test instance. */
export const userSettings: Readonly<Record<string, unknown>> = {
  'files.refactoring.autoSave': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
};

export interface CodeServerDirs {
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly configFile: string;
}

export interface RunningCodeServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** `127.0.0.1:PORT`, the authority of `vscode-remote://` URIs. */
  readonly authority: string;
  readonly dirs: CodeServerDirs;
  /** Everything code-server printed so far. */
  output(): string;
  /** Stops code-server and every process it started; safe to call twice. */
  stop(): Promise<void>;
}

/** Throws, naming the fix, when `.ci/setup-vscode.sh` has not installed what the tests need. */
export function assertCodeServerInstalled(): void {
  for (const file of [node24, codeServerEntry]) {
    if (!fs.existsSync(file)) {
      throw new Error(`${file} is missing: run .ci/setup-vscode.sh first (installs Node 24 and code-server into ${vscodeTestDir})`);
    }
  }
}

/** Creates the user-data dir (with the test settings), the extensions dir and an empty config file. */
export function prepareDirs(root: string): CodeServerDirs {
  const dirs: CodeServerDirs = {
    userDataDir: path.join(root, 'ud'),
    extensionsDir: path.join(root, 'ext'),
    configFile: path.join(root, 'config.yaml'),
  };
  fs.mkdirSync(path.join(dirs.userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(dirs.extensionsDir, { recursive: true });
  fs.writeFileSync(path.join(dirs.userDataDir, 'User', 'settings.json'), JSON.stringify(userSettings, null, 2));
  fs.writeFileSync(dirs.configFile, 'auth: none\n');
  return dirs;
}

function commonArgs(dirs: CodeServerDirs): string[] {
  return ['--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir, '--config', dirs.configFile];
}

/** code-server's environment: Node 24 first on PATH, and nothing inherited from a VS Code we may run inside. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('VSCODE_') && !key.startsWith('ELECTRON_') && key !== 'NODE_OPTIONS' && !key.startsWith('NODE_TEST')) {
      env[key] = value;
    }
  }
  env.PATH = `${path.dirname(node24)}${path.delimiter}${process.env.PATH ?? ''}`;
  return env;
}

/** `code-server --install-extension VSIX`, into `dirs.extensionsDir`. */
export async function installExtension(dirs: CodeServerDirs, vsix: string): Promise<string> {
  assertCodeServerInstalled();
  const child = spawn(node24, [codeServerEntry, ...commonArgs(dirs), '--force', '--install-extension', vsix], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: childEnv(),
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`code-server --install-extension ${vsix} exited with ${code}:\n${output}`);
  return output;
}

/** Starts code-server on a free loopback port (port 0: code-server prints the one it got). */
export async function startCodeServer(dirs: CodeServerDirs): Promise<RunningCodeServer> {
  assertCodeServerInstalled();
  const child = spawn(node24, [
    codeServerEntry,
    '--bind-addr', '127.0.0.1:0',
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    ...commonArgs(dirs),
    '--vscode-option', 'enable-smoke-test-driver',
    '--reconnection-grace-time', '5',
  ], {
    // Its own process group, so that stop() reaches the extension host and the language server too.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: childEnv(),
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start code-server');

  let output = '';
  let exited = false;
  const exit = new Promise<void>((resolve) => child.on('exit', () => { exited = true; resolve(); }));
  const stop = async (): Promise<void> => {
    signalGroup(pid, 'SIGTERM');
    await exit;
    // code-server is gone; end whatever of its group is still there (an extension host, a language server).
    signalGroup(pid, 'SIGKILL');
  };

  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1] !== undefined) resolve(match[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    void exit.then(() => reject(new Error(`code-server exited before listening:\n${output}`)));
  }).catch(async (error: unknown) => {
    if (!exited) await stop();
    throw error;
  });

  return {
    url,
    authority: new URL(url).host,
    dirs,
    output: () => output,
    stop,
  };
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
