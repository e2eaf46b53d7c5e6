// "cited 3 times" above each entry of a reference list; a click lists the citations.
import type { CodeLens } from 'vscode-languageserver-types';
import { SHOW_CITATIONS_COMMAND } from '../../protocol';
import type { Analysis } from '../analysis';


export function getCodeLenses(analysis: Analysis): CodeLens[] {
  return analysis.model.entries.map((entry) => {
    const count = analysis.citedBy.get(entry.id)?.length ?? 0;
    const title = count === 0 ? 'not cited' : count === 1 ? 'cited once' : `cited ${count} times`;
    return {
      range: { start: entry.range.start, end: entry.range.start },
      command: { title, command: count === 0 ? '' : SHOW_CITATIONS_COMMAND, arguments: [analysis.document.uri, entry.range.start] },
    };
  });
}
