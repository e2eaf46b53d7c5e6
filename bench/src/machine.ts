// The machine a run measured: numbers mean little without it.
import { execFileSync } from 'node:child_process';
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

export interface SourceInfo {
  /** The commit checked out when the run started. */
  readonly commit: string;
  /** Files under server/ that differ from that commit: the numbers measure the working tree. */
  readonly uncommittedServerFiles: number;
}

export function describeSource(repoRoot: string): SourceInfo {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const status = git('status', '--porcelain', '--', 'server');
    return { commit: git('rev-parse', '--short', 'HEAD'), uncommittedServerFiles: status ? status.split('\n').length : 0 };
  } catch {
    return { commit: 'unknown (not a git checkout)', uncommittedServerFiles: 0 };
  }
}
