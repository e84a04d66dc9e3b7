// The Lists page in Debian's chromium, as the IT technician would use it:
// sign in, open Lists, try a plain list with no category (the problem is
// named, nothing is added; so is a server path that is not there), then upload the list (~200,000 sites and one
// bad line) with a category and a reason. The compile runs in the
// background: the page shows a progress bar while it runs (whether a poll
// catches it running depends on the machine, so that is reported, not
// required), then the summary and the bad line by file:line. The running
// filter blocks the new site through its proxy without a restart. Then a
// second list, uploaded by mistake, is removed with a reason and its site is
// no longer blocked; the illegal-content lists offer no Remove button.
// axe-core on each state, at iPad sizes both ways round.
//
// Run by tests/integration/console_lists_browser_test.sh, which starts
// esafety serve and sets ESAFETY_CONSOLE, ESAFETY_PROXY, ESAFETY_ORIGIN_PORT,
// ESAFETY_STAFF_EMAIL, ESAFETY_STAFF_PASSWORD, ESAFETY_LIST_FILE and
// ESAFETY_SCREENSHOTS.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { launch } from './lib/chromium.mjs';
import * as kit from './lib/console_kit.mjs';

const CONSOLE = process.env.ESAFETY_CONSOLE;
const PROXY = process.env.ESAFETY_PROXY;
const ORIGIN_PORT = process.env.ESAFETY_ORIGIN_PORT;
const EMAIL = process.env.ESAFETY_STAFF_EMAIL;
const PASSWORD = process.env.ESAFETY_STAFF_PASSWORD;
const LIST_FILE = process.env.ESAFETY_LIST_FILE;
const SHOTS = process.env.ESAFETY_SCREENSHOTS;
const LIST_NAME = LIST_FILE ? path.basename(LIST_FILE) : '';

let browser;
let page;

const axe = (name) => kit.axe(page, name);
const browseFrom = (source, url) => kit.browseFrom(PROXY, source, url);
const { eventually } = kit;

// At both iPad sizes: no sideways scrolling, axe-clean, every tap target at
// least 44px high, and a screenshot.
async function checkAtIpadSizes(name) {
  for (const [width, height] of [[1024, 768], [768, 1024]]) {
    await page.setViewportSize({ width, height });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name} at ${width}x${height}: scrolls sideways by ${overflow}px`);
    await axe(`${name} at ${width}x${height}`);
    const small = await page.$$eval('button, input, select, nav a', (els) => els
      .filter((e) => e.offsetParent !== null && !(e.textContent || '').includes('Sign out'))
      .filter((e) => e.getBoundingClientRect().height < 43.5)
      .map((e) => `${e.textContent || e.name} (${Math.round(e.getBoundingClientRect().height)}px)`));
    assert.deepEqual(small, [], `${name} at ${width}x${height}: tap targets under 44px`);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `console-${name}-${width}x${height}.png`), fullPage: true });
  }
}

before(async () => {
  assert.ok(CONSOLE && PROXY && ORIGIN_PORT && EMAIL && PASSWORD && LIST_FILE, 'the environment must be set');
  browser = await launch({ viewport: { width: 1024, height: 768 }, bypassCSP: true });
  page = await browser.context.newPage();
});

after(async () => {
  await browser?.close();
  assert.deepEqual(browser?.offBox ?? [], [], 'chromium tried to reach off the box');
});

test('sign in as the IT technician and open Lists', async () => {
  await page.goto(`${CONSOLE}/`);
  await page.getByRole('heading', { name: 'Sign in to esafety' }).waitFor();
  await kit.signIn(page, EMAIL, PASSWORD);
  await page.getByRole('heading', { name: 'Today' }).waitFor();
  await page.getByRole('link', { name: 'Lists', exact: true }).click();
  await page.getByRole('heading', { name: 'Lists', exact: true }).waitFor();
  // The demo's own lists are there already.
  await page.locator('table.lists tbody tr').first().waitFor();
  assert.match(await page.locator('main').textContent(), /The filter's index holds [\d,]+ entries/);
  await checkAtIpadSizes('lists');
});

test('a plain list with no category is refused with the field named', async () => {
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Upload and compile' }) });
  await form.getByLabel('List file').setInputFiles(LIST_FILE);
  await form.getByLabel('Format').selectOption('plain');
  await form.getByLabel('Category').selectOption('');
  await form.getByLabel('Reason (kept in the record)').fill('Sites the trust asks us to block');
  await form.getByRole('button', { name: 'Upload and compile' }).click();
  const problem = page.locator('section', { has: page.getByRole('heading', { name: 'Add a list' }) }).getByRole('alert');
  await problem.waitFor();
  assert.match(await problem.textContent(), /^category: choose the category/);
  assert.equal(await page.locator('table.lists tbody tr', { hasText: LIST_NAME }).count(), 0, 'nothing was added');

  // A path on the server that is not there is named too.
  const server = page.locator('form', { has: page.getByRole('button', { name: 'Add and compile' }) });
  await server.getByLabel('Full path on the server').fill('/no/such/ut1/blacklists');
  await server.getByLabel('Reason (kept in the record)').fill('The trust\'s UT1 copy');
  await server.getByRole('button', { name: 'Add and compile' }).click();
  const missing = page.locator('.server-list').getByRole('alert');
  await missing.waitFor();
  assert.equal(await missing.textContent(), 'path: /no/such/ut1/blacklists does not exist on the server.');
});

test('upload the list, watch it compile, and see the bad line named', async () => {
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Upload and compile' }) });
  await form.getByLabel('Category').selectOption('gambling');
  // Watch the page from inside: note whether the progress bar is ever shown
  // with part of the lists read.
  await page.evaluate(() => {
    window.seenProgress = [];
    new MutationObserver(() => {
      const bar = document.querySelector('progress[aria-label="Reading lists"]');
      const words = bar?.parentElement?.querySelector('[role=status]')?.textContent ?? '';
      if (bar && !window.seenProgress.includes(words)) window.seenProgress.push(words);
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await form.getByRole('button', { name: 'Upload and compile' }).click();
  await page.getByText(`Added ${LIST_NAME}. Every list is being read again now.`).waitFor({ timeout: 60_000 });
  const summary = page.locator('.list-job [role=status]', { hasText: 'Compiled' });
  await summary.waitFor({ timeout: 120_000 });
  const compiledAt = Date.now();
  const seen = await page.evaluate(() => window.seenProgress);
  const reading = seen.filter((w) => /^Reading lists: \d+% \([\d.]+ of [\d.]+ MB\)$/.test(w));
  console.log(`progress bar seen while running: ${seen.length > 0 ? 'yes' : 'no'} (${seen.length} states, e.g. ${JSON.stringify(reading[0] ?? seen[0] ?? '')})`);
  for (const words of seen) {
    assert.match(words, /^(Getting ready to read the lists…|Reading lists: \d+% \([\d.]+ of [\d.]+ MB\)|Building the filter's index from the lists…)$/);
  }

  assert.match(await summary.textContent(), /Compiled [\d,]+ entries from \d+ files in \d+\.\d s\./);
  const job = page.locator('.list-job');
  assert.match(await job.textContent(), /1 line was rejected/);
  const rejected = job.locator('ul.problems li');
  assert.equal(await rejected.count(), 1, 'one problem');
  assert.match(await rejected.first().textContent(), new RegExp(`^Rejected: lists/uploaded/${LIST_NAME.replace('.', '\\.')}:3: `));

  const row = page.locator('table.lists tbody tr', { hasText: LIST_NAME });
  await row.waitFor();
  assert.match(await row.textContent(), /200,001/, 'the row counts the entries');
  assert.match(await row.textContent(), new RegExp(EMAIL.replace('.', '\\.')));
  await checkAtIpadSizes('lists-compiled');

  // The running filter loads the new index by itself.
  await eventually('the proxy blocks the new site', async () =>
    (await browseFrom('127.0.0.1', `http://nothing-listed.example:${ORIGIN_PORT}/page?after=lists`)) === 403);
  console.log(`blocked through the proxy ${Date.now() - compiledAt} ms after the compile ended`);
});

test('reading every list again shows the same result', async () => {
  await page.evaluate(() => { window.seenProgress = []; });
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/lists/compile')),
    page.getByRole('button', { name: 'Read every list again' }).click(),
  ]);
  assert.equal(response.status(), 202);
  // The answer says "running", so the bar is drawn at least once before the summary comes back.
  await page.waitForFunction(() => window.seenProgress.length > 0);
  await page.locator('.list-job [role=status]', { hasText: 'Compiled' }).waitFor({ timeout: 120_000 });
  assert.match(await page.locator('.list-job').textContent(), /1 line was rejected/);
});

test('a list uploaded by mistake is removed, with a reason; the illegal-content list cannot be', async () => {
  const WRONG = 'wrong-school-list.txt';
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Upload and compile' }) });
  await form.getByLabel('List file').setInputFiles({
    name: WRONG, mimeType: 'text/plain', buffer: Buffer.from('oops.lists-test.example\n'),
  });
  await form.getByLabel('Category').selectOption('gambling');
  await form.getByLabel('Reason (kept in the record)').fill('Testing removal');
  await form.getByRole('button', { name: 'Upload and compile' }).click();
  const row = page.locator('table.lists tbody tr', { hasText: WRONG });
  await row.waitFor({ timeout: 120_000 });
  await eventually('the proxy blocks the mistaken list\'s site', async () =>
    (await browseFrom('127.0.0.1', `http://oops.lists-test.example:${ORIGIN_PORT}/`)) === 403);

  await row.getByRole('button', { name: `Remove ${WRONG}` }).click();
  await row.getByLabel(`Why remove ${WRONG}?`).fill('Uploaded to the wrong school');
  await checkAtIpadSizes('lists-remove-asked');
  await row.getByRole('button', { name: 'Remove it' }).click();
  await row.waitFor({ state: 'detached', timeout: 120_000 });
  await page.locator('.list-job [role=status]', { hasText: 'Compiled' }).waitFor({ timeout: 120_000 });
  await page.locator('table.lists tbody tr', { hasText: LIST_NAME }).waitFor();
  // The illegal-content lists have no Remove button.
  const illegal = page.locator('table.lists tbody tr', { hasText: 'Illegal content' }).first();
  assert.match(await illegal.textContent(), /Always kept/);
  assert.equal(await illegal.getByRole('button', { name: /^Remove/ }).count(), 0);
  await eventually('the proxy no longer blocks it', async () =>
    (await browseFrom('127.0.0.1', `http://oops.lists-test.example:${ORIGIN_PORT}/`)) !== 403);
  await checkAtIpadSizes('lists-removed');
});
