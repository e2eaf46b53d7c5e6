// The server's idle-time hover preparation: slices until a document is done, documents in turn, nothing
// scheduled after stop.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { IdleHoverPreparation } from '../../server/src/idleHoverPreparation';

async function turns(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await nextTurn();
}

describe('idle hover preparation', () => {
  it('prepares each scheduled document in slices until it says it is done, then stops', async () => {
    const calls: string[] = [];
    const remaining = new Map([['a', 3], ['b', 1]]);
    const preparation = new IdleHoverPreparation((uri) => {
      calls.push(uri);
      const left = remaining.get(uri)! - 1;
      remaining.set(uri, left);
      return left === 0;
    }, () => assert.fail('no error expected'));
    preparation.schedule('a');
    preparation.schedule('b');
    preparation.schedule('a');
    assert.deepEqual(calls, [], 'nothing runs before the current turn ends');
    await turns(10);
    assert.deepEqual(calls, ['a', 'a', 'a', 'b']);
  });

  it('reports a failing document once and goes on with the others; after stop nothing runs', async () => {
    const calls: string[] = [];
    const errors: string[] = [];
    const preparation = new IdleHoverPreparation((uri) => {
      calls.push(uri);
      if (uri === 'bad') throw new Error('broken style');
      return true;
    }, (uri, error) => errors.push(`${uri}: ${(error as Error).message}`));
    preparation.schedule('bad');
    preparation.schedule('good');
    await turns(5);
    assert.deepEqual(calls, ['bad', 'good']);
    assert.deepEqual(errors, ['bad: broken style']);
    preparation.schedule('late');
    preparation.stop();
    preparation.schedule('later');
    await turns(5);
    assert.deepEqual(calls, ['bad', 'good']);
  });
});
