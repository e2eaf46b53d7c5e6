// Tokenizes text the way VS Code does: vscode-textmate + vscode-oniguruma, the real Markdown and LaTeX
// grammars (from the `tm-grammars` package, which ships VS Code's own) and Citewright's injection grammars.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type IRawGrammar, type IRawTheme, type StateStack } from 'vscode-textmate';
import { OnigScanner, OnigString, loadWASM } from 'vscode-oniguruma';

/** The repository root: the nearest folder above this file whose package.json names Citewright. */
export const repoRoot: string = findRepoRoot(__dirname);

function findRepoRoot(start: string): string {
  let dir = start;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      const parsed: unknown = JSON.parse(fs.readFileSync(manifest, 'utf8'));
      if (typeof parsed === 'object' && parsed !== null && (parsed as { name?: unknown }).name === 'citewright') return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no citewright package.json above ${start}`);
    dir = parent;
  }
}

export const MARKDOWN_INJECTION = 'citewright.citations.markdown.injection';
export const LATEX_INJECTION = 'citewright.citations.latex.injection';

export interface GrammarContribution {
  readonly scopeName: string;
  readonly path: string;
  readonly injectTo: readonly string[];
}

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** The `contributes.grammars` entries of package.json, as VS Code reads them. */
export function grammarContributions(): GrammarContribution[] {
  const manifest: unknown = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const grammars = (manifest as { contributes?: { grammars?: unknown } }).contributes?.grammars;
  if (!Array.isArray(grammars)) throw new Error('package.json contributes no grammars');
  return grammars.map((entry: unknown) => {
    const { scopeName, path: file, injectTo } = entry as Record<string, unknown>;
    if (typeof scopeName !== 'string' || typeof file !== 'string' || !isStringArray(injectTo)) {
      throw new Error(`malformed grammar contribution ${JSON.stringify(entry)}`);
    }
    return { scopeName, path: file, injectTo };
  });
}

/** Grammar files of ours, by scope name, and which of them VS Code injects into which host. */
const contributions = grammarContributions();
const OWN_GRAMMARS: ReadonlyMap<string, string> = new Map(
  contributions.map((c) => [c.scopeName, path.join(repoRoot, c.path)]),
);
const INJECTIONS: ReadonlyMap<string, readonly string[]> = new Map(
  [...new Set(contributions.flatMap((c) => c.injectTo))].map((host) => [
    host,
    contributions.filter((c) => c.injectTo.includes(host)).map((c) => c.scopeName),
  ]),
);

/**
 * Grammars from `tm-grammars`, by scope name: the two hosts and what they include (Markdown embeds YAML
 * front matter, HTML and code; LaTeX includes TeX). Any other scope an include names resolves to nothing,
 * as it does in a VS Code without that language.
 */
const HOST_GRAMMARS: Readonly<Record<string, string>> = {
  'text.html.markdown': 'markdown',
  'text.tex.latex': 'latex',
  'text.tex': 'tex',
  'source.yaml': 'yaml',
  'text.html.derivative': 'html-derivative',
  'text.html.basic': 'html',
  'source.css': 'css',
  'source.js': 'javascript',
  'source.python': 'python',
  'text.bibtex': 'bibtex',
};

function readGrammar(file: string): IRawGrammar {
  return parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
}

function hostGrammarFile(name: string): string {
  return require.resolve(`tm-grammars/grammars/${name}.json`);
}

let oniguruma: Promise<void> | undefined;

/** Loads Oniguruma (what the tokenizer uses) once; regular expressions can be compiled after it. */
export function onigurumaReady(): Promise<void> {
  oniguruma ??= (async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  })();
  return oniguruma;
}

/** A registry that resolves grammars as VS Code does with Citewright installed, optionally with a theme. */
async function createRegistry(theme?: IRawTheme): Promise<Registry> {
  await onigurumaReady();
  const created = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new OnigScanner(sources),
      createOnigString: (text: string) => new OnigString(text),
    }),
    loadGrammar: async (scopeName: string) => {
      const own = OWN_GRAMMARS.get(scopeName);
      if (own !== undefined) return readGrammar(own);
      const host = HOST_GRAMMARS[scopeName];
      if (host === undefined) return null;
      const grammar = readGrammar(hostGrammarFile(host));
      if (grammar.scopeName !== scopeName) throw new Error(`${host}.json is ${grammar.scopeName}, not ${scopeName}`);
      return grammar;
    },
    getInjections: (scopeName: string) => [...(INJECTIONS.get(scopeName) ?? [])],
  });
  if (theme !== undefined) created.setTheme(theme);
  return created;
}

let registry: Promise<Registry> | undefined;

function getRegistry(): Promise<Registry> {
  registry ??= createRegistry();
  return registry;
}

export interface Token {
  readonly text: string;
  readonly start: number;
  readonly scopes: readonly string[];
}

export type Line = readonly Token[];

/** Loads a host grammar ('text.html.markdown' or 'text.tex.latex') with our injections. */
export async function loadHost(scopeName: 'text.html.markdown' | 'text.tex.latex'): Promise<IGrammar> {
  const grammar = await (await getRegistry()).loadGrammar(scopeName);
  if (grammar === null) throw new Error(`cannot load ${scopeName}`);
  return grammar;
}

/** Tokenizes a whole document, line by line, carrying the state across lines. */
export async function tokenize(scopeName: 'text.html.markdown' | 'text.tex.latex', text: string): Promise<Line[]> {
  const grammar = await loadHost(scopeName);
  const lines: Line[] = [];
  let state: StateStack = INITIAL;
  for (const lineText of text.split(/\r?\n/)) {
    const result = grammar.tokenizeLine(lineText, state);
    lines.push(
      result.tokens.map((token) => ({
        text: lineText.slice(token.startIndex, token.endIndex),
        start: token.startIndex,
        scopes: token.scopes,
      })),
    );
    state = result.ruleStack;
  }
  return lines;
}

export const tokenizeMarkdown = (text: string): Promise<Line[]> => tokenize('text.html.markdown', text);
export const tokenizeLatex = (text: string): Promise<Line[]> => tokenize('text.tex.latex', text);

/** Reads a fixture under test/fixtures/grammar/. */
export function fixture(name: string): string {
  return fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'grammar', name), 'utf8');
}

/** Whether a scope is one of ours. */
export const isOwnScope = (scope: string): boolean => scope.endsWith('.citewright') || scope.startsWith('citewright.');

/** The line of a tokenized document whose text contains `needle` (exactly one must). */
export function lineContaining(lines: readonly Line[], needle: string): Line {
  const found = lines.filter((line) => line.map((token) => token.text).join('').includes(needle));
  if (found.length !== 1) throw new Error(`${found.length} lines contain ${JSON.stringify(needle)}`);
  return found[0];
}

/**
 * The scopes of the token whose text is exactly `text` (the `occurrence`-th such token, from 0).
 * Fails when the text is not one whole token, so that a test also pins where tokens begin and end.
 */
export function scopesOf(line: Line, text: string, occurrence = 0): readonly string[] {
  const matches = line.filter((token) => token.text === text);
  const token = matches[occurrence];
  if (token === undefined) {
    const shown = line.map((t) => JSON.stringify(t.text)).join(' ');
    throw new Error(`no token ${JSON.stringify(text)} (#${occurrence}) in: ${shown}`);
  }
  return token.scopes;
}

/**
 * The texts of the runs of consecutive tokens whose scopes include one starting with `scopePrefix`:
 * the citations of a line, say, with `meta.citation.`.
 */
export function spansWith(line: Line, scopePrefix: string): string[] {
  const spans: string[] = [];
  let current: string | null = null;
  let currentScope: string | null = null;
  for (const token of line) {
    const scope = token.scopes.find((s) => s.startsWith(scopePrefix)) ?? null;
    if (scope !== null && current !== null && scope === currentScope) {
      current += token.text;
    } else {
      if (current !== null) spans.push(current);
      current = scope === null ? null : token.text;
    }
    currentScope = scope;
  }
  if (current !== null) spans.push(current);
  return spans;
}

/** The whole text of a tokenized line. */
export const lineText = (line: Line): string => line.map((token) => token.text).join('');

/**
 * For every line of a document, the spans carrying a scope that starts with `scopePrefix`: the lines
 * named (by a text they contain) get the listed spans, every other line none.
 */
export function spansByLine(
  lines: readonly Line[],
  scopePrefix: string,
  expected: ReadonlyArray<readonly [needle: string, spans: readonly string[]]>,
): { actual: string[][]; wanted: string[][] } {
  for (const [needle] of expected) lineContaining(lines, needle);
  const wanted = lines.map((line) => {
    const entry = expected.find(([needle]) => lineText(line).includes(needle));
    return entry === undefined ? [] : [...entry[1]];
  });
  const actual = lines.map((line) => spansWith(line, scopePrefix));
  return { actual, wanted };
}

/** The tokens of a line that carry one of our scopes, as `text: scopes` strings (for readable failures). */
export const ownTokens = (line: Line): string[] =>
  line.filter((token) => token.scopes.some(isOwnScope)).map((token) => `${token.text}: ${token.scopes.join(' ')}`);

/** A token and the foreground colour a theme gives it (`null`: the theme's default foreground). */
export interface ColouredToken {
  readonly text: string;
  readonly foreground: string | null;
}

/**
 * The foreground colour index of a token's metadata. vscode-textmate packs the theme's attributes into one
 * number (its `EncodedTokenAttributes`, not exported): bits 15-23 hold the foreground's colour-map index.
 */
const foregroundIndex = (metadata: number): number => (metadata & 0x00ff8000) >>> 15;

/** Tokenizes one line of Markdown or LaTeX under a theme, as VS Code colours it. */
export async function colourLine(
  scopeName: 'text.html.markdown' | 'text.tex.latex',
  text: string,
  theme: IRawTheme,
): Promise<ColouredToken[]> {
  const themed = await createRegistry(theme);
  const grammar = await themed.loadGrammar(scopeName);
  if (grammar === null) throw new Error(`cannot load ${scopeName}`);
  const colours = themed.getColorMap();
  const defaultIndex = foregroundIndex(grammar.tokenizeLine2('', INITIAL).tokens[1] ?? 0);
  const { tokens } = grammar.tokenizeLine2(text, INITIAL);
  const result: ColouredToken[] = [];
  for (let i = 0; i < tokens.length; i += 2) {
    const end = i + 2 < tokens.length ? tokens[i + 2] : text.length;
    const index = foregroundIndex(tokens[i + 1]);
    result.push({ text: text.slice(tokens[i], end), foreground: index === defaultIndex ? null : colours[index] });
  }
  return result;
}
