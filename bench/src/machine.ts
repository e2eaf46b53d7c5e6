// The machine a run measured: numbers mean little without it.
import { cpus, loadavg, totalmem, platform, release } from 'node:os';

export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryMB: number;
  readonly node: string;
  readonly os: string;
  readonly date: string;
  /** 1-minute load average when the run started: other work on the machine inflates every number. */
  readonly loadAverage: number;
}

export function describeMachine(): MachineInfo {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryMB: Math.round(totalmem() / 2 ** 20),
    node: process.version,
    os: `${platform()} ${release()}`,
    date: new Date().toISOString(),
    loadAverage: Math.round(loadavg()[0] * 100) / 100,
  };
}
