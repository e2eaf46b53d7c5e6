// The server's idle-time preparation (library search texts, hovers): it waits for a quiet spell, works in slices until a document is
// done, takes documents in turn, and leaves nothing scheduled after stop.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { IdlePreparation } from '../../server/src/idlePreparation';

/**
 * Waits until `done()` holds, or 5 s have passed: on a busy machine timers fire late, and a fixed sleep made the
 * positive checks below fail now and then. The checks after it are exact either way.
 */
async function until(done: () => boolean): Promise<void> {
  for (const deadline = Date.now() + 5_000; !done() && Date.now() < deadline; ) await sleep(10);
}

describe('idle preparation', () => {
  it('prepares each scheduled document in slices until it says it is done, then stops', async () => {
    const calls: string[] = [];
    const remaining = new Map([['a', 3], ['b', 1]]);
    const preparation = new IdlePreparation((uri) => {
      calls.push(uri);
      const left = remaining.get(uri)! - 1;
      remaining.set(uri, left);
      return left === 0;
    }, () => assert.fail('no error expected'), 0);
    preparation.schedule('a');
    preparation.schedule('b');
    preparation.schedule('a');
    assert.deepEqual(calls, [], 'nothing runs before the current turn ends');
    await until(() => calls.length >= 4);
    await sleep(50);
    assert.deepEqual(calls, ['a', 'a', 'a', 'b']);
  });

  it('waits until no request has come for the quiet spell', async () => {
    const calls: string[] = [];
    const preparation = new IdlePreparation((uri) => (calls.push(uri), true), () => assert.fail('no error expected'), 200);
    preparation.schedule('a');
    await sleep(100);
    preparation.busy();
    await sleep(100);
    assert.deepEqual(calls, [], 'a request 100 ms in puts the work off until 300 ms');
    await until(() => calls.length > 0);
    assert.deepEqual(calls, ['a']);
  });

  it('reports a failing document once and goes on with the others; after stop nothing runs', async () => {
    const calls: string[] = [];
    const errors: string[] = [];
    const preparation = new IdlePreparation((uri) => {
      calls.push(uri);
      if (uri === 'bad') throw new Error('broken style');
      return true;
    }, (uri, error) => errors.push(`${uri}: ${(error as Error).message}`), 0);
    preparation.schedule('bad');
    preparation.schedule('good');
    await until(() => calls.length >= 2);
    assert.deepEqual(calls, ['bad', 'good']);
    assert.deepEqual(errors, ['bad: broken style']);
    preparation.schedule('late');
    preparation.stop();
    preparation.schedule('later');
    await sleep(50);
    assert.deepEqual(calls, ['bad', 'good']);
  });
});
