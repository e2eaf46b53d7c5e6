/**
 * Citewright inside a real VS Code (code-server 1.139 with a Node extension host, driven by Debian's
 * Chromium through playwright-core), run by node's test runner as part of `node --test`:
 *   1. the extension-host mocha suite (test/vscode/suite/) against the development build (out/);
 *   2. UI tests of the packaged citewright.vsix installed into a fresh code-server.
 * Needs `.ci/setup-vscode.sh` (test/run-all.sh runs it) and `npm run package`; without them the tests fail.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it, test } from 'node:test';
import { runExtensionHostSuite } from './extensionHostRun';
import { extensionTestsPath, repoRoot, testOutputDir, vsixPath, workspaceFixture } from './paths';
import {
  DRAFT, DRAFT_FIX_TITLE, DRAFT_FIXED, DRAFT_FIXED_STATUS, DRAFT_INSERTED_LINE, DRAFT_INSERTED_STATUS, DRAFT_NAME, DRAFT_PROBLEM,
  DRAFT_STATUS, INSERT_CITATION_COMMAND, INSERT_CITATION_PLACEHOLDER, INSERT_PROSE,
} from './uiFixtures';
import type { Page } from 'playwright-core';
import { Rect, UiSession } from './uiSession';

/** Guards against a hung run (the runs end on events long before). */
const SUITE_TIMEOUT_MS = 10 * 60_000;

test('extension-host suite (mocha inside code-server\'s extension host)', { timeout: SUITE_TIMEOUT_MS }, async (t) => {
  assert.ok(fs.existsSync(extensionTestsPath), `${extensionTestsPath} is missing: build with \`npx tsc -b\` first`);
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'citewright-workspace-'));
  try {
    fs.cpSync(workspaceFixture, workspace, { recursive: true });
    const run = await runExtensionHostSuite({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      workspace,
      timeoutMs: SUITE_TIMEOUT_MS - 30_000,
    });
    // The workbench's own complaints (no gallery, no GitHub sign-in on this network) are not the suite's.
    const report = `extension host log:\n${run.log.filter((line) => !line.includes('workbench.js:')).join('\n')}`;
    for (const result of run.results) {
      const name = result.titlePath.join(' › ');
      if (result.state === 'pending') {
        await t.test(name, { skip: 'pending in the mocha suite (it.skip)' }, () => undefined);
      } else {
        await t.test(name, () => {
          if (result.state === 'failed') assert.fail(result.error ?? 'failed');
        });
      }
    }
    assert.ok(run.results.length > 0, `the suite reported no test\n${report}`);
    assert.equal(run.exitCode, 0, `the extension-host suite failed (exit code ${run.exitCode})\n${report}`);
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
});

/** Screenshots of the UI steps; `CITEWRIGHT_UPDATE_IMAGES=1` also copies the README's few into images/. */
const screenshotDir = path.join(testOutputDir, 'screenshots');
const readmeImages: Readonly<Record<string, string>> = {
  '02-problems': 'problems-panel.png',
  '03-quick-fix-menu': 'quick-fix.png',
  '05-completion': 'completion.png',
  '07-hover': 'hover.png',
};
const STEP_TIMEOUT_MS = 60_000;

describe('packaged citewright.vsix in a fresh code-server', { timeout: SUITE_TIMEOUT_MS }, () => {
  let session: UiSession | undefined;
  const ui = (): UiSession => {
    if (!session) throw new Error('code-server did not start');
    return session;
  };
  /** A UI step: a test that leaves a screenshot of the window when it fails. */
  const step = (name: string, body: (page: Page) => Promise<void>): void => {
    it(name, async () => {
      try {
        await body(ui().page);
      } catch (error) {
        await session?.screenshot(`failed-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 50)}`);
        throw error;
      }
    });
  };

  before(async () => {
    assert.ok(fs.existsSync(vsixPath), `${vsixPath} is missing: run \`npm run package\` first`);
    session = await UiSession.start({
      vsix: vsixPath, files: { [DRAFT_NAME]: DRAFT }, screenshotDir, stepTimeoutMs: STEP_TIMEOUT_MS,
    });
  });

  after(async () => {
    await session?.stop();
    if (process.env.CITEWRIGHT_UPDATE_IMAGES === '1') {
      for (const [shot, image] of Object.entries(readmeImages)) {
        fs.copyFileSync(path.join(screenshotDir, `${shot}.png`), path.join(repoRoot, 'images', image));
      }
    }
  });

  step('underlines the misspelt author in a document it has never seen', async (page) => {
    await ui().openFromExplorer(DRAFT_NAME);
    const squiggles = page.locator('.editor-instance .monaco-editor .squiggly-error');
    await squiggles.first().waitFor();
    assert.equal(await squiggles.count(), 1);
    const squiggle = await squiggles.first().boundingBox();
    const word = await ui().textRect('Breslaur 1980', 'Breslaur'.length);
    assert.ok(squiggle, 'the squiggle has no box');
    assertSameSpan(squiggle, word);
    // The status bar counts the draft's citations and its problem.
    await ui().waitForStatusItem(DRAFT_STATUS);
    await ui().screenshot('01-squiggle');
  });

  step('lists the problem in the Problems panel', async (page) => {
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-rows .monaco-list-row');
    const problem = rows.filter({ hasText: DRAFT_PROBLEM });
    await problem.waitFor();
    // One row for the file, one for its only problem.
    assert.equal(await rows.count(), 2);
    // Message, source, code and position (the brackets around the code are drawn by CSS).
    assert.equal(normalise(await problem.innerText()), `${DRAFT_PROBLEM} citewright misspelled-author [Ln 3, Col 50]`);
    await ui().screenshot('02-problems');
  });

  step('applies the quick fix from the light bulb menu and the text changes', async (page) => {
    // A double click moves the cursor to the problem and the focus into the editor.
    await page.locator('.markers-panel .monaco-list-row', { hasText: DRAFT_PROBLEM }).dblclick();
    await page.locator('.statusbar-item', { hasText: 'Ln 3, Col 58 (8 selected)' }).waitFor();
    await page.locator('.editor-instance .monaco-editor.focused').waitFor();
    await page.keyboard.press('Control+.');
    const action = page.locator('.action-widget .monaco-list-row', { hasText: DRAFT_FIX_TITLE }).first();
    await action.waitFor();
    await ui().screenshot('03-quick-fix-menu');
    await action.hover();
    await page.keyboard.press('Enter');
    await ui().waitForLine('(Breslauer 1980: p.51)');
    await page.locator('.editor-instance .monaco-editor .squiggly-error').first().waitFor({ state: 'detached' });
    // The status bar follows the fix.
    await ui().waitForStatusItem(DRAFT_FIXED_STATUS);
    await page.keyboard.press('Control+S');
    await ui().waitForFile(DRAFT_NAME, DRAFT_FIXED);
    await ui().screenshot('04-fixed');
  });

  step('lists the entries in the suggest widget after typing `(`, and inserts the chosen citation', async (page) => {
    await page.locator('.editor-instance .monaco-editor .view-line').first().click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.type('Most historians agree (');
    const rows = page.locator('.suggest-widget.visible .monaco-list-row');
    await rows.first().waitFor();
    await ui().screenshot('05-completion');
    // Each row's accessible name: the item's label and kind.
    const labels = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label')));
    assert.deepEqual(labels, ['Breslauer 1980, Reference', 'Tompson 1997, Reference']);
    assert.equal(normalise(await rows.first().locator('.details-label').innerText()), 'Khrushchev Reconsidered');
    await page.keyboard.type('Tomp');
    await page.locator('.suggest-widget.visible .monaco-list-row.focused', { hasText: 'Tompson 1997' }).waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.type('142');
    await page.keyboard.press('Control+S');
    const lines = DRAFT_FIXED.split('\n');
    lines.splice(1, 1, 'Most historians agree (Tompson 1997: p.142)');
    await ui().waitForFile(DRAFT_NAME, lines.join('\n'));
    await ui().screenshot('06-completion-inserted');
  });

  step('shows the entry, formatted, when the mouse rests on a citation', async (page) => {
    await page.keyboard.press('Escape');
    const word = await ui().textRect('Tompson 1997: p.142).', 'Tompson'.length);
    await page.mouse.move(word.x + word.width / 2, word.y + word.height / 2);
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'A Political Life' });
    await hover.waitFor();
    // The entry as written in the list, then how often it is cited (the new citation of line 2 included).
    assert.equal(normalise(await hover.innerText()),
      'Tompson, W. J. (1997) Khrushchev: A Political Life. Basingstoke: Macmillan Cited 2 times (lines 2, 3)');
    // The entry's *emphasis* is rendered, not shown as asterisks.
    assert.equal(await hover.locator('em', { hasText: 'Khrushchev: A Political Life' }).count(), 1);
    await ui().screenshot('07-hover');
  });

  step('inserts the work chosen in the "Insert Citation" quick pick, in the draft\'s style', async (page) => {
    await page.keyboard.press('Escape');
    await page.locator('.editor-instance .monaco-editor .view-line').first().click();
    await page.locator('.editor-instance .monaco-editor.focused').waitFor();
    // The end of line 2, `Most historians agree (Tompson 1997: p.142)`.
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await page.keyboard.insertText(INSERT_PROSE);
    await ui().runCommand(INSERT_CITATION_COMMAND);
    await page.locator(`.quick-input-widget .quick-input-box input[placeholder="${INSERT_CITATION_PLACEHOLDER}"]`).waitFor();
    const rows = page.locator('.quick-input-widget .monaco-list-row');
    await rows.filter({ hasText: 'Breslauer 1980' }).waitFor();
    await ui().screenshot('08-insert-citation');
    // Both works of the list, by author and year, with their titles.
    assert.deepEqual((await rows.allInnerTexts()).map(normalise),
      ['Breslauer 1980 Khrushchev Reconsidered', 'Tompson 1997 Khrushchev: A Political Life']);
    await page.keyboard.type('Bresl');
    await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: 'Breslauer 1980' }).waitFor();
    await page.keyboard.press('Enter');
    await ui().waitForLine(DRAFT_INSERTED_LINE);
    await page.keyboard.press('Control+S');
    const lines = DRAFT_FIXED.split('\n');
    lines.splice(1, 1, DRAFT_INSERTED_LINE);
    await ui().waitForFile(DRAFT_NAME, lines.join('\n'));
    await ui().waitForStatusItem(DRAFT_INSERTED_STATUS);
  });

  step('opens the Problems panel from the status bar item', async (page) => {
    // The panel is open since the second step: hide it first.
    const problems = page.locator('.markers-panel');
    await ui().runCommand('View: Hide Panel');
    await problems.waitFor({ state: 'hidden' });
    await ui().waitForStatusItem(DRAFT_INSERTED_STATUS);
    await page.locator('.statusbar-item', { hasText: 'citations' }).click();
    await problems.waitFor({ state: 'visible' });
    await ui().screenshot('09-status-bar-problems');
  });
});

/** Monaco draws spaces as no-break spaces; the rows of lists have line breaks between their parts. */
function normalise(text: string): string {
  return text.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The squiggle spans the word: same left edge and width, to the pixel. */
function assertSameSpan(squiggle: Rect, word: Rect): void {
  assert.ok(Math.abs(squiggle.x - word.x) <= 1.5 && Math.abs(squiggle.width - word.width) <= 1.5,
    `the squiggle (x ${squiggle.x}, width ${squiggle.width}) is not under the word (x ${word.x}, width ${word.width})`);
}
