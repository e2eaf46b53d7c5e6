// "Did you mean" for an unknown key: keys a small edit away first, then keys that differ only in their digits
// (another year), then the same author and year under another key; ties in the library's order.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReferenceEntry } from '../../server/src/service/model';
import { keySuggestions } from '../../server/src/service/resolve/keyResolver';

/** A library of entries with these keys and no authors (the fields keySuggestions reads). */
function library(keys: readonly string[]): Map<string, ReferenceEntry> {
  return new Map(keys.map((key) => [key, { key, authors: [], year: null } as unknown as ReferenceEntry]));
}

const suggested = (key: string, keys: readonly string[]): (string | null)[] => keySuggestions(key, library(keys)).map((entry) => entry.key);

describe('keySuggestions', () => {
  it('puts keys a small edit away before keys that differ only in their digits, in library order', () => {
    const keys = ['jones2019', 'smith1899', 'Smith_2019', 'SMITH99', 'smithe2018', 'smith2019x'];
    assert.deepEqual(suggested('smith2019', keys), ['Smith_2019', 'smith2019x', 'smithe2018']);
    assert.deepEqual(suggested('smith2020', keys), ['smith1899', 'SMITH99']);
  });

  it('finds keys that differ only in their digits whatever their first and last letters', () => {
    assert.deepEqual(suggested('émile2019', ['Émile1990', 'emile1990', 'émile1990ß', '1990émile']), ['Émile1990']);
    assert.deepEqual(suggested('2019-report', ['1990-Report', '1990-reporT', '1990-reports']), ['1990-Report', '1990-reporT']);
    // The Kelvin sign is 'k' in lower case: a key that starts with it is a candidate for 'kant...'.
    assert.deepEqual(suggested('kant2019', ['\u212Aant1781', 'kant1781x']), ['\u212Aant1781']);
    assert.deepEqual(suggested('vol3', ['VOL12', 'volume', 'vol12a']), ['VOL12']);
  });
});
