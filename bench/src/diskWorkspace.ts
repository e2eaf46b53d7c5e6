// The files the service may read, for service-alone runs: the product's own `FileWorkspace` (what the CLI
// and server pass in) when it is built, else a plain reader from disk of the same shape.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { outServer } from './paths';

type ServiceModule = typeof import('../../server/src/service');
export type CitationService = ReturnType<ServiceModule['createCitationService']>;

function pathOf(uri: string): string | null {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : null;
  } catch {
    return null;
  }
}

/** A minimal disk workspace: read files, list folders, no workspace-wide document list. */
function plainWorkspace(): object {
  return {
    readFile(uri: string) {
      const path = pathOf(uri);
      if (path === null) return undefined;
      try {
        const stat = statSync(path);
        return stat.isFile() ? { text: readFileSync(path, 'utf8'), version: `${stat.mtimeMs}:${stat.size}` } : undefined;
      } catch {
        return undefined;
      }
    },
    listFolder(uri: string) {
      const path = pathOf(uri);
      if (path === null) return undefined;
      try {
        return readdirSync(path);
      } catch {
        return undefined;
      }
    },
    listDocuments: () => [],
  };
}

function diskWorkspace(): object {
  const path = join(outServer(), 'fileWorkspace.js');
  if (existsSync(path)) {
    const loaded = require(path) as { FileWorkspace?: unknown };
    if (typeof loaded.FileWorkspace === 'function') {
      const FileWorkspace = loaded.FileWorkspace as new () => object; // the host class the CLI constructs the same way
      return new FileWorkspace();
    }
  }
  return plainWorkspace();
}

/** The service as the CLI builds it: default settings, files from disk. */
export function createBenchService(module: ServiceModule): CitationService {
  // The workspace's interface is still growing while libraries are wired in; the service checks its own
  // options, so the options are passed as the service declares them rather than re-declared here.
  const options = { config: { get: () => module.DEFAULT_SETTINGS }, workspace: diskWorkspace() } as Parameters<ServiceModule['createCitationService']>[0];
  return module.createCitationService(options);
}
