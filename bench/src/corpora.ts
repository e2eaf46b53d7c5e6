// Builds (or reuses) every corpus a run needs, deterministically, in one folder: the libraries in three
// formats, the documents, and probe documents that name one library each. citation-js converts the base
// entries to CSL-JSON and RIS once; that conversion is cached beside the corpora.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBaseBibliography, type BaseBibliography } from './baseEntries';
import { bibToCsl, cslToRis, type LibraryFormat } from './citationJs';
import { asCslItems, type CslItem } from './csl';
import { authorDateDocument, itemPages, pandocDocument, type GeneratedDocument } from './documents';
import { copyKey } from './names';
import { librarySlots, risRecordsById, scaledBib, scaledCsl, scaledRis, type Slot } from './libraries';
import { sizeLabel, type Profile } from './profiles';

/** Bump when anything generated changes shape, so that old corpora are rebuilt. */
const GENERATOR_VERSION = 5;

export const LIBRARY_FORMATS: readonly LibraryFormat[] = ['bib', 'json', 'ris'];

export interface LibraryFile {
  readonly size: number;
  readonly label: string;
  readonly format: LibraryFormat;
  readonly path: string;
  readonly bytes: number;
  /** The number of entries written (RIS and CSL-JSON have no `@string` or `@set` distinction: same count). */
  readonly entries: number;
  /** A key of the library, for probes. */
  readonly firstKey: string;
}

export type DocumentRole = 'essay' | 'thesis' | 'growth' | 'pandoc-thesis';

export interface DocumentFile {
  readonly id: string;
  readonly role: DocumentRole;
  readonly kind: 'author-date' | 'pandoc';
  readonly path: string;
  readonly bytes: number;
  readonly words: number;
  readonly citations: number;
  readonly listEntries: number;
  /** For the growth series: the scale factor. */
  readonly scale: number;
  /** Label of the library a pandoc document names. */
  readonly library: string | null;
  readonly missingKeys: readonly string[];
}

export interface ProbeFile {
  readonly library: LibraryFile;
  readonly path: string;
  /** Text before the probe's completion point (`[@` and a prefix of the key). */
  readonly completionOffset: number;
}

export interface Corpora {
  readonly dir: string;
  readonly baseSource: string;
  readonly baseEntries: number;
  readonly libraries: readonly LibraryFile[];
  readonly documents: readonly DocumentFile[];
  readonly probes: readonly ProbeFile[];
}

function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** The base entries converted by citation-js, cached by the base file's content. */
function baseConversions(dir: string, base: BaseBibliography): { items: Map<string, CslItem>; ris: Map<string, string> } {
  const bibText = `${base.strings}\n\n${base.entries.map((e) => e.text).join('\n\n')}\n`;
  const stamp = sha(bibText);
  const cslPath = join(dir, `base-${stamp}.csl.json`);
  const risPath = join(dir, `base-${stamp}.ris`);
  if (!existsSync(cslPath) || !existsSync(risPath)) {
    const items = bibToCsl(bibText);
    writeFileSync(cslPath, `${JSON.stringify(items, null, 2)}\n`);
    writeFileSync(risPath, cslToRis(items));
  }
  const items = asCslItems(JSON.parse(readFileSync(cslPath, 'utf8')));
  return { items: new Map(items.map((item) => [item.id, item])), ris: risRecordsById(readFileSync(risPath, 'utf8')) };
}

function writeIfChanged(path: string, text: string): void {
  if (existsSync(path) && statSync(path).size === Buffer.byteLength(text) && readFileSync(path, 'utf8') === text) return;
  writeFileSync(path, text);
}

export function buildCorpora(dir: string, profile: Profile, log: (m: string) => void): Corpora {
  mkdirSync(dir, { recursive: true });
  const base = loadBaseBibliography();
  const stamp = `${GENERATOR_VERSION}:${sha(JSON.stringify(profile))}:${sha(base.entries.map((e) => e.text).join('\n'))}`;
  const manifestPath = join(dir, 'manifest.json');
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { stamp?: unknown; corpora?: Corpora }; // our own file, checked by stamp
    const corpora = manifest.corpora;
    if (manifest.stamp === stamp && corpora && corpora.dir === dir &&
      [...corpora.libraries, ...corpora.documents, ...corpora.probes].every((f) => existsSync(f.path))) {
      log(`corpora: reusing ${dir}`);
      return corpora;
    }
  }
  const started = Date.now();
  const conversions = baseConversions(dir, base);
  const largest = Math.max(...profile.librarySizes);
  const allSlots = librarySlots(base, largest);
  const slotsOf = (size: number): Slot[] => (size === largest ? allSlots : librarySlots(base, size));

  const libraries: LibraryFile[] = [];
  for (const size of profile.librarySizes) {
    const slots = slotsOf(size);
    const label = sizeLabel(size);
    const texts: Record<LibraryFormat, string> = {
      bib: scaledBib(base, slots),
      json: `${JSON.stringify(scaledCsl(base, conversions.items, slots), null, 2)}\n`,
      ris: scaledRis(base, conversions.ris, slots),
    };
    for (const format of LIBRARY_FORMATS) {
      const path = join(dir, `library-${label}.${format}`);
      writeIfChanged(path, texts[format]);
      libraries.push({ size, label, format, path, bytes: Buffer.byteLength(texts[format]), entries: slots.length, firstKey: base.entries[slots[0].index].key });
    }
    log(`corpora: library ${label} (${(Buffer.byteLength(texts.bib) / 2 ** 20).toFixed(1)} MB .bib)`);
  }

  // Documents draw their entries from the largest library's CSL items.
  const items = scaledCsl(base, conversions.items, allSlots);
  const pages = itemPages(items);
  const documents: DocumentFile[] = [];
  const addDocument = (id: string, role: DocumentRole, doc: GeneratedDocument, scale: number, library: string | null) => {
    const path = join(dir, `${id}.md`);
    writeIfChanged(path, doc.text);
    documents.push({
      id, role, kind: library === null ? 'author-date' : 'pandoc', path, bytes: Buffer.byteLength(doc.text), words: doc.words,
      citations: doc.citations, listEntries: doc.listEntries, scale, library, missingKeys: doc.missingKeys,
    });
  };
  addDocument('essay', 'essay', authorDateDocument({ title: 'A generated essay', ...profile.essay, faultRate: 0.05, chapters: 0, seed: 1 }, items), 1, null);
  for (const scale of profile.growth) {
    const t = profile.thesis;
    const spec = {
      title: 'A generated thesis', words: t.words * scale, citations: t.citations * scale, listEntries: t.listEntries * scale,
      chapters: t.chapters * scale, faultRate: 0.02, seed: 2,
    };
    addDocument(`thesis-${scale}x`, scale === 1 ? 'thesis' : 'growth', authorDateDocument(spec, items), scale, null);
    log(`corpora: thesis ${scale}x`);
  }
  for (const size of profile.librarySizes) {
    const label = sizeLabel(size);
    const keys = slotsOf(size).map((s) => {
      const key = copyKey(base.entries[s.index].key, s.copy);
      return { key, pages: pages.get(key) ?? null };
    });
    const t = profile.thesis;
    const spec = {
      title: 'A generated pandoc thesis', words: t.words, citations: t.citations, distinctKeys: Math.min(keys.length, t.listEntries * 2),
      missingRate: 0.01, bibliography: `library-${label}.bib`, chapters: t.chapters, seed: 3,
    };
    addDocument(`pandoc-thesis-${label}`, 'pandoc-thesis', pandocDocument(spec, keys), 1, label);
  }

  const probes: ProbeFile[] = [];
  for (const library of libraries) {
    const head = `---\nbibliography: ${library.path.slice(dir.length + 1)}\n---\n\nA probe citing one work [@${library.firstKey}] and one being typed [@`;
    const typed = library.firstKey.slice(0, Math.max(1, library.firstKey.length - 1));
    const text = `${head}${typed}].\n`;
    const path = join(dir, `probe-${library.label}-${library.format}.md`);
    writeIfChanged(path, text);
    probes.push({ library, path, completionOffset: head.length + typed.length });
  }

  const corpora: Corpora = { dir, baseSource: base.source, baseEntries: base.entries.length, libraries, documents, probes };
  writeFileSync(manifestPath, `${JSON.stringify({ stamp, corpora }, null, 2)}\n`);
  log(`corpora: built in ${((Date.now() - started) / 1000).toFixed(1)} s in ${dir}`);
  return corpora;
}
