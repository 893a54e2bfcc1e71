// Shared by host-tests.mjs and ui.mjs: Debian's Chromium driven by playwright-core (no browser download),
// with a throw-away profile under $TMPDIR.
import { mkdtempSync, rmSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const PORT = process.env.CS_PORT;
export const BASE = `http://127.0.0.1:${PORT}`;
export const remote = (path) => `vscode-remote://127.0.0.1:${PORT}${path}`;

export async function launch(viewport = { width: 1280, height: 800 }) {
  if (!PORT) throw new Error('CS_PORT is not set: start code-server first (test/e2e/start-server.sh)');
  const profile = mkdtempSync(`${process.env.TMPDIR ?? '/tmp'}/chromium-`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport,
    locale: 'zh-CN',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--font-render-hinting=none'],
  });
  const close = async () => {
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, page: context.pages()[0] ?? (await context.newPage()), close };
}

export function workbenchUrl(folder, payload) {
  let url = `${BASE}/?folder=${encodeURIComponent(folder)}`;
  if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}
