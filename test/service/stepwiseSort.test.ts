// The stepwise sort: any number of moves per step gives the order a stable sort gives.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { StepwiseSort } from '../../server/src/service/stepwiseSort';

/** Sorts by `keys` in steps of `moves`, counting the steps. */
function sortInSteps(keys: readonly string[], moves: number): { order: number[]; steps: number } {
  const sort = new StepwiseSort(keys.length, (a, b) => keys[a] < keys[b]);
  for (let steps = 1; ; steps++) {
    const order = sort.step(moves);
    if (order !== null) return { order: [...order], steps };
  }
}

function stableOrder(keys: readonly string[]): number[] {
  return keys.map((_, i) => i).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : a - b));
}

describe('StepwiseSort', () => {
  test('no numbers, and one, are sorted at once', () => {
    assert.deepEqual(sortInSteps([], 1), { order: [], steps: 1 });
    assert.deepEqual(sortInSteps(['x'], 1), { order: [0], steps: 1 });
  });

  test('equal keys keep their order, whatever the step', () => {
    const keys = ['b', 'a', 'b', 'a', 'c', 'a'];
    for (const moves of [1, 2, 5, 100]) assert.deepEqual(sortInSteps(keys, moves).order, [1, 3, 5, 0, 2, 4]);
  });

  test('random keys in random steps: the order of a stable sort; fewer moves, more steps', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let run = 0; run < 50; run++) {
      const keys = Array.from({ length: Math.floor(random() * 300) }, () => String.fromCharCode(97 + Math.floor(random() * 5)).repeat(1 + Math.floor(random() * 2)));
      const moves = 1 + Math.floor(random() * 200);
      assert.deepEqual(sortInSteps(keys, moves).order, stableOrder(keys));
    }
    const keys = Array.from({ length: 1000 }, (_, i) => String((i * 7919) % 1000));
    // A bottom-up merge sort of 1,000 numbers moves each of them once in each of its ten passes.
    assert.equal(sortInSteps(keys, 100).steps, 100);
    assert.equal(sortInSteps(keys, 1_000_000).steps, 1);
  });

  test('once sorted, every later step gives the same order', () => {
    const sort = new StepwiseSort(3, (a, b) => a > b);
    assert.deepEqual([...sort.step(100)!], [2, 1, 0]);
    assert.deepEqual([...sort.step(1)!], [2, 1, 0]);
  });
});
