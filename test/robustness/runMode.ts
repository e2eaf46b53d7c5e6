// How hard the robustness tests push: a CI mode (the default: small counts, the whole folder in well under three
// minutes on a 2-core machine) and a full mode (`CITEWRIGHT_FULL=1`: large counts, for a run before a release).
// Property runs go through `checkProperty`, which prints one line per property with the number of generated cases,
// so that a run's output says how much was tried.
import type { TestContext } from 'node:test';
import fc from 'fast-check';

export const FULL_MODE = process.env.CITEWRIGHT_FULL === '1';

/** `ci` in CI mode, `full` in full mode. */
export function scaled(ci: number, full: number): number {
  return FULL_MODE ? full : ci;
}

/** A fixed seed in CI mode so that a failure reproduces; a fresh one per run in full mode (printed on failure). */
const SEED = process.env.CITEWRIGHT_SEED !== undefined ? Number(process.env.CITEWRIGHT_SEED) : FULL_MODE ? Date.now() : 20_251_128;

export interface PropertyRun {
  readonly property: string;
  readonly cases: number;
  readonly seed: number;
}

/**
 * Runs a property with fast-check and fails the test with fast-check's report (counterexample, seed, path) when it
 * does not hold. Prints `property <name>: <n> generated cases` through the test's diagnostics.
 */
export function checkProperty<T>(
  t: TestContext,
  name: string,
  numRuns: number,
  arbitrary: fc.Arbitrary<T>,
  predicate: (value: T) => void,
): PropertyRun {
  const property = fc.property(arbitrary, (value) => {
    predicate(value);
  });
  const details = fc.check(property, { numRuns, seed: SEED });
  const line = `property ${name}: ${details.numRuns} generated cases${details.failed ? ` (failed after ${details.numShrinks} shrinks)` : ''} [seed ${SEED}]`;
  t.diagnostic(line);
  if (details.failed) {
    const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`${line}\n${fc.defaultReportMessage(details) ?? 'no report'}\nError: ${error}`);
  }
  return { property: name, cases: details.numRuns, seed: SEED };
}
