// Launches Debian's chromium through playwright-core, sealed off from the
// network: every request that is not to 127.0.0.1 is aborted and recorded, so
// a test fails rather than fetching anything off the box.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.ESAFETY_CHROMIUM || '/usr/bin/chromium';

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// Returns {context, offBox, close}. `offBox` lists every URL that tried to
// leave the machine. Options go to launchPersistentContext (viewport,
// javaScriptEnabled, ...), except `extraArgs`, more command-line switches;
// each launch gets its own temporary profile.
export async function launch({ extraArgs = [], ...options } = {}) {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'esafety-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: [...ARGS, ...extraArgs],
    headless: true,
    viewport: { width: 768, height: 1024 },
    ...options,
  });
  const offBox = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.protocol === 'data:') return route.continue();
    offBox.push(url.href);
    return route.abort('blockedbyclient');
  });
  return {
    context,
    offBox,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
