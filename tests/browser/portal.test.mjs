// The captive portal in Debian's chromium, as a pupil on a shared class iPad
// would meet it: a page asked for through the proxy lands on the portal's
// sign-in form, the year group's login signs in, and the browser goes back
// to the page. The portal's pages are checked with axe-core (no serious
// violation) and for tap targets of at least 44 px, on an iPad-sized screen,
// with JavaScript off for the page itself (the portal needs none).
//
// Run by tests/integration/portal_browser_test.sh, which starts esafety serve
// with 127.0.0.1 in portal.sign_in_networks and sets ESAFETY_PROXY,
// ESAFETY_CONSOLE, ESAFETY_ORIGIN_PORT, ESAFETY_YEAR_PASSWORD and
// ESAFETY_SCREENSHOTS.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const PROXY = process.env.ESAFETY_PROXY;
const CONSOLE = process.env.ESAFETY_CONSOLE;
const ORIGIN = process.env.ESAFETY_ORIGIN_PORT;
const PASSWORD = process.env.ESAFETY_YEAR_PASSWORD;
const SHOTS = process.env.ESAFETY_SCREENSHOTS || os.tmpdir();
const ALLOWED_HOSTS = new Set(['nothing-listed.example', '127.0.0.1']);

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

async function axe(page, name) {
  // The portal's CSP allows no script: run axe from a copy of the page's
  // markup on a blank page, where it may run.
  const html = await page.content();
  const probe = await page.context().newPage();
  try {
    await probe.setContent(html);
    await probe.addScriptTag({ content: AXE_SOURCE });
    const result = await probe.evaluate(async () => window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }));
    const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [],
      `${name}: axe found serious problems`);
  } finally {
    await probe.close();
  }
}

async function tapTargets(page, name) {
  const small = await page.$$eval('button, a.button, input:not([type=hidden])', (els) => els
    .map((e) => ({ text: e.textContent || e.name, h: e.getBoundingClientRect().height }))
    .filter((e) => e.h < 43.5)
    .map((e) => `${e.text} (${Math.round(e.h)}px)`));
  assert.deepEqual(small, [], `${name}: tap targets under 44px`);
}

test('a year-group login through the captive portal, then the page', async () => {
  assert.ok(PROXY && CONSOLE && ORIGIN && PASSWORD, 'the environment must be set');
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    const wanted = `http://nothing-listed.example:${ORIGIN}/page`;
    await page.goto(wanted);
    assert.ok(page.url().startsWith(`${CONSOLE}/portal?return=`), `sent to the portal, not ${page.url()}`);
    await page.getByRole('heading', { name: 'Sign in to use the internet' }).waitFor();
    await tapTargets(page, 'portal form');
    await axe(page, 'portal form');
    await page.screenshot({ path: path.join(SHOTS, 'portal-form.png'), fullPage: true });

    // A wrong password first: told plainly, the user name kept.
    await page.getByLabel('User name').fill('year3');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').innerText(), /not right/);
    assert.equal(await page.getByLabel('User name').inputValue(), 'year3');
    await axe(page, 'portal form with a mistake');

    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(wanted);
    assert.equal(page.url(), wanted);

    await page.goto(`${CONSOLE}/portal`);
    await page.getByRole('heading', { name: "You're signed in" }).waitFor();
    assert.match(await page.locator('main').innerText(), /Year 3 login/);
    await tapTargets(page, 'signed in');
    await axe(page, 'signed in');
    await page.screenshot({ path: path.join(SHOTS, 'portal-signed-in.png'), fullPage: true });
    assert.deepEqual(browser.offBox, [], 'nothing left the machine');
  } finally {
    await browser.close();
  }
});
