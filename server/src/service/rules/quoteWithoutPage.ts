import type { Analysis } from '../analysis';
import type { Citation } from '../model';
import { describeItem } from './describe';
import type { Rule } from './rule';

/** Quoted passages: double quotes, or single quotes that are not apostrophes (no letter outside them). */
const QUOTED = /["“][^"“”\n]{3,}["”]|(?<!\p{L})['‘][^'‘’\n]{3,}['’](?!\p{L})/gu;

/** A double-quoted passage, or a single-quoted one of five words or more ('Secret Speech' is a name, not a quotation). */
function isQuotation(quoted: string): boolean {
  return /^["“]/u.test(quoted) || quoted.trim().split(/\s+/).length >= 5;
}

/** The sentence around a citation: back to the last sentence end before it, on to the next one after it. */
function sentenceAround(text: string, citation: Citation): { before: string; after: string } {
  const from = Math.max(0, citation.outerStart - 600);
  const beforeAll = text.slice(from, citation.outerStart);
  const sentenceStart = Math.max(beforeAll.lastIndexOf('\n\n'), ...[...beforeAll.matchAll(/[.!?]\s+(?=[\p{Lu}"“'‘])/gu)].map((m) => m.index! + m[0].length));
  const afterAll = text.slice(citation.outerEnd, citation.outerEnd + 600);
  const end = afterAll.search(/[.!?](?:\s|$)|\n\n/u);
  return { before: beforeAll.slice(Math.max(0, sentenceStart)), after: afterAll.slice(0, end < 0 ? afterAll.length : end) };
}

/**
 * Whether a quotation may touch the citation at all: for a parenthetical one a closing quote just before it
 * (spaces and punctuation aside), for a narrative one an opening quote soon after. Most citations fail this
 * cheap test, and their sentences are never worked out.
 */
function mayQuote(text: string, citation: Citation): boolean {
  if (citation.form === 'parenthetical') {
    let at = citation.outerStart - 1;
    while (at >= 0 && /[\s,.;:]/u.test(text[at])) at--;
    return at >= 0 && /["”'’]/u.test(text[at]);
  }
  return /["“'‘]/u.test(text.slice(citation.outerEnd, citation.outerEnd + 600));
}

function quotes(analysis: Analysis, citation: Citation, next: Citation | undefined): boolean {
  const text = analysis.document.getText();
  if (!mayQuote(text, citation)) return false;
  const { before, after: sentenceAfter } = sentenceAround(text, citation);
  // A quotation after the next citation in the sentence belongs to that citation.
  const after = next ? sentenceAfter.slice(0, Math.max(0, next.outerStart - citation.outerEnd)) : sentenceAfter;
  if (citation.form === 'parenthetical') {
    // `"..." (Smith 2019)`: the quotation ends just before a parenthetical citation.
    const tail = before.replace(/[\s,.;:]*$/u, '');
    return [...tail.matchAll(QUOTED)].some((m) => m.index! + m[0].length === tail.length && isQuotation(m[0]));
  }
  // `Smith (2019) writes "..."`: the quotation follows a narrative citation in the same sentence.
  return [...after.matchAll(QUOTED)].some((m) => isQuotation(m[0]));
}

export const quoteWithoutPage: Rule = {
  code: 'quote-without-page',
  defaultSeverity: 'information',
  check(analysis) {
    const citations = analysis.model.citations;
    return citations
      .filter((c, i) => c.syntax === 'author-date' && c.items.every((item) => item.locator === null) && quotes(analysis, c, citations[i + 1]))
      .map((c) => ({
        code: 'quote-without-page' as const,
        range: c.items[c.items.length - 1].range,
        message: `A direct quotation is cited as '${describeItem(analysis, c.items[c.items.length - 1])}' without a page`,
        fixes: [],
      }));
  },
};
