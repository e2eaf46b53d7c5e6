// The settings the service reads; the host (LSP server or CLI) fills them from VS Code or a config file.
import { RULE_CODES, type RuleCode, type Severity } from './rules/rule';

export type RuleSetting = Severity | 'off';

export interface CitewrightSettings {
  /** Severity per rule code; a missing code keeps the rule's default. */
  readonly rules: Readonly<Partial<Record<RuleCode, RuleSetting>>>;
  /** Bibliography files for every document: absolute paths or URIs, or paths relative to the document. */
  readonly bibliographies: readonly string[];
  /** How bibliography entries are formatted: `harvard`, `apa`, `vancouver`, or a .csl file's path or style name. */
  readonly style: string;
  /** Documents larger than this many megabytes (a pasted dump, a log) are not checked. */
  readonly maxFileSize: number;
}

export const DEFAULT_SETTINGS: CitewrightSettings = { rules: {}, bibliographies: [], style: 'harvard', maxFileSize: 10 };

const RULE_SETTINGS = new Set<string>(['error', 'warning', 'information', 'hint', 'off']);

/**
 * Reads settings from untrusted JSON (VS Code configuration or a config file): anything of the wrong type
 * is dropped with a message rather than trusted.
 */
export function readSettings(raw: unknown, warn: (message: string) => void): CitewrightSettings {
  if (raw === null || raw === undefined) return DEFAULT_SETTINGS;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    warn(`Citewright settings should be an object, not ${Array.isArray(raw) ? 'a list' : typeof raw}; using the defaults`);
    return DEFAULT_SETTINGS;
  }
  const rulesRaw = (raw as { rules?: unknown }).rules;
  const rules: Partial<Record<RuleCode, RuleSetting>> = {};
  if (rulesRaw !== undefined && (typeof rulesRaw !== 'object' || rulesRaw === null || Array.isArray(rulesRaw))) {
    warn('citewright.rules should be an object of rule codes to severities; ignoring it');
  } else if (rulesRaw) {
    for (const [code, value] of Object.entries(rulesRaw)) {
      if (!(RULE_CODES as readonly string[]).includes(code)) warn(`citewright.rules.${code}: there is no rule '${code}'; ignoring it`);
      else if (typeof value === 'string' && RULE_SETTINGS.has(value)) rules[code as RuleCode] = value as RuleSetting;
      else warn(`citewright.rules.${code}: '${String(value)}' is not one of error, warning, information, hint, off`);
    }
  }
  const bibliographiesRaw = (raw as { bibliographies?: unknown }).bibliographies;
  let bibliographies: string[] = [];
  if (Array.isArray(bibliographiesRaw) && bibliographiesRaw.every((b) => typeof b === 'string')) bibliographies = bibliographiesRaw;
  else if (bibliographiesRaw !== undefined) warn('citewright.bibliographies should be a list of paths; ignoring it');
  const styleRaw = (raw as { style?: unknown }).style;
  let style = DEFAULT_SETTINGS.style;
  if (typeof styleRaw === 'string' && styleRaw.trim() !== '') style = styleRaw.trim();
  else if (styleRaw !== undefined) warn(`citewright.style should be a style name or a .csl path, not ${JSON.stringify(styleRaw)}; using harvard`);
  const sizeRaw = (raw as { maxFileSize?: unknown }).maxFileSize;
  let maxFileSize = DEFAULT_SETTINGS.maxFileSize;
  if (typeof sizeRaw === 'number' && Number.isFinite(sizeRaw) && sizeRaw > 0) maxFileSize = sizeRaw;
  else if (sizeRaw !== undefined) warn(`citewright.maxFileSize should be a positive number of megabytes, not ${JSON.stringify(sizeRaw)}; using ${maxFileSize}`);
  return { rules, bibliographies, style, maxFileSize };
}
