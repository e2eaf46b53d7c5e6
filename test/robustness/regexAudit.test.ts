// Every regular expression in server/src is checked for catastrophic backtracking (ReDoS) by recheck, so that a
// new risky pattern fails CI. recheck runs offline: its analyser ships in the npm package (a native binary in an
// optional dependency, with a pure JavaScript fallback); nothing is downloaded at run time.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { check, type Diagnostics } from 'recheck';
import { collectRegexes, type FoundRegex } from './regexLiterals';

const REPO_ROOT = join(__dirname, '..', '..', '..');
/** recheck's own limit per pattern; a pattern it cannot decide in time is reported as unknown. */
const CHECK_TIMEOUT_MS = 10_000;

interface Audited {
  readonly regex: FoundRegex;
  readonly result: Diagnostics;
}

function describeRegex(regex: FoundRegex): string {
  return `${regex.file}:${regex.line} /${regex.source}/${regex.flags}${regex.approximate ? ` (built at run time, unknown parts as x: ${regex.written})` : ''}`;
}

function describeResult(result: Diagnostics): string {
  if (result.status === 'vulnerable') {
    const attack = result.attack.pattern.length > 80 ? `${result.attack.pattern.slice(0, 80)}...` : result.attack.pattern;
    return `${result.complexity.type}${result.complexity.type === 'polynomial' ? ` (degree ${result.complexity.degree})` : ''}, attack ${attack}`;
  }
  if (result.status === 'unknown') return `unknown: ${result.error.kind}`;
  return result.complexity.type;
}

describe('regular expressions audited for catastrophic backtracking (recheck)', { timeout: 600_000 }, () => {
  const regexes = collectRegexes(REPO_ROOT, join('server', 'src'));
  let audited: Audited[] = [];

  before(async () => {
    // A few at a time: the native checker runs beside this process.
    const results: Diagnostics[] = new Array<Diagnostics>(regexes.length);
    let next = 0;
    const lane = async () => {
      for (let i = next++; i < regexes.length; i = next++) results[i] = await check(regexes[i].source, regexes[i].flags, { timeout: CHECK_TIMEOUT_MS });
    };
    await Promise.all([lane(), lane(), lane(), lane()]);
    audited = regexes.map((regex, i) => ({ regex, result: results[i] }));
  });

  it('the checker works: it finds a textbook ReDoS and passes a safe pattern', async () => {
    const bad = await check('^(a+)+$', '');
    assert.equal(bad.status, 'vulnerable');
    const good = await check('^[a-z]+\\d*$', '');
    assert.equal(good.status, 'safe');
  });

  it('the collector finds the literals and the constructed patterns of the server', (t) => {
    t.diagnostic(`${regexes.length} regular expressions in server/src (${regexes.filter((r) => r.approximate).length} built at run time)`);
    assert.ok(regexes.length >= 100, `found only ${regexes.length}`);
    // A literal and a pattern assembled from String.raw constants, both known to be there.
    assert.ok(regexes.some((r) => r.file === 'server/src/service/syntax/mask.ts' && r.source === '^---[ \\t]*\\r?\\n'), 'a literal of mask.ts');
    assert.ok(regexes.some((r) => r.file === 'server/src/service/syntax/pandocScanner.ts' && !r.approximate && r.source.startsWith('^\\d+(?:\\s*(?:--|[-–—])')), 'BARE_VALUES of pandocScanner.ts, assembled');
    for (const regex of regexes) {
      assert.doesNotThrow(() => new RegExp(regex.source, regex.flags), `${describeRegex(regex)} is a valid pattern`);
    }
  });

  it('no regular expression of the server backtracks exponentially or worse than quadratically', (t) => {
    const counts = { safe: 0, vulnerable: 0, unknown: 0 };
    for (const { result } of audited) counts[result.status]++;
    t.diagnostic(`recheck: ${audited.length} patterns: ${counts.safe} safe, ${counts.vulnerable} vulnerable, ${counts.unknown} unknown`);
    for (const { regex, result } of audited) {
      if (result.status !== 'safe') t.diagnostic(`${result.status}: ${describeRegex(regex)}: ${describeResult(result)}`);
    }
    // Exponential and cubic-or-worse patterns fail. Quadratic ones are listed above: each is applied to bounded
    // text (an entry's first 2000 characters, a heading of at most 300, a bracket group of at most 400, a
    // window before the cursor) or anchored so that it runs once, and the linear-time test drives the whole
    // analysis with 1 MB adversarial lines to prove it stays linear.
    const catastrophic = audited
      .filter((a) => a.result.status === 'vulnerable' && (a.result.complexity.type === 'exponential' || a.result.complexity.degree >= 3))
      .map((a) => `${describeRegex(a.regex)}: ${describeResult(a.result)}`);
    assert.deepEqual(catastrophic, [], `regular expressions with catastrophic backtracking:\n  ${catastrophic.join('\n  ')}`);
  });
});
