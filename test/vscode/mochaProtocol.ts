/**
 * How the extension-host mocha run (suite/index.ts) tells the harness about each test: one console line per
 * finished test, `MOCHA_RESULT_MARKER` followed by a JSON `MochaTestResult`. The extension host's console
 * reaches the harness through code-server's `codeAutomationLog` (and the terminal under @vscode/test-electron).
 */
export const MOCHA_RESULT_MARKER = '[citewright-mocha-result] ';

export type MochaTestState = 'passed' | 'failed' | 'pending';

export interface MochaTestResult {
  /** Titles from the outermost `describe` to the test itself. */
  readonly titlePath: readonly string[];
  readonly state: MochaTestState;
  readonly durationMs: number | null;
  /** The failure's message and stack (failed tests only). */
  readonly error: string | null;
}

export function formatMochaResult(result: MochaTestResult): string {
  return MOCHA_RESULT_MARKER + JSON.stringify(result);
}

/** Reads every result line out of a chunk of console output (a message may hold several lines). */
export function parseMochaResults(message: string): MochaTestResult[] {
  const results: MochaTestResult[] = [];
  for (const line of message.split('\n')) {
    const at = line.indexOf(MOCHA_RESULT_MARKER);
    if (at < 0) continue;
    const parsed: unknown = JSON.parse(line.slice(at + MOCHA_RESULT_MARKER.length));
    if (isMochaTestResult(parsed)) results.push(parsed);
    else throw new Error(`malformed mocha result line: ${line}`);
  }
  return results;
}

function isMochaTestResult(value: unknown): value is MochaTestResult {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return Array.isArray(r.titlePath) && r.titlePath.every((t) => typeof t === 'string')
    && (r.state === 'passed' || r.state === 'failed' || r.state === 'pending')
    && (r.durationMs === null || typeof r.durationMs === 'number')
    && (r.error === null || typeof r.error === 'string');
}
