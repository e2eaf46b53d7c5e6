/**
 * What `npm run package` produced: citewright.vsix holds exactly the allow-listed files and loads the bundle,
 * and the same build's dist/cli.js and dist/server.js work on their own (`citewright check`,
 * `citewright-language-server --stdio` for other editors).
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { inflateRawSync } from 'node:zlib';
import { repoRoot, vsixPath, workspaceFixture } from './paths';

interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly localHeaderOffset: number;
}

/** The entries of a zip file's central directory. */
function zipEntries(zip: Buffer): ZipEntry[] {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  assert.ok(end >= 0, 'not a zip file: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'corrupt central directory');
    const nameLength = zip.readUInt16LE(at + 28);
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      localHeaderOffset: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

function zipText(zip: Buffer, entry: ZipEntry): string {
  const local = entry.localHeaderOffset;
  const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  return (entry.method === 8 ? inflateRawSync(data) : data).toString('utf8');
}

test('citewright.vsix holds exactly the bundles, grammars, manifest and documents', () => {
  assert.ok(fs.existsSync(vsixPath), `${vsixPath} is missing: run \`npm run package\` first`);
  const zip = fs.readFileSync(vsixPath);
  const entries = zipEntries(zip);
  const names = entries.map((e) => e.name).filter((name) => name.startsWith('extension/')).map((name) => name.slice('extension/'.length));
  const allowed = /^(dist\/(extension|server|server-main|cli)\.js|syntaxes\/[\w.-]+\.tmLanguage\.json|images\/[\w-]+\.png|l10n\/bundle\.l10n(\.[\w-]+)?\.json|package\.json|package\.nls(\.[\w-]+)?\.json|readme\.md|changelog\.md|LICENSE\.txt|THIRD-PARTY-NOTICES\.md)$/;
  assert.deepEqual(names.filter((name) => !allowed.test(name)), [], 'files outside the allow-list');
  const requiredNames = ['dist/extension.js', 'dist/server.js', 'dist/server-main.js', 'dist/cli.js', 'package.json', 'LICENSE.txt', 'THIRD-PARTY-NOTICES.md'];
  // The strings bundle, when the manifest declares one (`"l10n": "./l10n"`).
  const manifestL10n = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { l10n?: string }).l10n;
  if (manifestL10n) requiredNames.push(`${path.posix.normalize(manifestL10n)}/bundle.l10n.json`);
  for (const required of requiredNames) {
    assert.ok(names.includes(required), `${required} is not in the package`);
  }
  // The packaged manifest loads the bundle; everything else is the repository's manifest as it is.
  const packaged = JSON.parse(zipText(zip, entries.find((e) => e.name === 'extension/package.json')!)) as Record<string, unknown>;
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(packaged.main, './dist/extension.js');
  assert.deepEqual({ ...packaged, main: manifest.main }, manifest);
  // The notices name the licence of everything the server bundles, citeproc's among them.
  const notices = zipText(zip, entries.find((e) => e.name === 'extension/THIRD-PARTY-NOTICES.md')!);
  assert.match(notices, /\| citeproc \| [\d.]+ \| CPAL-1\.0 OR AGPL-1\.0 \|/);
  assert.match(notices, /\| @citation-js\/core \| [\d.]+ \| MIT \|/);
});

test('no network or process-spawning code of citation-js is in the bundles (sync-fetch-undici is a stub)', () => {
  for (const bundle of ['server-main.js', 'cli.js']) {
    const code = fs.readFileSync(path.join(repoRoot, 'dist', bundle), 'utf8');
    assert.ok(code.includes('sync-fetch-undici is stubbed out of this build'), `${bundle} does not hold the stub`);
    // sync-fetch-undici's own code runs a worker through child_process.execFileSync.
    assert.ok(!code.includes('execFileSync'), `${bundle} contains execFileSync`);
  }
});

test('dist/cli.js is `citewright check` on its own', () => {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'check', '--format', 'json', 'essay.md'], {
    cwd: workspaceFixture, encoding: 'utf8',
  });
  assert.equal(result.stderr, '');
  assert.equal(result.status, 1);
  const report = JSON.parse(result.stdout) as { files: { path: string; citations: unknown[]; references: unknown[]; diagnostics: { code: string }[] }[] };
  assert.deepEqual(report.files.map((f) => [f.path, f.citations.length, f.references.length, f.diagnostics.length]), [['essay.md', 44, 17, 14]]);
});

test('dist/server.js answers `initialize` over stdio, as other editors start it', async () => {
  const server = spawn(process.execPath, [path.join(repoRoot, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  try {
    const send = (message: object): void => {
      const body = JSON.stringify({ jsonrpc: '2.0', ...message });
      server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    const response = new Promise<Record<string, unknown>>((resolve, reject) => {
      let buffer = Buffer.alloc(0);
      server.stdout.on('data', (chunk: Buffer) => {
        buffer = Buffer.concat([buffer, chunk]);
        for (;;) {
          const header = buffer.indexOf('\r\n\r\n');
          if (header < 0) return;
          const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, header).toString())?.[1]);
          if (buffer.length < header + 4 + length) return;
          const message = JSON.parse(buffer.subarray(header + 4, header + 4 + length).toString()) as Record<string, unknown>;
          buffer = buffer.subarray(header + 4 + length);
          if (message.id === 1) resolve(message);
        }
      });
      server.on('exit', (code) => reject(new Error(`the server exited with ${code}`)));
    });
    send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
    const { result } = await response as { result: { serverInfo: { name: string }; capabilities: Record<string, unknown> } };
    assert.equal(result.serverInfo.name, 'citewright');
    // The features of issue 2 at least (the server may offer more).
    const offered = Object.keys(result.capabilities);
    const core = ['codeActionProvider', 'completionProvider', 'definitionProvider', 'diagnosticProvider',
      'documentSymbolProvider', 'hoverProvider', 'referencesProvider', 'renameProvider'];
    assert.deepEqual(core.filter((capability) => !offered.includes(capability)), []);
  } finally {
    server.kill();
  }
});
