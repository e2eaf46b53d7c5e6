// The grammar files themselves: contributed in package.json, generated from their source, and every
// regular expression valid for Oniguruma.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { OnigScanner } from 'vscode-oniguruma';
import { LATEX_INJECTION, MARKDOWN_INJECTION, grammarContributions, onigurumaReady, repoRoot } from './textmate';

interface Generator {
  buildGrammars(): Record<string, unknown>;
  grammarFileText(grammar: unknown): string;
}

function isGenerator(value: unknown): value is Generator {
  const candidate = value as Partial<Record<keyof Generator, unknown>>;
  return typeof candidate.buildGrammars === 'function' && typeof candidate.grammarFileText === 'function';
}

function loadGenerator(): Generator {
  // A plain JavaScript module outside the TypeScript projects: require() gives it no type, so check its shape.
  const loaded: unknown = require(path.join(repoRoot, 'syntaxes', 'src', 'buildGrammars.js'));
  if (!isGenerator(loaded)) throw new Error('syntaxes/src/buildGrammars.js does not export its builders');
  return loaded;
}

const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8'));

/** Every regular expression of a grammar, with where it is. */
function regexesOf(node: unknown, where = ''): Array<[string, string]> {
  if (Array.isArray(node)) return node.flatMap((item, i) => regexesOf(item, `${where}[${i}]`));
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]): Array<[string, string]> =>
    ['match', 'begin', 'end', 'while'].includes(key) && typeof value === 'string'
      ? [[`${where}.${key}`, value]]
      : regexesOf(value, `${where}.${key}`),
  );
}

describe('grammar files', () => {
  test('package.json injects the Markdown grammar into Markdown, Quarto and R Markdown, the LaTeX one into LaTeX', () => {
    assert.deepEqual(grammarContributions(), [
      {
        scopeName: MARKDOWN_INJECTION,
        path: './syntaxes/citations.markdown.tmLanguage.json',
        injectTo: ['text.html.markdown', 'text.html.quarto', 'text.html.rmarkdown'],
      },
      {
        scopeName: LATEX_INJECTION,
        path: './syntaxes/citations.latex.tmLanguage.json',
        injectTo: ['text.tex.latex'],
      },
    ]);
  });

  test('each contributed file declares the scope name it is contributed under, and an injection selector', () => {
    for (const contribution of grammarContributions()) {
      const grammar = readJson(contribution.path) as { scopeName?: unknown; injectionSelector?: unknown };
      assert.equal(grammar.scopeName, contribution.scopeName);
      assert.equal(typeof grammar.injectionSelector, 'string');
    }
  });

  test('every selector keeps out of code, front matter and comments', () => {
    for (const contribution of grammarContributions()) {
      const { injectionSelector } = readJson(contribution.path) as { injectionSelector: string };
      const required =
        contribution.scopeName === MARKDOWN_INJECTION
          ? ['-markup.inline.raw', '-markup.fenced_code', '-markup.raw', '-meta.embedded', '-comment']
          : ['-comment', '-markup.raw', '-meta.embedded', '-meta.math'];
      for (const part of injectionSelector.split(',')) {
        assert.match(part.trim(), /^L:/, `${contribution.scopeName}: ${part}`);
        for (const exclusion of required) assert.ok(part.split(/\s+/).includes(exclusion), `${part} lacks ${exclusion}`);
      }
    }
  });

  test('the committed grammar files are what syntaxes/src/buildGrammars.js generates', () => {
    const generator = loadGenerator();
    const built = generator.buildGrammars();
    assert.deepEqual(Object.keys(built).sort(), ['citations.latex.tmLanguage.json', 'citations.markdown.tmLanguage.json']);
    for (const [file, grammar] of Object.entries(built)) {
      const committed = fs.readFileSync(path.join(repoRoot, 'syntaxes', file), 'utf8');
      assert.equal(committed, generator.grammarFileText(grammar), `run node syntaxes/src/buildGrammars.js (${file})`);
    }
  });

  test('every regular expression compiles with Oniguruma', async () => {
    await onigurumaReady();
    for (const contribution of grammarContributions()) {
      const regexes = regexesOf(readJson(contribution.path));
      assert.ok(regexes.length > 5, contribution.path);
      for (const [where, source] of regexes) {
        assert.doesNotThrow(() => new OnigScanner([source]), `${contribution.path}${where}: ${source}`);
      }
    }
  });
});
