// Process entry of the language server: `--stdio` or `--node-ipc`, as the client chooses.
import { format } from 'node:util';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);
// stdout carries protocol messages only: anything logged goes to the client's output channel.
console.log = (...args: unknown[]) => connection.console.log(format(...args));
console.info = console.log;
console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
console.error = (...args: unknown[]) => connection.console.error(format(...args));
startServer(connection);
