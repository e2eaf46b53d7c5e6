// URI arithmetic for file: URIs without node's path module (the service must run anywhere).

/** The folder URI of a file URI, with a trailing slash. */
export function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1);
}

export function baseName(uri: string): string {
  const name = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** A lone UTF-16 surrogate (invalid text pasted into a path) cannot be put in a URI: it becomes U+FFFD. */
function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** Resolves a path as written in a document (relative to it, or absolute) to a URI. */
export function resolvePath(documentUri: string, path: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return path;
  const encoded = path.split('/').map((part) => encodeURIComponent(wellFormed(part))).join('/');
  if (path.startsWith('/')) return new URL(`file://${encoded}`).href;
  return new URL(encoded, documentUri).href;
}
