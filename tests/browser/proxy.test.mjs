// Headless Chromium browsing through the real esafety proxy: an allowed page
// loads, a blocked one shows the child-friendly block page, and its
// "Tell a teacher" button reaches the console and says thank you.
// Run by tests/integration/browser_proxy_test.sh, which starts esafety serve
// and the test origin and sets ESAFETY_PROXY, ESAFETY_ORIGIN_PORT and
// ESAFETY_SCREENSHOTS.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { chromium } from 'playwright-core';

const PROXY = process.env.ESAFETY_PROXY;
const ORIGIN = process.env.ESAFETY_ORIGIN_PORT;
const SHOTS = process.env.ESAFETY_SCREENSHOTS || os.tmpdir();
// The only names the browser may ask for; the proxy maps them to the test origin.
const ALLOWED_HOSTS = new Set(['nothing-listed.example', 'adult-demo.example', '127.0.0.1']);

async function launch() {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'esafety-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.ESAFETY_CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           `--proxy-server=http://${PROXY}`],
    headless: true,
    viewport: { width: 768, height: 1024 },
  });
  const offBox = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (ALLOWED_HOSTS.has(url.hostname) || url.protocol === 'data:') return route.continue();
    offBox.push(url.href);
    return route.abort('blockedbyclient');
  });
  return { context, offBox, close: async () => { await context.close(); await rm(profile, { recursive: true, force: true }); } };
}

test('an allowed page loads through the proxy', async () => {
  assert.ok(PROXY && ORIGIN, 'ESAFETY_PROXY and ESAFETY_ORIGIN_PORT must be set');
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    const response = await page.goto(`http://nothing-listed.example:${ORIGIN}/page`);
    assert.equal(response.status(), 200);
    assert.match(await page.textContent('h1'), /An allowed page/);
    assert.deepEqual(browser.offBox, []);
  } finally {
    await browser.close();
  }
});

test('a blocked page shows the block page, and Tell a teacher works', async () => {
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    const response = await page.goto(`http://adult-demo.example:${ORIGIN}/page`);
    assert.equal(response.status(), 403);
    const text = await page.textContent('body');
    assert.match(text, /Tell a teacher/);
    assert.ok(await page.locator('svg').count() > 0, 'the child page has its picture');
    await page.screenshot({ path: path.join(SHOTS, 'proxy-block-page.png'), fullPage: true });
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: /Tell a teacher/ }).click()]);
    assert.match(await page.textContent('body'), /teacher/i);
    assert.match(page.url(), /\/blocked\/tell-teacher$/);
    await page.screenshot({ path: path.join(SHOTS, 'proxy-told-teacher.png'), fullPage: true });
    assert.deepEqual(browser.offBox, []);
  } finally {
    await browser.close();
  }
});
