// Building result rows from samples.
import { formatNumber, type ResultRow, type Unit } from './results';
import { median, quantile } from './stats';

export function notMeasured(id: string, section: string, what: string, reason: string, note?: string): ResultRow {
  return { id, section, what, value: null, unit: 'ms', samples: 0, text: `n/a: ${reason}`, ...(note ? { note } : {}) };
}

/** A row whose value is the median of the samples. */
export function medianRow(id: string, section: string, what: string, samples: readonly number[], unit: Unit, extra: Partial<ResultRow> = {}): ResultRow {
  if (samples.length === 0) return notMeasured(id, section, what, extra.note ?? 'no samples');
  const value = median(samples);
  return { id, section, what, value, unit, samples: samples.length, text: formatNumber(value, unit), ...extra };
}

/** A latency row: p50 as the value, p99 beside it. */
export function latencyRow(id: string, section: string, what: string, samples: readonly number[], extra: Partial<ResultRow> = {}): ResultRow {
  if (samples.length === 0) return notMeasured(id, section, what, extra.note ?? 'no samples');
  const p50 = quantile(samples, 0.5);
  return { id, section, what, value: p50, unit: 'ms', p99: quantile(samples, 0.99), samples: samples.length, text: formatNumber(p50, 'ms'), ...extra };
}

export function ratioRow(id: string, section: string, what: string, numerator: number | null, denominator: number | null, note?: string): ResultRow {
  if (numerator === null || denominator === null || denominator <= 0) return notMeasured(id, section, what, 'one side not measured', note);
  const value = numerator / denominator;
  return { id, section, what, value, unit: 'x', samples: 1, text: formatNumber(value, 'x'), ...(note ? { note } : {}) };
}

export function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 160);
}
