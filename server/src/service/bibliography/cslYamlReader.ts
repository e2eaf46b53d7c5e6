// CSL-YAML files (`.yaml`, `.yml`): a list of references, or pandoc's `references:` key (also inside a
// Markdown document's front matter, so a whole `.md` text can be given). Each reference is parsed on its
// own: a broken one is a problem at its line and the others still load.
import type { BibliographyEntry, BibliographyProblem, BibliographyReadResult, ReadOptions } from './bibliographyEntry';
import { entryId } from './bibliographyEntry';
import { cslEntryBuilder } from './cslItemEntry';
import { LineIndex } from './lineIndex';
import { PositionedSyntaxError } from './positionedValue';
import { YamlParser } from './yamlPositions';

export function readCslYaml(path: string, text: string, options?: ReadOptions): BibliographyReadResult {
  return new CslYamlReader(path, text, options).read();
}

class CslYamlReader {
  private readonly lines: LineIndex;
  /** Reads the structure around the references (whole text). */
  private readonly outline: YamlParser;
  private readonly entries: BibliographyEntry[] = [];
  private readonly problems: BibliographyProblem[] = [];
  private readonly build: ReturnType<typeof cslEntryBuilder>;

  constructor(
    path: string,
    private readonly text: string,
    private readonly options: ReadOptions | undefined,
  ) {
    this.lines = new LineIndex(text);
    this.outline = new YamlParser(text, this.lines);
    this.build = cslEntryBuilder({ path, text, lines: this.lines, format: 'csl-yaml' });
  }

  read(): BibliographyReadResult {
    const first = this.firstContentLine();
    if (first === -1) return { entries: this.entries, problems: this.problems };
    const outline = this.outline;
    if (outline.isSequenceIndicator(first)) {
      this.readReferences(first);
    } else if (outline.keyColon(first) !== -1) {
      const list = this.referencesList(first);
      if (list !== -1) this.readReferences(list);
    } else {
      this.report(first, 'The file is not a list of references: expected `- id: ...` items or a `references:` key.');
    }
    return { entries: this.entries, problems: this.problems };
  }

  /** The first line with content, after a BOM, directives (`%YAML`) and the `---` that opens a document. */
  private firstContentLine(): number {
    let lineStart = this.text.charCodeAt(0) === 0xfeff ? 1 : 0;
    for (;;) {
      const first = this.outline.contentLineFrom(lineStart);
      if (first !== -1 && first === lineStart && this.text[first] === '%') {
        lineStart = this.outline.lineEnd(first) + 1;
        continue;
      }
      if (first === -1 && this.text.startsWith('---', lineStart) && this.outline.isDocumentMarker(lineStart)) {
        // The document's start marker: its content follows.
        lineStart = this.outline.lineEnd(lineStart) + 1;
        if (lineStart >= this.text.length) return -1;
        continue;
      }
      return first;
    }
  }

  /** Finds `references:` among the top-level keys; returns the `-` of its first item, or -1. */
  private referencesList(firstKey: number): number {
    const outline = this.outline;
    const indent = outline.columnOf(firstKey);
    for (let key = firstKey; key !== -1;) {
      const colon = outline.keyColon(key);
      if (colon === -1) return -1;
      const name = this.text.slice(key, colon).trim().replace(/^["']|["']$/g, '');
      let next = outline.nextContentLine(colon);
      if (name === 'references') {
        const inline = this.text.slice(colon + 1, outline.lineEnd(colon)).trim();
        if (inline.startsWith('[')) {
          this.readInlineReferences(colon + 1 + this.text.slice(colon + 1).indexOf('['));
          return -1;
        }
        if (inline === '' && next !== -1 && outline.isSequenceIndicator(next) && outline.columnOf(next) >= indent) return next;
        this.report(key, 'The `references:` key does not hold a list of `- id: ...` items.');
        return -1;
      }
      // Skip this key's value: more indented lines, or a list at the key's own column.
      while (next !== -1 && (outline.columnOf(next) > indent || (outline.columnOf(next) === indent && outline.isSequenceIndicator(next)))) {
        next = outline.nextContentLine(next);
      }
      key = next !== -1 && outline.columnOf(next) === indent ? next : -1;
    }
    return -1;
  }

  /** Reads the list whose first `-` is at `first`, one item at a time. */
  private readReferences(first: number): void {
    const outline = this.outline;
    const indent = outline.columnOf(first);
    for (let dash = first; dash !== -1;) {
      // The item runs to the next line at the list's column or less (or a document marker).
      let next = outline.nextContentLine(dash);
      while (next !== -1 && outline.columnOf(next) > indent) next = outline.nextContentLine(next);
      const end = next === -1 ? this.endOfItems(dash) : this.lines.lineStart(this.lines.lineOf(next));
      this.readItem(dash, end);
      dash = next !== -1 && outline.columnOf(next) === indent && outline.isSequenceIndicator(next) ? next : -1;
    }
  }

  /** `references: [{id: a, ...}, ...]` on one line or a few: read as a whole. */
  private readInlineReferences(open: number): void {
    try {
      const list = new YamlParser(this.text, this.lines, this.endOfItems(open)).blockNode(open);
      if (list.kind !== 'array') return;
      for (const item of list.items) {
        if (item.kind === 'object') this.entries.push(this.build(item, entryId(this.options, this.entries.length)));
        else this.reportItem(item.start, 'a reference must be a mapping of `key: value` pairs');
      }
    } catch (error) {
      if (!(error instanceof PositionedSyntaxError)) throw error;
      this.report(open, `The \`references:\` list cannot be read: ${error.reason} (${this.where(error.offset)}).`, error.offset);
    }
  }

  /** Where the last item ends: at a document marker, or at the end of the text. */
  private endOfItems(dash: number): number {
    for (let line = this.lines.lineOf(dash) + 1; line < this.lines.lineCount; line++) {
      if (this.outline.isDocumentMarker(this.lines.lineStart(line))) return this.lines.lineStart(line);
    }
    return this.text.length;
  }

  private readItem(dash: number, end: number): void {
    const parser = new YamlParser(this.text, this.lines, end);
    try {
      const item = parser.sequenceItem(dash);
      const leftover = parser.nextContentLine(parser.position);
      if (leftover !== -1) throw new PositionedSyntaxError(leftover, 'unexpected indentation');
      if (item.kind !== 'object') {
        this.reportItem(dash, 'a reference must be a mapping of `key: value` lines');
        return;
      }
      this.entries.push(this.build(item, entryId(this.options, this.entries.length), dash));
    } catch (error) {
      if (!(error instanceof PositionedSyntaxError)) throw error;
      this.reportItem(dash, error.reason, error.offset);
    }
  }

  private reportItem(dash: number, reason: string, stoppedAt?: number): void {
    const where = stoppedAt === undefined ? '' : ` (${this.where(stoppedAt)})`;
    this.report(dash, `The reference at line ${this.lines.lineOf(dash) + 1} cannot be read: ${reason}${where}. It is skipped; the other references still load.`, stoppedAt);
  }

  private where(offset: number): string {
    const position = this.lines.position(offset);
    return `line ${position.line + 1}, column ${position.character + 1}`;
  }

  /** Reports a problem from `at` to the end of its line. */
  private report(at: number, message: string, stoppedAt?: number): void {
    this.problems.push({
      kind: 'syntax',
      message,
      range: this.lines.range(at, this.outline.lineEnd(at)),
      related: stoppedAt === undefined ? null : { message: 'Reading stopped here', range: this.lines.range(stoppedAt, stoppedAt) },
    });
  }
}
