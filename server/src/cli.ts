// `citewright check [--format text|json] [--config FILE] FILE...`: the language service run over files on disk.
import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileReport, textLines, type FileReport } from './checkReport';
import { createCitationService, readSettings, type CitewrightSettings, DEFAULT_SETTINGS } from './service';

const USAGE = 'usage: citewright check [--format text|json] [--config FILE] FILE...';

class UsageError extends Error {}

interface Options {
  format: 'text' | 'json';
  config: string | null;
  files: string[];
}

function parseArgs(args: string[]): Options {
  if (args[0] !== 'check') throw new UsageError(args.length === 0 ? 'no command given' : `unknown command '${args[0]}'`);
  const options: Options = { format: 'text', config: null, files: [] };
  for (let i = 1; i < args.length; i++) {
    const arg = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--format') {
      const format = value();
      if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not '${format}'`);
      options.format = format;
    } else if (arg === '--config') options.config = value();
    else if (arg === '--help' || arg === '-h') throw new UsageError('');
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`);
    else options.files.push(arg);
  }
  if (options.files.length === 0) throw new UsageError('no files given');
  return options;
}

const LANGUAGES: Record<string, string> = { '.md': 'markdown', '.markdown': 'markdown', '.qmd': 'quarto', '.rmd': 'rmd', '.tex': 'latex', '.txt': 'plaintext' };

/** Reads a text file, refusing binary content with a clear message. */
function readText(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : String(code ?? error);
    throw new UsageError(`cannot read '${path}': ${reason}`);
  }
  if (bytes.includes(0)) throw new UsageError(`cannot read '${path}': it is a binary file, not text`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new UsageError(`cannot read '${path}': it is not valid UTF-8 text`);
  }
}

function readConfig(path: string | null, warn: (m: string) => void): CitewrightSettings {
  if (!path) return DEFAULT_SETTINGS;
  const text = readText(path);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new UsageError(`cannot read config '${path}': it is not valid JSON`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new UsageError(`cannot read config '${path}': it must be a JSON object`);
  return readSettings((raw as { citewright?: unknown }).citewright ?? raw, warn);
}

export function main(args: string[], out: (s: string) => void, err: (s: string) => void): number {
  let options: Options;
  try {
    options = parseArgs(args);
    const settings = readConfig(options.config, (m) => err(`citewright: ${m}`));
    const service = createCitationService({ config: { get: () => settings } });
    const pathByUri = new Map<string, string>();
    const reports: FileReport[] = options.files.map((path) => {
      const text = readText(path);
      const uri = pathToFileURL(resolve(path)).href;
      pathByUri.set(uri, path);
      const document = TextDocument.create(uri, LANGUAGES[extname(path).toLowerCase()] ?? 'plaintext', 1, text);
      return fileReport(path, service.analyse(document), settings, (u) => pathByUri.get(u) ?? fileURLToPath(u));
    });
    if (options.format === 'json') out(JSON.stringify({ version: 1, files: reports }, null, 2));
    else for (const line of reports.flatMap(textLines)) out(line);
    return reports.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) err(`citewright: ${error.message}`);
    err(USAGE);
    return 2;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), (s) => process.stdout.write(`${s}\n`), (s) => process.stderr.write(`${s}\n`));
}
