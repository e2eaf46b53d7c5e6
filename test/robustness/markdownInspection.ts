// Whether Markdown that Citewright shows (hovers, completion documentation) is inert: parsed with marked, the
// parser VS Code renders MarkdownString with, it must contain no HTML, no images (they would be fetched: a privacy
// leak) and no links other than web and mail links (never `command:`, `file:`, `vscode:` ...).
import assert from 'node:assert/strict';

/** The part of marked's token shape this check reads. */
interface MarkedToken {
  readonly type: string;
  readonly raw: string;
  readonly href?: string;
  readonly tokens?: readonly MarkedToken[];
  readonly items?: readonly MarkedToken[];
}

export interface MarkdownTools {
  /** Fails when `value` renders to HTML, an image, or a link that is not http(s) or mailto. */
  assertInert(value: string, what: string): void;
  /** The text a reader sees: `value` rendered to HTML, tags dropped, entities decoded. */
  renderedText(value: string): string;
}

const SAFE_LINK = /^(?:https?:|mailto:)/i;

function walk(tokens: readonly MarkedToken[], visit: (token: MarkedToken) => void): void {
  for (const token of tokens) {
    visit(token);
    if (token.tokens) walk(token.tokens, visit);
    if (token.items) walk(token.items, visit);
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };

function decodeEntities(html: string): string {
  return html.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#') && name !== '#39') return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Loads marked (an ES module) once. */
export async function loadMarkdownTools(): Promise<MarkdownTools> {
  const { Marked } = await import('marked');
  // VS Code renders hovers with GitHub-flavoured Markdown and line breaks kept.
  const marked = new Marked({ gfm: true, breaks: true, async: false });
  return {
    assertInert(value, what) {
      const tokens = marked.lexer(value) as unknown as MarkedToken[];
      walk(tokens, (token) => {
        assert.notEqual(token.type, 'html', `${what}: renders HTML ${JSON.stringify(token.raw)} from ${JSON.stringify(value)}`);
        assert.notEqual(token.type, 'image', `${what}: renders an image ${JSON.stringify(token.raw)} from ${JSON.stringify(value)}`);
        if (token.type === 'link' || token.type === 'def') {
          assert.ok(SAFE_LINK.test(token.href ?? ''), `${what}: renders a ${token.type} to ${JSON.stringify(token.href)} from ${JSON.stringify(value)}`);
        }
      });
    },
    renderedText(value) {
      const html = marked.parse(value) as string;
      return decodeEntities(html.replace(/<[^>]*>/g, '')).replace(/\n+$/, '');
    },
  };
}
