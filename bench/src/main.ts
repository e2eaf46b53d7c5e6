// `npm run bench` / `npm run bench:smoke`: builds the corpora, measures everything side by side in one run,
// prints one table and writes the results as JSON.
//
//   node out/bench/src/main.js [--smoke] [--out-dir DIR] [--results FILE] [--only loads,documents,server,check]
//   node out/bench/src/main.js [--smoke] --profile DOCUMENT_ID[:latency] | load:FORMAT:LABEL:TOOL | library:FORMAT:LABEL | server-start
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildCorpora, type Corpora } from './corpora';
import { profileTask, readProfile, renderCosts, type FunctionCost } from './cpuProfile';
import { describeMachine, describeSource, type MachineInfo, type SourceInfo } from './machine';
import { measureCheck, type CheckOutcome } from './measureCheck';
import { measureDocuments, type DocumentOutcome } from './measureDocuments';
import { measureLoads, type LoadOutcome } from './measureLoads';
import { measureServer, type ServerOutcome } from './measureServer';
import { LspSession } from './lspSession';
import { REPO_ROOT, snapshotServer } from './paths';
import { FULL, SMOKE, type Profile } from './profiles';
import { checkResults, renderReport, type BenchResults } from './results';
import { evaluateTargets, growthRows } from './targets';
import type { LoadTool, WorkerTask } from './workerProtocol';

type Part = 'loads' | 'documents' | 'server' | 'check';
const PARTS: readonly Part[] = ['loads', 'documents', 'server', 'check'];

interface Args {
  readonly profile: Profile;
  readonly outDir: string;
  readonly results: string;
  readonly only: readonly Part[];
  readonly cpuProfile: string | null;
}

function parseArgs(argv: readonly string[]): Args {
  let smoke = false;
  let outDir: string | null = null;
  let results: string | null = null;
  let only: Part[] = [...PARTS];
  let cpuProfile: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--smoke') smoke = true;
    else if (arg === '--out-dir') outDir = resolve(value());
    else if (arg === '--results') results = resolve(value());
    else if (arg === '--profile') cpuProfile = value();
    else if (arg === '--only') {
      only = value().split(',').map((p) => {
        if (!PARTS.includes(p as Part)) throw new Error(`--only takes ${PARTS.join(', ')}, not '${p}'`);
        return p as Part; // checked against PARTS just above
      });
    } else throw new Error(`unknown argument '${arg}'`);
  }
  const profile = smoke ? SMOKE : FULL;
  const dir = outDir ?? join(REPO_ROOT, 'bench', 'corpora', ...(smoke ? ['smoke'] : []));
  const partial = only.length < PARTS.length;
  // Only a full run of everything writes the committed bench/results.json.
  const defaultResults = !smoke && !partial ? join(REPO_ROOT, 'bench', 'results.json') : join(dir, partial ? 'results.partial.json' : 'results.json');
  return { profile, outDir: dir, results: results ?? defaultResults, only, cpuProfile };
}

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** The worker task a `--profile` argument names. */
function profiledTask(spec: string, corpora: Corpora, profile: Profile): WorkerTask {
  const [kind, format, label, tool] = spec.split(':');
  if (kind === 'load' || kind === 'library') {
    const library = corpora.libraries.find((l) => l.format === format && l.label === label);
    if (!library) throw new Error(`no library .${format} ${label} in this profile`);
    if (kind === 'library') {
      const probe = corpora.probes.find((p) => p.library === library || p.library.path === library.path);
      if (!probe) throw new Error('no probe for that library');
      return { kind: 'library-service', probePath: probe.path, completionOffset: probe.completionOffset };
    }
    return { kind: 'load', tool: (tool ?? 'ours') as LoadTool, format: library.format, path: library.path }; // a tool name from the command line; the worker rejects others
  }
  // `ID` profiles analyses and one-character edits only; `ID:latency` adds the completion, hover and code-action probes.
  const [id, withLatency] = spec.split(':');
  const doc = corpora.documents.find((d) => d.id === id);
  if (!doc) throw new Error(`no document '${id}' (have ${corpora.documents.map((d) => d.id).join(', ')})`);
  const latency = withLatency === 'latency';
  return {
    kind: 'document', path: doc.path, languageId: 'markdown', analyses: profile.analysesPerRun,
    latencyRequests: latency ? Math.min(30, profile.latencyRequests) : 0, codeActionRequests: latency ? Math.min(10, profile.codeActionRequests) : 0,
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const machine = describeMachine();
  const source = describeSource(REPO_ROOT);
  log(`${args.profile.name} run on ${machine.cpu} (${machine.cores} cores), load average ${machine.loadAverage}`);
  const corpora = buildCorpora(args.outDir, args.profile, log);
  const removeSnapshot = snapshotServer();
  try {
    await measure(args, corpora, started, machine, source);
  } finally {
    removeSnapshot();
  }
}

/** Profiles the server from spawn to the essay's first diagnostics (the process writes its profile on exit). */
async function profileServerStart(corpora: Corpora, dir: string): Promise<FunctionCost[]> {
  const essay = corpora.documents.find((d) => d.role === 'essay');
  if (!essay) throw new Error('no essay in this profile');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const session = await LspSession.start(corpora.dir, ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=100']);
  const uri = await session.open(essay.path, 'markdown', readFileSync(essay.path, 'utf8'));
  await session.diagnostics(uri);
  await session.stop();
  return readProfile(dir);
}

async function measure(args: Args, corpora: Corpora, started: number, machine: MachineInfo, source: SourceInfo): Promise<void> {
  if (args.cpuProfile !== null) {
    const dir = join(args.outDir, 'profiles');
    let costs: FunctionCost[];
    if (args.cpuProfile === 'server-start') costs = await profileServerStart(corpora, dir);
    else {
      const task = profiledTask(args.cpuProfile, corpora, args.profile);
      log(`profiling ${JSON.stringify(task)}`);
      costs = await profileTask(task, dir, args.profile.childTimeoutMs);
    }
    process.stdout.write(`CPU profile of ${args.cpuProfile}\n${renderCosts(costs, 25)}\n`);
    return;
  }

  const loads: LoadOutcome = args.only.includes('loads') ? await measureLoads(corpora, args.profile, log)
    : { rows: [], medians: new Map(), wired: null, firstHoverWithLibraryMs: null };
  const documents: DocumentOutcome = args.only.includes('documents') ? await measureDocuments(corpora, args.profile, log)
    : { rows: [], fullMs: new Map(), editMs: new Map(), answers: new Map() };
  const server: ServerOutcome = args.only.includes('server') ? await measureServer(corpora, args.profile, log)
    : { rows: [], startToDiagnosticsMs: null, essayFirstHoverMs: null, completion: new Map(), hoverWarmMs: new Map(), firstHoverMs: new Map(), unresolved: new Map() };
  const check: CheckOutcome = args.only.includes('check') ? measureCheck(corpora, args.profile, log)
    : { rows: [], citewrightMs: null, pandocMs: null };

  const notes: string[] = [
    'Medians of repeated runs; latencies p50 and p99. Loads and service runs each in a fresh child process (peak RSS from process.resourceUsage().maxRSS); server numbers are round trips over stdio as the client sees them, to the bundled server the .vsix ships (dist/server.js, built from the same source for the run); `citewright check` is its bundle too.',
    `Libraries: the ${corpora.baseEntries} entries of ${corpora.baseSource} repeated with unique keys (copy n: key-cn, crossref/xdata/entryset/related renamed alike), each copy's first surname and year varied (seeded); \\enquote* written \\enquote so that citation-js can read the file. CSL-JSON and RIS converted once by citation-js with forced types.`,
    `Peers run with forced input types and no network; @retorquere/bibtex-parser only up to ${args.profile.bibtexParserMax} entries.`,
  ];
  if (loads.wired === false) notes.push('The service did not resolve a probe citation against a library file: rows through the service are n/a until libraries are wired in.');
  if (machine.loadAverage > machine.cores) notes.push(`The machine was busy (load average ${machine.loadAverage} on ${machine.cores} cores): absolute times are inflated; ratios were measured side by side.`);

  const results: BenchResults = {
    version: 1,
    mode: args.profile.name,
    machine,
    source,
    durationSeconds: (Date.now() - started) / 1000,
    corpora: {
      base: corpora.baseSource,
      baseEntries: corpora.baseEntries,
      libraries: corpora.libraries.map((l) => ({ label: l.label, format: l.format, entries: l.entries, bytes: l.bytes })),
      documents: corpora.documents.map((d) => ({ id: d.id, words: d.words, citations: d.citations, listEntries: d.listEntries, bytes: d.bytes, library: d.library })),
    },
    rows: [...loads.rows, ...documents.rows, ...growthRows(corpora, documents), ...server.rows, ...check.rows],
    targets: evaluateTargets(corpora, args.profile, { loads, documents, server, check }),
    notes,
  };
  checkResults(results);
  mkdirSync(dirname(args.results), { recursive: true });
  writeFileSync(args.results, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${renderReport(results)}\n\nResults written to ${args.results}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 1;
});
