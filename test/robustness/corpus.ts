// The documents the privacy and bundle tests run over: every document and bibliography of test/fixtures, and the
// essay of shared/corpus.
import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { ESSAY_PATH, REPO_ROOT } from '../lsp/lspClient';

/** Language ids by extension, as VS Code (with the Quarto and R extensions) names them. */
export const LANGUAGES: Readonly<Record<string, string>> = {
  '.md': 'markdown', '.markdown': 'markdown', '.qmd': 'quarto', '.rmd': 'rmd', '.tex': 'latex', '.txt': 'plaintext',
  '.bib': 'bibtex', '.json': 'json', '.yaml': 'yaml', '.yml': 'yaml', '.ris': 'plaintext',
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Absolute paths, sorted, the essay last. */
export function corpus(): string[] {
  const documents = files(join(REPO_ROOT, 'test', 'fixtures')).filter((path) => extname(path).toLowerCase() in LANGUAGES);
  return [...documents.sort(), ESSAY_PATH];
}
