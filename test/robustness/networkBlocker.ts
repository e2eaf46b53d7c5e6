// Preloaded (`node --require .../networkBlocker.js`, or through NODE_OPTIONS) into the CLI and the language server
// by privacy.test.ts. Every way out of the process that Node offers is replaced by a function that records the
// attempt (one JSON line in the file named by CITEWRIGHT_NETWORK_LOG) and throws. The process's own stdio pipes
// are untouched: they are sockets made from file descriptors, never connected.
import { appendFileSync } from 'node:fs';
import childProcess from 'node:child_process';
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

const LOG = process.env.CITEWRIGHT_NETWORK_LOG;
/** Each process that loaded the blocker adds its pid here, so a test can prove the blocker was in place. */
const LOADED = process.env.CITEWRIGHT_NETWORK_BLOCKER_LOADED;

function describeArguments(args: readonly unknown[]): string {
  return args
    .map((a) => {
      if (typeof a === 'function') return '<function>';
      try {
        return JSON.stringify(a)?.slice(0, 200) ?? String(a);
      } catch {
        return String(a);
      }
    })
    .join(', ');
}

function blocked(what: string): (...args: unknown[]) => never {
  return (...args: unknown[]) => {
    const record = { what, args: describeArguments(args), pid: process.pid, argv: process.argv.slice(1, 3), stack: new Error().stack?.split('\n').slice(2, 8).join('\n') };
    if (LOG) appendFileSync(LOG, `${JSON.stringify(record)}\n`);
    throw new Error(`Citewright test: ${what} is blocked (no network or process access allowed)`);
  };
}

/** Replaces `object[name]` by a recording blocker, whatever its property attributes. */
function block(object: object, name: string, what: string): void {
  Object.defineProperty(object, name, { value: blocked(what), writable: true, configurable: true, enumerable: true });
}

for (const name of ['request', 'get']) {
  block(http, name, `http.${name}`);
  block(https, name, `https.${name}`);
}
block(http2, 'connect', 'http2.connect');
block(net, 'connect', 'net.connect');
block(net, 'createConnection', 'net.createConnection');
block(net.Socket.prototype, 'connect', 'net.Socket.prototype.connect');
block(net.Server.prototype, 'listen', 'net.Server.prototype.listen');
block(tls, 'connect', 'tls.connect');
block(dgram, 'createSocket', 'dgram.createSocket');
for (const name of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveTxt', 'resolveSrv', 'reverse']) {
  block(dns, name, `dns.${name}`);
  block(dns.promises, name, `dns.promises.${name}`);
}
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
  block(childProcess, name, `child_process.${name}`);
}
block(globalThis, 'fetch', 'fetch');
if (LOADED) appendFileSync(LOADED, `${process.pid}\n`);
