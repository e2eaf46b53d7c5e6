// In-process tests fail on an unhandled promise rejection (or an uncaught exception from a callback) anywhere in
// the test process, not only in the test that happened to be running.
import assert from 'node:assert/strict';
import { after } from 'node:test';

/** Registers the listeners and, after all tests of the file, asserts that none fired. */
export function failOnUnhandledRejections(): void {
  const seen: string[] = [];
  process.on('unhandledRejection', (reason) => {
    seen.push(`unhandled rejection: ${reason instanceof Error ? reason.stack ?? reason.message : String(reason)}`);
  });
  after(() => {
    assert.deepEqual(seen, [], 'no promise may be rejected without a handler');
  });
}
