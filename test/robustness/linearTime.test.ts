// Linear time on adversarial input: single-line texts of 1 MB (nested brackets, thousands of `et al.`, unclosed
// braces, runs of digits, dashes, `$` and backticks, `@@@@`, unclosed `\cite{` and `[@`), and inputs aimed at the
// patterns the regex audit reports, go through the whole analysis (Markdown and LaTeX), the pandoc and LaTeX
// scanners and the .bib reader, in a worker thread that is stopped if a single run passes a deadline.
//
// No absolute timing is asserted. Each input is timed at half and at full size (fastest of several runs, a full GC
// before each): a linear pass takes about twice as long on twice the text, a quadratic one about four times. The
// test fails when doubling the input multiplies the time by more than 4 on two doublings in a row (half to full,
// then, measured again, full to twice full), for inputs slow enough to measure (slower than twice plain prose
// through the same pipeline, and above a noise floor). The time relative to plain prose of the same size is
// printed for each input and pipeline; inputs whose worst case grows as n√n (backtick runs of many lengths) also
// have a bound on it, checked the same way (measured again before the test fails).
import assert from 'node:assert/strict';
import { before, describe, it, type TestContext } from 'node:test';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { FULL_MODE, scaled } from './runMode';
import type { PipelineName, TimingRequest, WorkerMessage } from './linearTimeWorker';

const FULL_SIZE = scaled(1_000_000, 4_000_000);
const SIZES: [number, number] = [FULL_SIZE / 2, FULL_SIZE];
/** Runs per size; a suspect is measured again with one run more, so a single disturbed run cannot fail the test. */
const REPEATS = scaled(1, 5);
/**
 * A deadline for each single run, not a timing. At 1 MB most inputs take well under a second; the heaviest
 * linear one (250,000 pandoc citations `[@a `) takes about 15 s, more on a busy machine.
 */
const DEADLINE_MS = scaled(45_000, 600_000);
const MAX_DOUBLING_RATIO = 4;
/**
 * Below this a ratio says nothing: one GC pause or a busy neighbour decides it. This is a noise floor, not a timing
 * assertion; a pass that stays under it at 1 MB is harmless whatever its growth.
 */
const MEASURABLE_MS = 50;

/**
 * The pandoc and LaTeX scanners run inside the Markdown and LaTeX analyses; full mode also times them alone.
 */
const PIPELINES: readonly PipelineName[] = FULL_MODE
  ? ['markdown analysis', 'latex analysis', 'pandoc scanner', 'latex scanner', 'bib reader']
  : ['markdown analysis', 'latex analysis', 'bib reader'];

/**
 * Backtick runs of every length from 1 up: a code-span opener that no later run can close, again and again. The
 * generated inputs below are long enough for the second measurement (twice the full size), which thus sees more
 * of the same rather than a repetition (whose runs would close those of the first copy).
 */
function growingBacktickRuns(): string {
  const runs: string[] = [];
  let length = 0;
  for (let k = 1; length < 2 * FULL_SIZE; k++) {
    runs.push('`'.repeat(k));
    length += k + 1;
  }
  return runs.join(' ');
}

/**
 * Unclosed backtick runs of growing length (2, 3, 4, ...) over the first half of the full size, then single
 * backticks: each long opener once looked for its closing run among all the runs after it (about 22 s per MB).
 */
function growingRunsThenSingles(): string {
  const runs: string[] = [];
  let length = 0;
  for (let k = 2; length < FULL_SIZE / 2; k++) {
    runs.push('`'.repeat(k));
    length += k + 1;
  }
  const head = runs.join(' ');
  return `${head} ${'` '.repeat(Math.ceil((2 * FULL_SIZE - head.length) / 2))}`;
}

/**
 * Paragraphs each with a stray backtick run of a new length, then citations: no run closes in a later paragraph.
 * The lengths shrink (…, 3, 2, 1), so that cutting the text inside a run leaves a run shorter than every run
 * before it, which closes none of them.
 */
function strayRunsBeforeCitations(): string {
  const paragraph = (k: number) => `Type ${'`'.repeat(k)} here, as Smith (2001) says (Jones 2002).\n\n`;
  let longest = 0;
  for (let length = 0; length < 2 * FULL_SIZE; longest++) length += paragraph(longest + 1).length;
  const paragraphs: string[] = [];
  for (let k = longest; k >= 1; k--) paragraphs.push(paragraph(k));
  return paragraphs.join('');
}

interface Adversary {
  readonly name: string;
  /** The input is `prefix`, `unit` repeated to the size, `suffix`. */
  readonly prefix?: string;
  readonly unit: string;
  readonly suffix?: string;
  /**
   * At most this many times as long as plain prose through the same pipeline (above the noise floor). For inputs
   * whose worst case grows as n√n (there are at most √(2n) distinct backtick run lengths): doubling the input then
   * multiplies the time by 2.8, which the doubling check cannot tell from a linear pass.
   */
  readonly maxTimesProse?: number;
}

const REFERENCES = '## References\n\nSmith, J. (2001) *Title*. London: Verso ';

const ADVERSARIAL: readonly Adversary[] = [
  { name: 'nested brackets ((((', unit: '(' },
  { name: 'closed brackets ()()', unit: '()' },
  { name: 'thousands of et al.', unit: 'Smith et al. ' },
  { name: 'et al. citations never closed', unit: '(Smith et al., 2001; ' },
  { name: 'unclosed braces {{{{', unit: '{' },
  { name: 'a run of digits', unit: '1234567890' },
  { name: 'years in open brackets', unit: '(2001 ' },
  { name: 'a run of dashes', unit: '-' },
  { name: 'en and em dashes', unit: '–—' },
  { name: 'page ranges', unit: 'p.1-2, ' },
  { name: 'dollar signs $$$$', unit: '$' },
  { name: 'dollar math openers $x', unit: '$x ' },
  { name: 'backticks ````', unit: '`' },
  { name: 'backtick runs of growing length', unit: growingBacktickRuns(), maxTimesProse: 100 },
  { name: 'growing backtick runs, then single backticks', unit: growingRunsThenSingles(), maxTimesProse: 100 },
  { name: 'stray backtick then citations across paragraphs', unit: 'Type ` here.\n\nAs Smith (2001) says (Jones 2002).\n\n' },
  { name: 'stray backtick runs of many lengths, one per paragraph, before citations', unit: strayRunsBeforeCitations(), maxTimesProse: 30 },
  { name: 'at signs @@@@', unit: '@' },
  { name: 'pandoc [@ never closed', unit: '[@a ' },
  { name: 'square brackets [[[[', unit: '[' },
  { name: 'link destinations ](](', unit: '](' },
  { name: '\\cite{ never closed', unit: '\\cite{' },
  { name: '\\cite{key never closed', unit: '\\cite{a ' },
  { name: '\\cite[ never closed', unit: '\\cite[' },
  { name: 'narrative openers Smith (', unit: 'Smith (' },
  { name: 'entry-like text', unit: 'Smith, J. (2001) ' },
  { name: 'possessive openers', unit: "Smith's (" },
  { name: 'backslashes', unit: '\\' },
  { name: 'HTML comment openers', unit: '<!--' },
  { name: 'angle brackets', unit: '<' },
  { name: 'e-mail addresses', unit: 'a@b.org ' },
  { name: 'quotations before citations', unit: `${' '.repeat(590)}x "q" (Smith 2001) ` },
  { name: '.bib entries never closed', unit: '@article{k, title = {' },
  { name: '.bib @string never closed', unit: '@string{' },
  { name: '.bib duplicate keys on one line, non-ASCII before them', unit: '@a{é,author={É and Ö}}' },
  { name: '.bib one author list of non-ASCII names', prefix: '@a{k,author={', unit: 'Ünal, É and ', suffix: 'Ö}}' },
  // Aimed at patterns recheck reports as polynomial (see regexAudit.test.ts), through the whole analysis.
  { name: 'a heading of spaces ending in a line separator', prefix: '# ', unit: ' ', suffix: '\u2028' },
  { name: 'a reference entry with a run of digits', prefix: REFERENCES, unit: '0', suffix: '\u0000' },
  { name: 'a reference entry with an unclosed (0 and digits', prefix: `${REFERENCES}0(0`, unit: '0' },
  { name: "a reference entry with 'ed by' again and again", prefix: REFERENCES, unit: 'ed by ', suffix: '\nx' },
];

interface Timing {
  readonly halfMs: number;
  readonly fullMs: number;
  readonly detail: string;
}

/** Runs one input in a worker; rejects naming the pipeline and size it was on when the deadline passes. */
function timeInWorker(request: TimingRequest): Promise<Map<PipelineName, Timing>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(__dirname, 'linearTimeWorker.js'), { workerData: request });
    const timings = new Map<PipelineName, Timing>();
    let at = 'starting';
    let deadline: NodeJS.Timeout | undefined;
    const restartDeadline = () => {
      clearTimeout(deadline);
      deadline = setTimeout(() => {
        void worker.terminate();
        reject(new Error(`did not finish within ${DEADLINE_MS} ms (at ${at})`));
      }, DEADLINE_MS);
    };
    restartDeadline();
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'progress') {
        at = `${message.pipeline}, ${message.size} characters`;
        restartDeadline();
      } else {
        timings.set(message.pipeline, { halfMs: message.halfMs, fullMs: message.fullMs, detail: message.detail });
      }
    });
    worker.on('error', (error) => {
      clearTimeout(deadline);
      reject(new Error(`threw at ${at}: ${error.stack ?? error.message}`));
    });
    worker.on('exit', (code) => {
      clearTimeout(deadline);
      if (code === 0 && timings.size === request.pipelines.length) resolve(timings);
      else reject(new Error(`the worker exited with code ${code} at ${at}`));
    });
  });
}

describe(`linear time on ${FULL_SIZE / 1e6} MB single-line adversarial inputs${FULL_MODE ? ' (full mode)' : ''}`, { timeout: DEADLINE_MS * 2 * REPEATS * PIPELINES.length * (ADVERSARIAL.length + 1) }, () => {
  let baseline: Map<PipelineName, Timing>;

  before(async () => {
    baseline = await timeInWorker({ prefix: '', unit: 'the policy of reform was argued by many historians ', suffix: '', sizes: SIZES, repeats: REPEATS, pipelines: PIPELINES });
  });

  it('baseline: plain prose', (t: TestContext) => {
    for (const [pipeline, timing] of baseline) {
      t.diagnostic(`plain prose / ${pipeline}: ${timing.fullMs.toFixed(1)} ms at full size, d ${(timing.fullMs / timing.halfMs).toFixed(2)} (${timing.detail})`);
    }
    assert.equal(baseline.size, PIPELINES.length);
  });

  for (const { name, prefix = '', unit, suffix = '', maxTimesProse } of ADVERSARIAL) {
    it(name, async (t: TestContext) => {
      const first = await timeInWorker({ prefix, unit, suffix, sizes: SIZES, repeats: REPEATS, pipelines: PIPELINES });
      // A pipeline that looks superlinear is measured again, alone, with more runs, one doubling further (full size
      // against twice that), before the test fails: a busy machine or a GC cliff between two sizes shows up once,
      // superlinear growth on both doublings.
      const suspects = PIPELINES.filter((pipeline) => looksSuperlinear(first.get(pipeline), baseline.get(pipeline)) || tooSlow(first.get(pipeline), baseline.get(pipeline), maxTimesProse));
      const second = suspects.length > 0
        ? await timeInWorker({ prefix, unit, suffix, sizes: [SIZES[1], 2 * SIZES[1]], repeats: REPEATS + 1, pipelines: suspects })
        : new Map<PipelineName, Timing>();
      const superlinear: string[] = [];
      const slow: string[] = [];
      for (const pipeline of PIPELINES) {
        const firstTiming = first.get(pipeline);
        const base = baseline.get(pipeline);
        assert.ok(firstTiming && base, `timings for ${pipeline}`);
        const again = second.get(pipeline);
        // The second measurement ends at twice the size: its prose baseline is (linearly) twice as long.
        const timing = again ?? firstTiming;
        const comparedBase = again ? { ...base, fullMs: 2 * base.fullMs } : base;
        const measuredAgain = again ? ` (measured again at ${SIZES[1]} and ${2 * SIZES[1]} characters; first ${describeTiming(firstTiming, base)})` : '';
        t.diagnostic(`${name} / ${pipeline}: ${describeTiming(timing, comparedBase)}${measuredAgain} (${timing.detail})`);
        if (looksSuperlinear(timing, comparedBase)) {
          superlinear.push(`${pipeline}: doubling the input multiplied the time by ${(firstTiming.fullMs / firstTiming.halfMs).toFixed(1)}, then by ${(timing.fullMs / timing.halfMs).toFixed(1)} (${(timing.fullMs / comparedBase.fullMs).toFixed(1)}x plain prose)`);
        }
        if (tooSlow(timing, comparedBase, maxTimesProse)) {
          slow.push(`${pipeline}: ${(timing.fullMs / comparedBase.fullMs).toFixed(1)}x plain prose (at most ${maxTimesProse}x)`);
        }
      }
      assert.deepEqual(superlinear, [], `superlinear on '${name}'`);
      assert.deepEqual(slow, [], `slower than ${maxTimesProse}x plain prose on '${name}'`);
    });
  }
});

/** Slower than `maxTimesProse` times plain prose, and than the noise floor. */
function tooSlow(timing: Timing | undefined, base: Timing | undefined, maxTimesProse: number | undefined): boolean {
  if (!timing || !base || maxTimesProse === undefined) return false;
  return timing.fullMs > MEASURABLE_MS && timing.fullMs > maxTimesProse * base.fullMs;
}

function describeTiming(timing: Timing, base: Timing): string {
  return `d ${(timing.fullMs / Math.max(timing.halfMs, 1e-3)).toFixed(2)}, x ${(timing.fullMs / Math.max(base.fullMs, 1e-3)).toFixed(1)}`;
}

/**
 * Doubling the input more than quadrupled the time, on an input slow enough to measure: slower than twice plain
 * prose through the same pipeline, and slower than the noise floor.
 */
function looksSuperlinear(timing: Timing | undefined, base: Timing | undefined): boolean {
  if (!timing || !base) return false;
  const measurable = timing.fullMs > 2 * base.fullMs && timing.fullMs > MEASURABLE_MS;
  return measurable && timing.fullMs / Math.max(timing.halfMs, 1e-3) > MAX_DOUBLING_RATIO;
}
