// UI checks in code-server with the packaged .vsix installed: what a user sees. Usage:
//   node test/e2e/ui.mjs <workspace folder> <artifacts folder>
// The workspace holds report.txt (seed 002, line 153 says 7 instead of 4), report.md (a markdown report
// with a planted error), variant.md (a header with its 其他 column and two misspelt rows, nothing wrong),
// notes.txt (not a report) and word-report.docx (seed 002 as a Word file with the same wrong number). Each check is counted; each takes a screenshot into
// the artifacts folder (failure-<n>.png on failure). With E2E_SCREENSHOTS=1 the README's three pictures
// in docs/images/ are written too.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, workbenchUrl } from './browser.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const [folder, artifacts] = process.argv.slice(2);
const README_IMAGES = process.env.E2E_SCREENSHOTS === '1' ? join(ROOT, 'docs', 'images') : null;
const SECTIONS = ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'];
mkdirSync(artifacts, { recursive: true });
if (README_IMAGES) mkdirSync(README_IMAGES, { recursive: true });

const { page, close } = await launch({ width: 1280, height: 800 });
page.setDefaultTimeout(30_000);
const editor = page.locator('.editor-instance .monaco-editor').first();

let passed = 0;
let failed = 0;
let n = 0;
async function check(name, fn) {
  const t0 = Date.now();
  // Each check starts from a quiet workbench: no menu, hover or quick input left open by the one before.
  await page.keyboard.press('Escape').catch(() => undefined);
  await page.keyboard.press('Escape').catch(() => undefined);
  const shot = `${String(++n).padStart(2, '0')}`;
  try {
    await fn();
    passed++;
    console.log(`  PASS ui: ${name} (${Date.now() - t0} ms)`);
    await page.screenshot({ path: join(artifacts, `${shot}.png`) }).catch(() => undefined);
  } catch (e) {
    failed++;
    console.log(`  FAIL ui: ${name} — ${String(e?.message ?? e).split('\n')[0]}`);
    await page.screenshot({ path: join(artifacts, `failure-${shot}.png`) }).catch(() => undefined);
  }
}

async function readmeShot(name) {
  if (README_IMAGES) await page.screenshot({ path: join(README_IMAGES, name) });
}

async function command(title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

async function openFile(name) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.fill(name);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: name }).waitFor();
  await editor.locator('.view-lines').waitFor();
}

async function goToLine(line) {
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').fill(`:${line}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/**
 * The on-screen boxes of every `text` on the rendered line that contains height `y` (inlay hints are
 * rendered text too, so the caller picks the one it means by position).
 */
async function glyphBoxes(y, text) {
  return page.evaluate(
    ({ y, text }) => {
      const boxes = [];
      for (const line of document.querySelectorAll('.editor-instance .view-lines .view-line')) {
        const r = line.getBoundingClientRect();
        if (y < r.top || y > r.bottom) continue;
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (let at = node.textContent.indexOf(text); at !== -1; at = node.textContent.indexOf(text, at + 1)) {
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + text.length);
            const b = range.getBoundingClientRect();
            boxes.push({ x: b.left, width: b.width, cls: node.parentElement.className });
          }
        }
      }
      return boxes;
    },
    { y, text },
  );
}

/** The text of the rendered line at height `y`, without inlay hints (monaco's `dyn-rule-*` spans). */
async function lineText(y) {
  return page.evaluate((y) => {
    for (const line of document.querySelectorAll('.editor-instance .view-lines .view-line')) {
      const r = line.getBoundingClientRect();
      if (y < r.top || y > r.bottom) continue;
      let text = '';
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) if (!/dyn-rule/.test(node.parentElement.className)) text += node.textContent;
      return text.replace(/\u00a0/g, ' ');
    }
    return null;
  }, y);
}

/** Is there a `text` on the line at height `y` whose box is the box `s` (within 2 px)? */
async function textUnder(s, text) {
  const boxes = await glyphBoxes(s.y + s.height / 2, text);
  return { found: boxes.some((g) => Math.abs(g.x - s.x) <= 2 && Math.abs(g.width - s.width) <= 2), boxes };
}

/**
 * The box of a decoration, polled: monaco re-renders decorations whenever diagnostics, hints or lenses
 * arrive, so an element found a moment ago may be gone (box null) until the next frame.
 */
async function boxOf(locator, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const box = await locator.boundingBox({ timeout: 1000 }).catch(() => null);
    if (box) return box;
    if (Date.now() > deadline) throw new Error('the decoration did not settle on screen');
    await page.waitForTimeout(100);
  }
}

const problems = page.locator('.markers-panel .monaco-list-row');
let squiggle;

/**
 * The hover's texts once one satisfies `wanted`, else the last seen. Polled; every few tries it is asked
 * again, after `refocus` (the cursor put back on the word) if given, by turns with the Ctrl+K Ctrl+I chord
 * and with the command palette's "Show or Focus Hover": a CI run once saw no hover at all in 32 tries of
 * the chord alone (a chord is lost when the keyboard focus is not in the editor; the palette's command
 * acts on the active editor wherever the focus was).
 */
async function hoverTexts(wanted, refocus) {
  let seen = [];
  // Up to 20 s: on a fresh machine's first run (code-server compiling its assets) a hover took over 10 s to
  // fill in once, while the diagnostic's part was already there.
  for (let tries = 0; tries < 80; tries++) {
    if (tries % 5 === 0) {
      if (tries > 0 && refocus) await refocus();
      if ((tries / 5) % 2 === 0) {
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
      } else {
        await command('Show or Focus Hover').catch(() => page.keyboard.press('Escape'));
      }
    }
    await page.waitForTimeout(250);
    seen = await page.locator('.monaco-hover:not(.hidden)').allInnerTexts();
    if (seen.some(wanted)) break;
  }
  return seen;
}

await check('the workbench loads with the packaged extension installed', async () => {
  await page.goto(workbenchUrl(folder));
  await page.locator('.monaco-workbench').waitFor();
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'report.txt' }).waitFor();
});

await check('report.txt: a squiggle on exactly the wrong number (line 153, the "7")', async () => {
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'report.txt' }).click();
  await page.locator('.tab.active', { hasText: 'report.txt' }).waitFor();
  await goToLine(153);
  squiggle = editor.locator('.squiggly-error').filter({ visible: true }).first();
  await squiggle.waitFor();
  // Polled too: the line can still move when the inlay hints before the number arrive.
  let s, found, boxes;
  for (let tries = 0; tries < 20 && !found; tries++) {
    if (tries > 0) await page.waitForTimeout(150);
    s = await boxOf(squiggle);
    ({ found, boxes } = await textUnder(s, '7'));
  }
  if (!found) throw new Error(`squiggle ${JSON.stringify(s)} is not under a "7" of its line: ${JSON.stringify(boxes)}`);
  const text = await lineText(s.y + s.height / 2);
  if (text.trim() !== '7') throw new Error(`the squiggle's line reads ${JSON.stringify(text)}`);
});

await check('the language status shows the detected template and year', async () => {
  await page.locator('[id="status.languageStatus"]').click();
  const item = page.locator('.hover-language-status', { hasText: '年版' }).first();
  await item.waitFor();
  const text = await item.innerText();
  if (!text.includes('2019 年版') || !text.includes('2020 年度')) throw new Error(`language status: ${text}`);
  await page.keyboard.press('Escape');
});

await check('hovering the number shows its table, row and column', async () => {
  // The decoration spans the line's height: its middle is on the number. The cursor goes there and
  // Ctrl+K Ctrl+I shows the hover (a resting mouse pointer is less dependable headless). The hover
  // fills in parts (the diagnostic's, then ours) and can be re-laid out, so its text is polled.
  const onNumber = async () => {
    // Whatever still holds the focus (the language status hover of the check before) lets go first; then
    // the cursor goes on the number by Go to Line (a click there once left it at column 1 of a line not
    // yet painted: the hover asked for was then nobody's), and the pointer rests on it too.
    await page.keyboard.press('Escape');
    await goToLine('153:2');
    const s = await boxOf(squiggle);
    await page.mouse.move(s.x + s.width / 2, s.y + s.height / 2);
  };
  await onNumber();
  const want = ['表三', '予以公开', '自然人'];
  // Seen once in a fresh run: the first request showed nothing; the cursor is put back and it is asked again.
  const seen = await hoverTexts((t) => want.every((w) => t.includes(w)), onNumber);
  if (!seen.some((t) => want.every((w) => t.includes(w)))) throw new Error(`hover: ${JSON.stringify(seen)}`);
  await page.keyboard.press('Escape');
});

await check('the Problems panel shows the Chinese message with the rule code', async () => {
  await page.mouse.move(5, 400);
  await page.keyboard.press('Control+Shift+M');
  const row = problems.filter({ hasText: 'XR101' }).first();
  await row.waitFor();
  const text = await row.innerText();
  if (!text.includes('此处应为 4，实际为 7')) throw new Error(`row: ${text}`);
  await editor.locator('.view-lines').click();
  await goToLine(153);
  await readmeShot('squiggle.png');
});

await check('Ctrl+. offers "改为 4"; Enter applies it; the number is right and the problem is gone', async () => {
  const s = await boxOf(squiggle);
  await page.mouse.click(s.x + 1, s.y + s.height / 2);
  await page.keyboard.press('Control+.');
  const wanted = page.locator('.action-widget .monaco-list-row', { hasText: '改为 4' }).first();
  await wanted.waitFor();
  await readmeShot('quick-fix.png');
  for (let i = 0; i < 12; i++) {
    const focused = page.locator('.action-widget .monaco-list-row.focused').first();
    if ((await focused.count()) > 0 && (await focused.innerText()).includes('改为 4')) break;
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  await editor.locator('.squiggly-error').filter({ visible: true }).first().waitFor({ state: 'detached' });
  let text = '';
  for (let tries = 0; tries < 20 && text.trim() !== '4'; tries++) {
    if (tries > 0) await page.waitForTimeout(150);
    text = (await lineText(s.y + s.height / 2)) ?? '';
  }
  if (text.trim() !== '4') throw new Error(`line 153 now reads ${JSON.stringify(text)}`);
  await problems.filter({ hasText: 'XR101' }).first().waitFor({ state: 'detached' });
});

await check('a code lens above each table reports its totals', async () => {
  await goToLine(118);
  // After the fix the lens of table 三 is refreshed: every identity holds.
  const lens = editor.locator('.codelens-decoration', { hasText: '表三' }).first();
  await lens.waitFor();
  await editor.locator('.codelens-decoration', { hasText: '表三：勾稽关系全部成立' }).first().waitFor({ timeout: 10_000 }).catch(async () => {
    throw new Error(`lens: ${await lens.innerText()}`);
  });
});

await check('the Outline view lists the six sections', async () => {
  await page.keyboard.press('Control+J'); // the panel away: room for the outline
  await command('Explorer: Focus on Outline View');
  // The folder's pane folded too, so that the whole outline shows (and the README picture has it all).
  await page.locator('.pane-header', { hasText: 'WS' }).first().click().catch(() => undefined);
  const rows = page.locator('.outline-pane .monaco-list-row');
  await rows.filter({ hasText: SECTIONS[5] }).first().waitFor();
  const texts = await rows.allInnerTexts();
  const at = SECTIONS.map((s) => texts.findIndex((t) => t.includes(s)));
  if (at.some((i) => i < 0) || at.some((i, k) => k > 0 && i < at[k - 1])) throw new Error(`outline: ${JSON.stringify(texts)}`);
  await readmeShot('outline.png');
});

await check('report.md: the markdown report gets a squiggle and its problem', async () => {
  await openFile('report.md');
  await page.keyboard.press('Control+Shift+M');
  await problems.filter({ hasText: 'report.md' }).first().waitFor();
  const row = problems.filter({ hasText: /XR1\d\d/ }).first();
  await row.waitFor();
  const line = Number(/\[(?:Ln|行) (\d+)/.exec(await row.innerText())?.[1]);
  if (!line) throw new Error(`no line in ${await row.innerText()}`);
  await goToLine(line);
  await editor.locator('.squiggly-error').filter({ visible: true }).first().waitFor();
});

await check('variant.md: the header\'s 其他 column and the misspelt rows get no error or warning, only their notices', async () => {
  await openFile('variant.md');
  const viewText = () => page.evaluate(() => [...document.querySelectorAll('.editor-instance .view-lines .view-line')].map((l) => l.textContent.replace(/\u00a0/g, ' ')));
  const noErrorOrWarning = async () => {
    const bad = await editor.locator('.squiggly-error, .squiggly-warning').count();
    if (bad !== 0) throw new Error(`${bad} error or warning squiggles in variant.md`);
  };
  // Table 三's header (line 43, with its 其他 column), then the two misspelt rows (lines 51 and 61).
  await goToLine(47);
  await editor.locator('.squiggly-info').filter({ visible: true }).first().waitFor();
  await page.waitForTimeout(500);
  if (!(await viewText()).some((t) => t.includes('商业企业') && / 其他 \|/.test(t))) throw new Error('the header row with 其他 is not in view');
  await noErrorOrWarning();
  await goToLine(58);
  await page.waitForTimeout(500);
  const lines = await viewText();
  if (!lines.some((t) => t.includes('2.重申')) || !lines.some((t) => t.includes('4.保护第三方合法 |'))) throw new Error('the misspelt rows are not in view');
  if ((await editor.locator('.squiggly-info').filter({ visible: true }).count()) < 2) throw new Error('no notice on each misspelt row');
  await noErrorOrWarning();
  // The Problems panel, filtered to this file: the two notices (XR012), and no row 3.其他.
  await page.keyboard.press('Control+Shift+M');
  const filter = page.locator('.markers-panel-action-filter input, .viewpane-filter input').first();
  await filter.fill('variant.md');
  await problems.filter({ hasText: '2.重申' }).filter({ hasText: 'XR012' }).first().waitFor();
  await problems.filter({ hasText: '4.保护第三方合法' }).filter({ hasText: 'XR012' }).first().waitFor();
  if ((await problems.filter({ hasText: '3.其他' }).count()) !== 0) throw new Error('a problem names the row 3.其他: the header cell 其他 was read as a row');
  await filter.fill('');
  await page.keyboard.press('Control+W');
});

await check('notes.txt (not a report) gets no problems', async () => {
  await openFile('notes.txt');
  // The server answers in order: once report.md's findings are back, a quiet second shows notes.txt has none.
  await page.waitForTimeout(1500);
  const rows = await problems.filter({ hasText: 'notes.txt' }).count();
  if (rows !== 0) throw new Error(`${rows} problem rows for notes.txt`);
  if ((await editor.locator('.squiggly-error, .squiggly-warning, .squiggly-info').count()) !== 0) throw new Error('squiggles in notes.txt');
});

await check('word-report.docx: "Open as Text Report" from the explorer opens word-report.md with the squiggle under the wrong total', async () => {
  // The outline check folded the folder's pane: open it again.
  const pane = page.locator('.pane-header', { hasText: 'WS' }).first();
  if ((await pane.getAttribute('aria-expanded')) === 'false') await pane.click();
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'word-report.docx' }).first();
  await row.click({ button: 'right' });
  const item = page.locator('.context-view .action-item', { hasText: 'Open as Text Report' }).first();
  await item.waitFor();
  await item.hover();
  await readmeShot('open-as-text.png');
  await item.click();
  const opened = page.locator('.tab.active', { hasText: 'word-report.md' });
  // Now and then the menu swallows the first click (it stays open, the item highlighted): choose it again.
  try {
    await opened.waitFor({ timeout: 5000 });
  } catch {
    if (await item.isVisible()) await item.click();
    await opened.waitFor();
  }
  await page.keyboard.press('Control+Shift+M');
  // Filtered to this file: the other files' problems (and their related rows) would push it out of view.
  const filter = page.locator('.markers-panel-action-filter input, .viewpane-filter input').first();
  await filter.fill('word-report.md');
  const problem = problems.filter({ hasText: '此处应为 4，实际为 7' }).first();
  await problem.waitFor();
  const line = Number(/\[(?:Ln|行) (\d+)/.exec(await problem.innerText())?.[1]);
  if (!line) throw new Error(`no line in ${await problem.innerText()}`);
  await goToLine(line);
  const s = await boxOf(editor.locator('.squiggly-error').filter({ visible: true }).first());
  let found = false;
  let boxes = [];
  for (let tries = 0; tries < 20 && !found; tries++) {
    if (tries > 0) await page.waitForTimeout(150);
    ({ found, boxes } = await textUnder(await boxOf(editor.locator('.squiggly-error').filter({ visible: true }).first()), '7'));
  }
  if (!found) throw new Error(`squiggle ${JSON.stringify(s)} is not under a "7": ${JSON.stringify(boxes)}`);
  // The language status says where the text came from.
  await page.locator('[id="status.languageStatus"]').click();
  await page.locator('.hover-language-status', { hasText: '转换自 word-report.docx' }).first().waitFor();
  await page.keyboard.press('Escape');
});

// Issue 11: the text against its table, and last year's report.
await check('report.txt: the XR401 squiggle sits on the 9 of “不予公开”的9件 (line 25), and its hover names the cells', async () => {
  await page.locator('.tab', { hasText: 'report.txt' }).first().click();
  await page.locator('.tab.active', { hasText: 'report.txt' }).waitFor();
  await goToLine('25:117');
  const on25 = async () => {
    const boxes = await editor.locator('.squiggly-warning').evaluateAll((els) => els.map((e) => { const r = e.getBoundingClientRect(); return { x: r.left, y: r.top, width: r.width, height: r.height }; }));
    for (const s of boxes) {
      if (s.width === 0) continue;
      const text = await lineText(s.y + s.height / 2);
      if (text && text.includes('“不予公开”的9件') && (await textUnder(s, '9')).found) return s;
    }
    return null;
  };
  let s = null;
  for (let tries = 0; tries < 40 && !s; tries++) {
    if (tries > 0) await page.waitForTimeout(250);
    s = await on25();
  }
  if (!s) throw new Error('no warning squiggle under the 9 of line 25');
  const onNine = async () => {
    await page.keyboard.press('Escape');
    await page.mouse.click(s.x + 1, s.y + s.height / 2);
  };
  await onNine();
  const seen = await hoverTexts((t) => t.includes('XR401') && t.includes('（三）不予公开'), onNine);
  if (!seen.some((t) => t.includes('XR401') && t.includes('（三）不予公开'))) throw new Error(`hover: ${JSON.stringify(seen)}`);
  await page.keyboard.press('Escape');
});

await check('cross/2023: the carry-over warning, and its related link opens last year\'s report', async () => {
  await editor.locator('.view-lines').click();
  await openFile('2023-示例县城市管理局.md');
  await page.keyboard.press('Control+Shift+M');
  // The list is virtual (rows off screen are not in the page): filter it to the carry-over problems.
  const filter = page.getByPlaceholder(/^Filter|^筛选/).first();
  await filter.fill('上年结转');
  // Last year's report is found by the server's workspace index, in the background: the finding may come a moment later.
  const row = problems.filter({ hasText: 'XR501' }).filter({ hasText: '上年结转「总计」为 4' }).first();
  await row.waitFor({ timeout: 30_000 });
  const text = await row.innerText();
  if (!text.includes('2022 年度报告（2022-示例县城市管理局.md）')) throw new Error(`row: ${text}`);
  // The related information is a row of its own under the problem: last year's file and place.
  const related = problems.filter({ hasText: '四、结转下年度继续办理·总计：3' }).first();
  await related.waitFor();
  await related.click();
  await page.locator('.tab.active', { hasText: '2022-示例县城市管理局.md' }).waitFor();
  await filter.fill('');
});

await close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
