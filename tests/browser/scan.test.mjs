// Headless Chromium through the real esafety proxy with TLS inspection and
// phrase scanning on (the demo's KS2, which 127.0.0.1 browses as). The
// school's CA is trusted in a throwaway profile through
// --ignore-certificate-errors-spki-list with the SPKI hash of the key every
// minted leaf shares, so nothing outside the profile changes.
// Run by tests/integration/browser_scan_test.sh, which starts esafety serve
// and an HTTPS origin and sets ESAFETY_PROXY, ESAFETY_ORIGIN_PORT,
// ESAFETY_LEAF_SPKI and ESAFETY_SCREENSHOTS.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { chromium } from 'playwright-core';

const PROXY = process.env.ESAFETY_PROXY;
const ORIGIN = process.env.ESAFETY_ORIGIN_PORT;
const SPKI = process.env.ESAFETY_LEAF_SPKI;
const SHOTS = process.env.ESAFETY_SCREENSHOTS || os.tmpdir();
const ALLOWED_HOSTS = new Set(['nothing-listed.example', 'www.google.co.uk']);

async function launch() {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'esafety-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.ESAFETY_CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           `--proxy-server=http://${PROXY}`, `--ignore-certificate-errors-spki-list=${SPKI}`],
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

test('an inspected HTTPS page over the phrase limit shows the block page', async () => {
  assert.ok(PROXY && ORIGIN && SPKI, 'ESAFETY_PROXY, ESAFETY_ORIGIN_PORT and ESAFETY_LEAF_SPKI must be set');
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    const clean = await page.goto(`https://nothing-listed.example:${ORIGIN}/clean`);
    assert.equal(clean.status(), 200);
    assert.match(await page.textContent('body'), /rivers/);
    const bad = await page.goto(`https://nothing-listed.example:${ORIGIN}/bad`);
    assert.equal(bad.status(), 403);
    const text = await page.textContent('body');
    assert.match(text, /ES-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    assert.doesNotMatch(text, /badphrase/);
    await page.screenshot({ path: path.join(SHOTS, 'scan-block-page.png') });
    assert.deepEqual(browser.offBox, []);
  } finally {
    await browser.close();
  }
});

test('a search over inspected HTTPS reaches the site with safe=active', async () => {
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    const response = await page.goto(
      `https://www.google.co.uk:${ORIGIN}/search?q=tudor+houses&safe=off`);
    assert.equal(response.status(), 200);
    const seen = JSON.parse(await page.textContent('body'));
    assert.match(seen.path, /safe=active/);
    assert.doesNotMatch(seen.path, /safe=off/);
    assert.match(seen.path, /q=tudor\+houses/);
  } finally {
    await browser.close();
  }
});
