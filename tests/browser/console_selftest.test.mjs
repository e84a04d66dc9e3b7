// The filter self-test on the console, in Debian's chromium, as the DSL
// would: open the Self-test page (no run yet), press "Run now", follow the
// run to its grid of groups by categories, and read what got through: KS1's
// pornography, turned off by the test script beforehand, fails through the
// proxy and DNS; everything else passes. The alert it raised is on the
// Alerts page. axe-core on the page.
//
// Run by tests/integration/console_selftest_browser_test.sh, which starts
// esafety serve with the demo school, adds the self-test devices and sets
// ESAFETY_CONSOLE, ESAFETY_STAFF_EMAIL, ESAFETY_STAFF_PASSWORD and
// ESAFETY_SCREENSHOTS.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launch } from './lib/chromium.mjs';
import { axe, shot, signIn } from './lib/console_kit.mjs';

const CONSOLE = process.env.ESAFETY_CONSOLE;
const EMAIL = process.env.ESAFETY_STAFF_EMAIL;
const PASSWORD = process.env.ESAFETY_STAFF_PASSWORD;

let browser;
let page;

before(async () => {
  assert.ok(CONSOLE && EMAIL && PASSWORD, 'the environment must be set');
  browser = await launch({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  page = await browser.context.newPage();
});

after(async () => {
  await browser?.close();
  assert.deepEqual(browser?.offBox ?? [], [], 'chromium tried to reach off the box');
});

const cellOf = (group, category) => page.locator(`td[data-group="${group}"][data-category="${category}"]`);

test('sign in as the DSL and open the Self-test page: no run yet', async () => {
  await page.goto(`${CONSOLE}/`);
  await page.getByRole('heading', { name: 'Sign in to esafety' }).waitFor();
  await signIn(page, EMAIL, PASSWORD);
  await page.getByRole('link', { name: 'Self-test' }).click();
  await page.getByRole('heading', { name: 'Filter self-test' }).waitFor();
  await page.getByText('No run yet.').waitFor();
  await axe(page, 'selftest-empty');
});

test('Run now: the run shows as a grid, with what got through', async () => {
  await page.getByRole('button', { name: 'Run now' }).click();
  await page.getByRole('heading', { name: /^Last run: 2 of 72 checks failed$/ }).waitFor({ timeout: 60000 });
  assert.equal(await cellOf('KS1', 'pornography').textContent(), 'FAIL');
  assert.equal(await cellOf('KS2', 'pornography').textContent(), 'Pass');
  assert.equal(await cellOf('Staff', 'illegal').textContent(), 'Pass');
  assert.equal(await cellOf('Staff', 'self-harm').textContent(), '–', 'staff are not tested for self-harm');
  const through = page.locator('ul.failures li');
  assert.equal(await through.count(), 2);
  assert.match(await through.first().textContent(),
    /The filter is not blocking pornography for KS1: through the proxy, http:\/\/adult-demo\.example\/: allowed/);
  await page.getByRole('cell', { name: /run from the console/ }).waitFor();
  await page.getByRole('button', { name: 'Run now' }).isEnabled();
  await axe(page, 'selftest-run');
  await shot(page, 'selftest');
});

test('the failure is a level-4 alert about KS1 on the Alerts page', async () => {
  await page.getByRole('link', { name: 'Alerts' }).click();
  await page.getByRole('heading', { name: 'Alerts' }).waitFor();
  await page.getByRole('link', { name: 'Filter self-test' }).first().click();
  await page.getByText(/Rule “filter self-test”: the filter is not blocking pornography for KS1/).waitFor();
  await axe(page, 'selftest-alert');
});
