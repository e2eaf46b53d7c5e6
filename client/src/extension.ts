// The VS Code side: starts the language server for the documents Citewright serves.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export const DOCUMENT_LANGUAGES = ['markdown', 'plaintext', 'quarto', 'rmd', 'latex', 'bibtex'];

/** The server next to the bundled extension (`dist/server.js`), or the compiled one in a development checkout. */
function serverModule(context: vscode.ExtensionContext): string {
  const bundled = join(__dirname, 'server.js');
  return existsSync(bundled) ? bundled : context.asAbsolutePath(join('out', 'server', 'src', 'main.js'));
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = serverModule(context);
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    synchronize: {
      configurationSection: 'citewright',
      // Bibliography files rewritten on disk (Zotero's auto-export) re-check the open documents.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{bib,json,yaml,yml,ris}'),
    },
    initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted },
    outputChannelName: 'Citewright',
  };
  client = new LanguageClient('citewright', 'Citewright', serverOptions, clientOptions);
  await client.start();
  context.subscriptions.push(client);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
