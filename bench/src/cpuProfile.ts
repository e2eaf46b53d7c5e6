// Where the time goes: runs one worker task under `node --cpu-prof` and sums the profile by function.
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runWorker } from './childRun';
import { REPO_ROOT } from './paths';
import type { WorkerTask } from './workerProtocol';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface FunctionCost {
  readonly name: string;
  readonly where: string;
  readonly selfMs: number;
  readonly totalMs: number;
}

function place(node: ProfileNode): string {
  const url = node.callFrame.url.replace(/^file:\/\//, '');
  if (!url) return '(native)';
  // The run's snapshot of the server is named as the build it copies.
  const local = (url.startsWith(REPO_ROOT) ? relative(REPO_ROOT, url) : url.replace(/^.*node_modules\//, 'node_modules/'))
    .replace(/^bench\/corpora\/\.server-snapshot-\d+\//, 'out/server/');
  return `${local}:${node.callFrame.lineNumber + 1}`;
}

/** Self and total (inclusive, counted once per sample) time per function. */
export function summarise(profile: CpuProfile): FunctionCost[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const names = new Map<string, { name: string; where: string }>();
  const keyOf = (node: ProfileNode) => {
    const where = place(node);
    const name = node.callFrame.functionName || '(anonymous)';
    const key = `${name}@${where}`;
    if (!names.has(key)) names.set(key, { name, where });
    return key;
  };
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    let node = byId.get(id);
    if (!node) return;
    const leaf = keyOf(node);
    self.set(leaf, (self.get(leaf) ?? 0) + ms);
    const seen = new Set<string>();
    while (node) {
      const key = keyOf(node);
      if (!seen.has(key)) {
        seen.add(key);
        total.set(key, (total.get(key) ?? 0) + ms);
      }
      const up = parent.get(node.id);
      node = up === undefined ? undefined : byId.get(up);
    }
  });
  return [...names.entries()].map(([key, { name, where }]) => ({ name, where, selfMs: self.get(key) ?? 0, totalMs: total.get(key) ?? 0 }));
}

export async function profileTask(task: WorkerTask, dir: string, timeoutMs: number): Promise<FunctionCost[]> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await runWorker(task, timeoutMs, ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=100']);
  return readProfile(dir);
}

/** Reads the one `.cpuprofile` in `dir` and sums it by function. */
export function readProfile(dir: string): FunctionCost[] {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('no .cpuprofile written');
  return summarise(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile); // written by node --cpu-prof
}

export function renderCosts(costs: readonly FunctionCost[], top: number): string {
  const skip = new Set(['(root)', '(program)', '(idle)', '(garbage collector)']);
  const lines: string[] = [];
  const gc = costs.find((c) => c.name === '(garbage collector)');
  const bySelf = [...costs].filter((c) => !skip.has(c.name)).sort((a, b) => b.selfMs - a.selfMs).slice(0, top);
  lines.push('self ms  total ms  function (where)');
  for (const c of bySelf) lines.push(`${c.selfMs.toFixed(1).padStart(7)}  ${c.totalMs.toFixed(1).padStart(8)}  ${c.name} (${c.where})`);
  if (gc) lines.push(`${gc.selfMs.toFixed(1).padStart(7)}            (garbage collector)`);
  const ours = [...costs].filter((c) => c.where.startsWith('out/server/')).sort((a, b) => b.totalMs - a.totalMs).slice(0, top);
  lines.push('', 'inclusive, our code only:', 'total ms  self ms  function (where)');
  for (const c of ours) lines.push(`${c.totalMs.toFixed(1).padStart(8)}  ${c.selfMs.toFixed(1).padStart(7)}  ${c.name} (${c.where})`);
  return lines.join('\n');
}
