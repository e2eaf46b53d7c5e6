// The results object written to bench/results.json, and the one table printed from it.
import type { MachineInfo, SourceInfo } from './machine';

export type Unit = 'ms' | 'MB' | 'x' | 'count' | '%';

export interface ResultRow {
  /** Stable id, e.g. `load.bib.50k.ours`. */
  readonly id: string;
  readonly section: string;
  readonly what: string;
  /** The headline number (a median, or p50 for latencies); null when not measured, with `text` saying why. */
  readonly value: number | null;
  readonly unit: Unit;
  readonly p99?: number;
  /** Peak RSS of the child process that measured this, for loads. */
  readonly rssMB?: number;
  readonly samples: number;
  /** As printed: the number with its unit, or `n/a: reason`. */
  readonly text: string;
  readonly note?: string;
}

export interface TargetRow {
  readonly what: string;
  readonly target: string;
  readonly measured: string;
  /** null when it could not be measured in this run. */
  readonly met: boolean | null;
}

export interface BenchResults {
  readonly version: 1;
  readonly mode: 'full' | 'smoke';
  readonly machine: MachineInfo;
  readonly source: SourceInfo;
  readonly durationSeconds: number;
  readonly corpora: {
    readonly base: string;
    readonly baseEntries: number;
    readonly libraries: readonly { label: string; format: string; entries: number; bytes: number }[];
    readonly documents: readonly { id: string; words: number; citations: number; listEntries: number; bytes: number; library: string | null }[];
  };
  readonly rows: readonly ResultRow[];
  readonly targets: readonly TargetRow[];
  readonly notes: readonly string[];
}

export function formatNumber(value: number, unit: Unit): string {
  if (unit === 'ms') return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : value >= 100 ? `${value.toFixed(0)} ms` : value >= 10 ? `${value.toFixed(1)} ms` : `${value.toFixed(2)} ms`;
  if (unit === 'MB') return `${value.toFixed(0)} MB`;
  if (unit === 'x') return `${value >= 10 ? value.toFixed(0) : value.toFixed(1)}×`;
  if (unit === '%') return `${value.toFixed(0)} %`;
  return String(value);
}

function pad(text: string, width: number): string {
  const length = [...text].length;
  return length >= width ? text : text + ' '.repeat(width - length);
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...(r[i] ?? '')].length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => pad(c, widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** The whole report as Markdown: machine, one table of every measurement by section, then the targets. */
export function renderReport(results: BenchResults): string {
  const m = results.machine;
  const out: string[] = [
    `Citewright bench (${results.mode}) — ${m.date}`,
    `Machine: ${m.cpu}, ${m.cores} cores, ${(m.memoryMB / 1024).toFixed(1)} GB, Node ${m.node}, ${m.os}; load average ${m.loadAverage} at start; run took ${results.durationSeconds.toFixed(0)} s`,
    `Source: commit ${results.source.commit}${results.source.uncommittedServerFiles > 0 ? ` with ${results.source.uncommittedServerFiles} uncommitted files under server/` : ''}`,
    `Corpora: ${results.corpora.baseEntries} real entries from ${results.corpora.base}, scaled with unique keys`,
    '',
  ];
  const rows: string[][] = [];
  let section = '';
  for (const row of results.rows) {
    const cells = [
      row.section === section ? '' : row.section, row.what, row.text, row.p99 !== undefined ? formatNumber(row.p99, row.unit) : '',
      row.rssMB !== undefined ? formatNumber(row.rssMB, 'MB') : '', row.note ?? '',
    ];
    section = row.section;
    rows.push(cells);
  }
  out.push(table(['section', 'measurement', 'median / p50', 'p99', 'peak RSS', 'note'], rows), '');
  out.push(table(['target (issue 6)', 'wanted', 'measured', 'status'],
    results.targets.map((t) => [t.what, t.target, t.measured, t.met === null ? 'n/a' : t.met ? 'met' : 'NOT met'])));
  if (results.notes.length > 0) out.push('', ...results.notes.map((n) => `- ${n}`));
  return out.join('\n');
}

/** Throws unless `value` has the shape of BenchResults (the smoke test checks the same from outside). */
export function checkResults(value: unknown): asserts value is BenchResults {
  const r = value as Partial<BenchResults>; // inspected field by field below
  if (typeof value !== 'object' || value === null) throw new Error('results: not an object');
  if (r.version !== 1 || (r.mode !== 'full' && r.mode !== 'smoke')) throw new Error('results: bad version or mode');
  if (!r.machine || typeof r.machine.cpu !== 'string' || typeof r.machine.cores !== 'number') throw new Error('results: no machine');
  if (!Array.isArray(r.rows) || r.rows.length === 0) throw new Error('results: no rows');
  for (const row of r.rows) {
    if (typeof row.id !== 'string' || typeof row.text !== 'string' || (row.value !== null && !Number.isFinite(row.value))) {
      throw new Error(`results: bad row ${JSON.stringify(row)}`);
    }
  }
  if (!Array.isArray(r.targets) || r.targets.length === 0) throw new Error('results: no targets');
}
