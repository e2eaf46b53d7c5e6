/**
 * Debian's Chromium driven by playwright-core (playwright's own browser downloads do not work here).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BrowserContext, chromium } from 'playwright-core';
import { chromiumPath } from './paths';

/** Without the networking flags Chromium keeps trying to reach Google's hosts, which this network refuses. */
export const chromiumArgs: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A headless Chromium with a fresh profile in `root/chromium-profile`; closing the context ends it. */
export async function launchBrowser(root: string): Promise<BrowserContext> {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`${chromiumPath} is missing: run .ci/setup-vscode.sh first (installs Debian's chromium)`);
  }
  const profile = path.join(root, 'chromium-profile');
  fs.mkdirSync(profile, { recursive: true });
  return chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [...chromiumArgs],
    viewport: { width: 1280, height: 800 },
  });
}
