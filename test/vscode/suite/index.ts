/**
 * Extension-host test entry, the `@vscode/test-electron` contract: VS Code loads this module inside the
 * extension host (given as `extensionTestsPath`) and calls `run()`; the run fails when the promise rejects.
 * The same entry serves code-server (test/vscode/extensionHostRun.ts) and @vscode/test-electron
 * (test/vscode/runTestElectron.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { formatMochaResult, MochaTestResult } from '../mochaProtocol';

/** A guard against a hung test, not a wait: tests wait on events and finish as soon as those arrive. */
const TEST_TIMEOUT_MS = 60_000;

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: TEST_TIMEOUT_MS, reporter: 'spec' });
  const grep = process.env.CITEWRIGHT_MOCHA_GREP;
  if (grep) mocha.grep(grep);
  const files = fs.readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort();
  for (const file of files) mocha.addFile(path.join(__dirname, file));

  return new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures) => {
      if (files.length === 0) reject(new Error(`no *.test.js files in ${__dirname}`));
      else if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
    const report = (test: Mocha.Runnable, state: MochaTestResult['state'], err?: Error): void => {
      console.log(formatMochaResult({
        titlePath: test.titlePath(),
        state,
        durationMs: test.duration ?? null,
        error: err ? (err.stack ?? err.message) : null,
      }));
    };
    runner.on('pass', (test) => report(test, 'passed'));
    runner.on('fail', (test, err: Error) => report(test, 'failed', err));
    runner.on('pending', (test) => report(test, 'pending'));
  });
}
