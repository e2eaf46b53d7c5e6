// Caches that outlive a document version must not keep it alive: V8 keeps a substring as a view of the string it
// was cut from, so a name or key sliced from a large document and kept in a cache would keep the whole text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ReferenceEntry } from '../../server/src/service/model';
import { keySuggestions } from '../../server/src/service/resolve/keyResolver';
import { foldedKey, surnameKey } from '../../server/src/service/resolve/surname';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** MiB still held after `use` is given a slice of an 8 MB document and the document is dropped. */
function retainedMiB(tail: string, use: (slice: string) => void): number {
  gc();
  const before = process.memoryUsage().heapUsed;
  (() => {
    const document = `${'x'.repeat(8_000_000)} ${tail}.`;
    use(document.slice(document.length - 1 - tail.length, document.length - 1));
  })();
  // V8 keeps the subject of the last regular-expression match (RegExp.input): one string, not a leak.
  /x/.exec('x');
  gc();
  return (process.memoryUsage().heapUsed - before) / 2 ** 20;
}

describe('caches keep no document alive', () => {
  it('surname and folded keys of a name cut from a document', () => {
    assert.ok(retainedMiB('Ørsted and Møller', surnameKey) < 4, 'surnameKey');
    assert.ok(retainedMiB('Ørsted-Møller and Åberg', foldedKey) < 4, 'foldedKey');
  });

  it('did-you-mean suggestions for a key cut from a document', () => {
    // Keys of 13 characters or more: V8 copies shorter substrings.
    const entry = { key: 'smith2019-sleepstudies', authors: ['Smith'], year: '2019' } as unknown as ReferenceEntry; // the fields keySuggestions reads
    const keys = new Map([['smith2019-sleepstudies', entry]]);
    let suggested: readonly ReferenceEntry[] = [];
    assert.ok(retainedMiB('smith2019-sleepstudie', (key) => (suggested = keySuggestions(key, keys))) < 4);
    assert.deepEqual(suggested, [entry]);
  });
});
