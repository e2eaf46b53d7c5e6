// Collects the regular expressions of the server's TypeScript sources with the TypeScript compiler API: every
// regular-expression literal, and every `new RegExp(...)` / `RegExp(...)` whose pattern can be worked out from
// constants in the same file (string literals, templates, `String.raw`, `+`, const identifiers, `re.source`).
// A part that depends on run-time values is replaced by `x` and the pattern marked approximate.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface FoundRegex {
  /** Repository-relative path and 1-based line. */
  readonly file: string;
  readonly line: number;
  readonly source: string;
  readonly flags: string;
  /** The pattern is built at run time from values that are not constants: unknown parts were replaced by `x`. */
  readonly approximate: boolean;
  /** How it is written, for the report. */
  readonly written: string;
}

export function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return typeScriptFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

interface Folded {
  readonly value: string;
  readonly approximate: boolean;
}

const UNKNOWN: Folded = { value: 'x', approximate: true };

/** Splits `/source/flags` as written in a regular-expression literal. */
function splitLiteral(text: string): { source: string; flags: string } {
  const end = text.lastIndexOf('/');
  return { source: text.slice(1, end), flags: text.slice(end + 1) };
}

class ConstantFolder {
  private readonly constants = new Map<string, ts.Expression>();

  constructor(source: ts.SourceFile) {
    const visit = (node: ts.Node): void => {
      if (ts.isVariableDeclarationList(node) && (node.flags & ts.NodeFlags.Const) !== 0) {
        for (const declaration of node.declarations) {
          if (ts.isIdentifier(declaration.name) && declaration.initializer) this.constants.set(declaration.name.text, declaration.initializer);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }

  fold(node: ts.Expression, depth = 0): Folded {
    if (depth > 20) return UNKNOWN;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return { value: node.text, approximate: false };
    if (ts.isParenthesizedExpression(node)) return this.fold(node.expression, depth + 1);
    if (ts.isTemplateExpression(node)) return this.template(node, false, depth);
    if (ts.isTaggedTemplateExpression(node) && node.tag.getText() === 'String.raw') {
      const template = node.template;
      if (ts.isNoSubstitutionTemplateLiteral(template)) return { value: template.rawText ?? template.text, approximate: false };
      return this.template(template, true, depth);
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const left = this.fold(node.left, depth + 1);
      const right = this.fold(node.right, depth + 1);
      return { value: left.value + right.value, approximate: left.approximate || right.approximate };
    }
    if (ts.isIdentifier(node)) {
      const initializer = this.constants.get(node.text);
      return initializer ? this.fold(initializer, depth + 1) : UNKNOWN;
    }
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'source') {
      const target = ts.isIdentifier(node.expression) ? this.constants.get(node.expression.text) : node.expression;
      if (target && ts.isRegularExpressionLiteral(target)) return { value: splitLiteral(target.text).source, approximate: false };
    }
    return UNKNOWN;
  }

  private template(node: ts.TemplateExpression, raw: boolean, depth: number): Folded {
    const text = (part: ts.TemplateHead | ts.TemplateMiddle | ts.TemplateTail) => (raw ? part.rawText ?? part.text : part.text);
    let value = text(node.head);
    let approximate = false;
    for (const span of node.templateSpans) {
      const folded = this.fold(span.expression, depth + 1);
      value += folded.value + text(span.literal);
      approximate ||= folded.approximate;
    }
    return { value, approximate };
  }
}

/** Every regular expression of the `.ts` files under `root/dir`. */
export function collectRegexes(root: string, dir: string): FoundRegex[] {
  const found: FoundRegex[] = [];
  for (const path of typeScriptFiles(join(root, dir))) {
    const file = relative(root, path).split('\\').join('/');
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
    const folder = new ConstantFolder(source);
    const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const { source: pattern, flags } = splitLiteral(node.getText(source));
        found.push({ file, line: lineOf(node), source: pattern, flags, approximate: false, written: node.getText(source) });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
        const [patternArg, flagsArg] = node.arguments ?? [];
        if (patternArg) {
          const pattern = folder.fold(patternArg);
          const flags = flagsArg ? folder.fold(flagsArg) : { value: '', approximate: false };
          found.push({
            file,
            line: lineOf(node),
            source: pattern.value,
            flags: flags.approximate ? '' : flags.value,
            approximate: pattern.approximate || flags.approximate,
            written: node.getText(source).slice(0, 120),
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}
