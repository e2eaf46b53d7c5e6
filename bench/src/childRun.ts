// Runs one worker task in a fresh Node process and reads its answer.
import { spawn } from 'node:child_process';
import { WORKER } from './paths';
import { ANSWER_PREFIX, type WorkerAnswer, type WorkerTask } from './workerProtocol';

export class ChildTimeout extends Error {}

export function runWorker(task: WorkerTask, timeoutMs: number, nodeArgs: readonly string[] = []): Promise<WorkerAnswer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, WORKER, JSON.stringify(task)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.stderr.on('data', (chunk: string) => (err += chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) {
        reject(new ChildTimeout(`timed out after ${(timeoutMs / 1000).toFixed(0)} s`));
        return;
      }
      const line = out.split('\n').find((l) => l.startsWith(ANSWER_PREFIX));
      if (!line) {
        const reason = err.trim().split('\n').filter((l) => l.trim()).slice(0, 2).join(' / ') || `exit code ${code}`;
        reject(new Error(reason));
        return;
      }
      resolve(JSON.parse(line.slice(ANSWER_PREFIX.length)) as WorkerAnswer); // written by our own worker.ts
    });
  });
}
