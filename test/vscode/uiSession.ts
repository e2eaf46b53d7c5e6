/// <reference lib="dom" />
// (The DOM types are for the callbacks of page.evaluate, which run in Chromium.)
/**
 * A fresh code-server with the packaged .vsix installed, a fresh workspace and a Chromium page on it: what the
 * UI tests drive. Everything waits on selectors or file-system events, never on time.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { installExtension, prepareDirs, RunningCodeServer, startCodeServer } from './codeServer';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface UiSessionOptions {
  readonly vsix: string;
  /** Files of the workspace, by relative path. */
  readonly files: Readonly<Record<string, string>>;
  readonly screenshotDir: string;
  /** How long one UI wait may take before the step fails (a guard; waits end when the UI is ready). */
  readonly stepTimeoutMs: number;
}

export class UiSession {
  private constructor(
    readonly page: Page,
    readonly workspace: string,
    private readonly server: RunningCodeServer,
    private readonly context: BrowserContext,
    private readonly root: string,
    private readonly screenshotDir: string,
    private readonly stepTimeoutMs: number,
  ) {}

  static async start(options: UiSessionOptions): Promise<UiSession> {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'citewright-ui-'));
    let server: RunningCodeServer | undefined;
    let context: BrowserContext | undefined;
    try {
      const dirs = prepareDirs(root);
      await installExtension(dirs, options.vsix);
      const workspace = path.join(root, 'workspace');
      for (const [name, text] of Object.entries(options.files)) {
        fs.mkdirSync(path.dirname(path.join(workspace, name)), { recursive: true });
        fs.writeFileSync(path.join(workspace, name), text);
      }
      server = await startCodeServer(dirs);
      context = await launchBrowser(root);
      context.setDefaultTimeout(options.stepTimeoutMs);
      const page = context.pages()[0] ?? await context.newPage();
      await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();
      fs.mkdirSync(options.screenshotDir, { recursive: true });
      return new UiSession(page, workspace, server, context, root, options.screenshotDir, options.stepTimeoutMs);
    } catch (error) {
      await context?.close();
      await server?.stop();
      fs.rmSync(root, { recursive: true, force: true });
      throw error;
    }
  }

  /** Saves a screenshot of the window as `NAME.png` in the screenshot folder and returns its path. */
  async screenshot(name: string): Promise<string> {
    const file = path.join(this.screenshotDir, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Opens a file by clicking its row in the Explorer, and waits for its editor. */
  async openFromExplorer(name: string): Promise<void> {
    await this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().click();
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
    await this.page.locator('.editor-instance .monaco-editor .view-line').first().waitFor();
  }

  /**
   * Where `text` is drawn in the active editor (its first occurrence), or only the first `length` characters
   * of it. Read from the rendered lines with a DOM Range, so it is the glyphs' real box.
   */
  async textRect(text: string, length = text.length): Promise<Rect> {
    const rect = await this.page.evaluate(({ wanted, size }) => {
      const lines = document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line');
      for (const line of Array.from(lines)) {
        const content = (line.textContent ?? '').replace(/\u00a0/g, ' ');
        const at = content.indexOf(wanted);
        if (at < 0) continue;
        // Map character offsets of the line to (text node, offset) pairs.
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        let seen = 0;
        let started = false;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const length = node.textContent?.length ?? 0;
          if (!started && at < seen + length) { range.setStart(node, at - seen); started = true; }
          if (started && at + size <= seen + length) { range.setEnd(node, at + size - seen); break; }
          seen += length;
        }
        const box = range.getBoundingClientRect();
        return { x: box.x, y: box.y, width: box.width, height: box.height };
      }
      return null;
    }, { wanted: text, size: length });
    if (!rect) throw new Error(`"${text}" is not drawn in the active editor`);
    return rect;
  }

  /** The active editor's line that contains `text` is drawn. */
  async waitForLine(text: string): Promise<void> {
    await this.page.locator('.editor-instance .monaco-editor .view-line', { hasText: text }).first().waitFor();
  }

  /**
   * Runs a command from the command palette (F1) by its full title, e.g. `Citewright: Insert Citation`:
   * waits until the palette has focused exactly that command before pressing Enter.
   */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await this.page.keyboard.insertText(title);
    await this.page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: title }).waitFor();
    await this.page.keyboard.press('Enter');
  }

  /**
   * The status bar item whose text (its `$(icon)` is drawn by CSS and has none) is exactly `expected`, after
   * trimming: waited for in the page, failing with the status bar's texts if it does not appear.
   */
  async waitForStatusItem(expected: string): Promise<void> {
    try {
      await this.page.waitForFunction((wanted) => Array.from(document.querySelectorAll('.statusbar-item'))
        .some((item) => (item.textContent ?? '').replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim() === wanted), expected);
    } catch (error) {
      const shown = await this.page.locator('.statusbar-item').evaluateAll((items) =>
        items.map((item) => (item.textContent ?? '').replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim()).filter((text) => text !== ''));
      throw new Error(`no status bar item reads "${expected}"; they read ${JSON.stringify(shown)}`, { cause: error });
    }
  }

  /** Resolves when the workspace file holds exactly `expected`: checked now and on every change event. */
  waitForFile(name: string, expected: string): Promise<void> {
    const file = path.join(this.workspace, name);
    return new Promise((resolve, reject) => {
      const read = (): string => fs.readFileSync(file, 'utf8');
      const done = (error?: Error): void => {
        watcher.close();
        clearTimeout(timer);
        if (error) reject(error); else resolve();
      };
      const check = (): void => { if (read() === expected) done(); };
      const watcher = fs.watch(path.dirname(file), (_event, changed) => { if (changed === path.basename(file)) check(); });
      const timer = setTimeout(() => done(new Error(`${name} did not become the expected text; it is:\n${read()}`)), this.stepTimeoutMs);
      check();
    });
  }

  /** Closes Chromium and stops code-server with all its processes, and removes the temporary folders. */
  async stop(): Promise<void> {
    try {
      await this.context.close();
    } finally {
      await this.server.stop();
      fs.rmSync(this.root, { recursive: true, force: true });
    }
  }
}
