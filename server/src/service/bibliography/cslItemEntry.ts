// A CSL item (from CSL-JSON or CSL-YAML, with offsets) to a ReferenceEntry.
import type { Range } from 'vscode-languageserver-types';
import type { EntryKind, PageRange } from '../model';
import { bibliographySource } from './bibliographyEntry';
import type { BibliographyEntry, CslItem } from './bibliographyEntry';
import type { LineIndex } from './lineIndex';
import { memberValue, plainValue } from './positionedValue';
import type { PositionedObject, PositionedScalar, PositionedValue } from './positionedValue';
import { initialsOf } from './bibNames';
import { entryLabel, pageRangeIn, yearIn } from './referenceFacts';
import type { LabelName } from './referenceFacts';

const ENTRY_KINDS: ReadonlyMap<string, EntryKind> = new Map([
  ['article', 'article'], ['article-journal', 'article'], ['article-magazine', 'article'],
  ['article-newspaper', 'article'], ['review', 'article'], ['review-book', 'article'],
  ['book', 'book'], ['classic', 'book'], ['periodical', 'book'],
  ['chapter', 'chapter'], ['paper-conference', 'chapter'], ['entry', 'chapter'],
  ['entry-dictionary', 'chapter'], ['entry-encyclopedia', 'chapter'],
  ['speech', 'lecture'],
  ['webpage', 'web'], ['post', 'web'], ['post-weblog', 'web'],
]);

export interface CslEntryContext {
  readonly path: string;
  readonly text: string;
  readonly lines: LineIndex;
  readonly format: 'csl-json' | 'csl-yaml';
}

interface CslName {
  readonly surname: string;
  readonly given: string;
  readonly range: Range;
}

function scalarText(value: PositionedValue | undefined): string | null {
  if (value?.kind !== 'scalar' || value.value === null) return null;
  const text = String(value.value).trim();
  return text === '' ? null : text;
}

/** CSL rich text (`<i>`, `<span class="nocase">`) as plain text. */
function withoutMarkup(text: string | null): string | null {
  if (text === null) return null;
  const plain = text.replace(/<[^<>]*>/g, '').replace(/\s+/g, ' ').trim();
  return plain === '' ? null : plain;
}

class CslEntryBuilder {
  constructor(private readonly context: CslEntryContext) {}

  private range(start: number, end: number): Range {
    return this.context.lines.range(start, end);
  }

  /** Range of `[start, end)` of a scalar's value when the value is its text as written, else of its content. */
  private rangeIn(scalar: PositionedScalar, start: number, end: number): Range {
    if (scalar.verbatim) return this.range(scalar.contentStart + start, scalar.contentStart + end);
    return this.range(scalar.contentStart, scalar.contentEnd);
  }

  private names(value: PositionedValue | undefined): CslName[] {
    if (value?.kind !== 'array') return [];
    const names: CslName[] = [];
    for (const item of value.items) {
      if (item.kind === 'scalar') {
        const literal = scalarText(item);
        if (literal !== null) names.push({ surname: literal, given: '', range: this.range(item.contentStart, item.contentEnd) });
        continue;
      }
      if (item.kind !== 'object') continue;
      const family = memberValue(item, 'family');
      const literal = memberValue(item, 'literal');
      const named = family?.kind === 'scalar' && scalarText(family) !== null ? family : literal;
      const surname = scalarText(named);
      if (surname === null || named?.kind !== 'scalar') continue;
      const particle = named === family ? scalarText(memberValue(item, 'non-dropping-particle')) : null;
      names.push({
        surname: particle === null ? surname : `${particle} ${surname}`,
        given: named === family ? scalarText(memberValue(item, 'given')) ?? '' : '',
        range: this.range(named.contentStart, named.contentEnd),
      });
    }
    return names;
  }

  /** The year from `issued`: `date-parts`, `raw`/`literal`, a plain scalar (`2005`, `2005-03-12`), or `[{year}]`. */
  private year(issued: PositionedValue | undefined): { year: string; range: Range } | null {
    if (issued === undefined) return null;
    if (issued.kind === 'scalar') {
      const found = yearIn(String(issued.value ?? ''));
      return found === null ? null : { year: found.value, range: this.rangeIn(issued, found.start, found.end) };
    }
    if (issued.kind === 'array') return issued.items.length === 0 ? null : this.year(issued.items[0]);
    const parts = memberValue(issued, 'date-parts');
    if (parts?.kind === 'array' && parts.items[0]?.kind === 'array' && parts.items[0].items.length > 0) {
      return this.year(parts.items[0].items[0]);
    }
    return this.year(memberValue(issued, 'year') ?? memberValue(issued, 'raw') ?? memberValue(issued, 'literal'));
  }

  private pages(page: PositionedValue | undefined): PageRange | null {
    if (page?.kind !== 'scalar' || page.value === null) return null;
    const text = String(page.value);
    const found = pageRangeIn(text);
    if (found === null) return null;
    return { text: text.trim(), first: found.first, last: found.last, range: this.rangeIn(page, found.start, found.end) };
  }

  /** `start` is where the item's text begins when it is not the object itself (a YAML item's `-`). */
  build(item: PositionedObject, id: string, start: number): BibliographyEntry {
    const { text, path, format } = this.context;
    const idValue = memberValue(item, 'id');
    const key = scalarText(idValue);
    const authors = this.names(memberValue(item, 'author'));
    const editors = this.names(memberValue(item, 'editor'));
    const year = this.year(memberValue(item, 'issued'));
    const title = withoutMarkup(scalarText(memberValue(item, 'title')));
    const labelNames = (names: readonly CslName[]): LabelName[] =>
      names.map((name) => ({ surname: name.surname, initials: initialsOf(name.given) }));
    return {
      id,
      source: path,
      range: this.range(start, item.end),
      start,
      end: item.end,
      text: text.slice(start, item.end),
      key,
      keyRange: key === null || idValue?.kind !== 'scalar' ? null : this.range(idValue.contentStart, idValue.contentEnd),
      authors: authors.map((name) => name.surname),
      authorRanges: authors.map((name) => name.range),
      year: year?.year ?? null,
      yearRange: year?.range ?? null,
      title,
      container: withoutMarkup(scalarText(memberValue(item, 'container-title'))),
      editors: editors.map((name) => name.surname),
      pages: this.pages(memberValue(item, 'page')),
      kind: ENTRY_KINDS.get(scalarText(memberValue(item, 'type')) ?? '') ?? 'other',
      label: entryLabel(labelNames(authors), labelNames(editors), year?.year ?? null, title, key),
      [bibliographySource]: { format, item: plainValue(item) as CslItem },
    };
  }
}

/** Builds entries for the CSL items of one file. */
export function cslEntryBuilder(context: CslEntryContext): (item: PositionedObject, id: string, start?: number) => BibliographyEntry {
  const builder = new CslEntryBuilder(context);
  return (item, id, start) => builder.build(item, id, start ?? item.start);
}
