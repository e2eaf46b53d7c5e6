// Text from documents and bibliographies shown as Markdown in hovers and completions: keep its emphasis,
// never let it carry HTML or links (a `command:` link in a .bib must not become clickable).
export function escapeMarkdownText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\[/g, '\\[')
    .replace(/\]/g, '\\]')
    .replace(/`/g, '\\`');
}
