// `citewright check [--format text|json] [--config FILE] FILE...`: the language service run over files on disk.
import { readFileSync } from 'node:fs';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { bibliographyReport, fileReport, textLines, type FileReport } from './checkReport';
import { FileWorkspace } from './fileWorkspace';
import { createCitationService, readSettings, type CitewrightSettings, DEFAULT_SETTINGS } from './service';

const USAGE = 'usage: citewright check [--format text|json] [--bibliography FILE]... [--config FILE] FILE...';

class UsageError extends Error {}

interface Options {
  format: 'text' | 'json';
  config: string | null;
  bibliographies: string[];
  files: string[];
}

function parseArgs(args: string[]): Options {
  if (args[0] !== 'check') throw new UsageError(args.length === 0 ? 'no command given' : `unknown command '${args[0]}'`);
  const options: Options = { format: 'text', config: null, bibliographies: [], files: [] };
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
    else if (arg === '--bibliography') options.bibliographies.push(value());
    else if (arg === '--help' || arg === '-h') throw new UsageError('');
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`);
    else options.files.push(arg);
  }
  if (options.files.length === 0) throw new UsageError('no files given');
  return options;
}

const LANGUAGES: Record<string, string> = {
  '.md': 'markdown', '.markdown': 'markdown', '.qmd': 'quarto', '.rmd': 'rmd', '.tex': 'latex', '.txt': 'plaintext', '.bib': 'bibtex',
};

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

/** How a file the user did not name is printed: relative to the working directory when it is below it. */
function displayPath(uri: string): string {
  const path = fileURLToPath(uri);
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

export function main(args: string[], out: (s: string) => void, err: (s: string) => void): number {
  let options: Options;
  try {
    options = parseArgs(args);
    const configured = readConfig(options.config, (m) => err(`citewright: ${m}`));
    for (const path of options.bibliographies) readText(path);
    const pathByUri = new Map<string, string>();
    const given = options.bibliographies.map((path) => {
      const uri = pathToFileURL(resolve(path)).href;
      pathByUri.set(uri, path);
      return uri;
    });
    const settings = { ...configured, bibliographies: [...configured.bibliographies, ...given] };
    const service = createCitationService({ config: { get: () => settings }, workspace: new FileWorkspace() });
    const pathOf = (uri: string) => pathByUri.get(uri) ?? displayPath(uri);
    const analyses = options.files.map((path) => {
      const text = readText(path);
      if (text.length > settings.maxFileSize * 1024 * 1024) {
        throw new UsageError(`cannot check '${path}': ${(text.length / 1024 / 1024).toFixed(1)} MB of text is more than the limit of ${settings.maxFileSize} MB (maxFileSize in --config)`);
      }
      const uri = pathToFileURL(resolve(path)).href;
      pathByUri.set(uri, path);
      const document = TextDocument.create(uri, LANGUAGES[extname(path).toLowerCase()] ?? 'plaintext', 1, text);
      return { path, analysis: service.analyse(document) };
    });
    const reports: FileReport[] = analyses.map(({ path, analysis }) => fileReport(path, analysis, settings, pathOf));
    // Each bibliography file the documents use gets an entry of its own, in the order they first name it.
    const bibliographyUris = [...new Set(analyses.flatMap(({ analysis }) => analysis.bibliographies.filter((b) => b.library).map((b) => b.source.uri)))];
    for (const uri of bibliographyUris) {
      reports.push(bibliographyReport(pathOf(uri), service.getBibliographyFindings(uri), settings, pathOf));
    }
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
