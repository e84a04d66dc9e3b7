// The web console in Debian's chromium, walked as a member of staff would:
// sign in, read today's figures, search the activity log and export it, read
// the inbox, and carry on after the session ends without losing the form.
// Every page is checked with axe-core on a school iPad's screen.
//
// Run by tests/integration/console_browser_test.sh, which starts esafety
// serve, browses through its proxy so the log has something in it, adds a
// staff account and sets ESAFETY_CONSOLE (http://127.0.0.1:PORT),
// ESAFETY_STAFF_EMAIL, ESAFETY_STAFF_PASSWORD and ESAFETY_SCREENSHOTS.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { after, before, test } from 'node:test';

import { launch } from './lib/chromium.mjs';
import * as kit from './lib/console_kit.mjs';

const CONSOLE = process.env.ESAFETY_CONSOLE;
const EMAIL = process.env.ESAFETY_STAFF_EMAIL;
const PASSWORD = process.env.ESAFETY_STAFF_PASSWORD;
const MIN_TAP = 44;

let browser;
let page;

const axe = (name) => kit.axe(page, name);

async function tapTargetsBigEnough(name) {
  const small = await page.$$eval('button, a.button, input, select, nav a', (els, min) => els
    .filter((e) => e.offsetParent !== null)
    .map((e) => ({ text: e.textContent || e.name, box: e.getBoundingClientRect() }))
    .filter((e) => e.box.height < min - 0.5 && !(e.text || '').includes('Sign out'))
    .map((e) => `${e.text} (${Math.round(e.box.height)}px)`), MIN_TAP);
  assert.deepEqual(small, [], `${name}: tap targets under ${MIN_TAP}px`);
}

const shot = (name) => kit.shot(page, name);

before(async () => {
  assert.ok(CONSOLE && EMAIL && PASSWORD, 'ESAFETY_CONSOLE, ESAFETY_STAFF_EMAIL and ESAFETY_STAFF_PASSWORD must be set');
  // bypassCSP lets axe-core be injected; the console's own CSP is checked by console_api_test.sh.
  browser = await launch({ viewport: { width: 768, height: 1024 }, acceptDownloads: true, bypassCSP: true });
  page = await browser.context.newPage();
});

after(async () => {
  await browser?.close();
  assert.deepEqual(browser?.offBox ?? [], [], 'chromium tried to reach off the box');
});

test('signing in: a wrong password is refused in plain words, the right one opens today', async () => {
  await page.goto(`${CONSOLE}/`);
  await page.getByRole('heading', { name: 'Sign in to esafety' }).waitFor();
  await axe('sign-in');
  await tapTargetsBigEnough('sign-in');
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').textContent(), /do not match/);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Today' }).waitFor();
  const tiles = await page.locator('.tile').allTextContents();
  const requests = Number(tiles[0].replace(/[^0-9]/g, ''));
  const blocked = Number(tiles[1].replace(/[^0-9]/g, ''));
  assert.ok(requests >= 2, `requests today: ${tiles[0]}`);
  assert.ok(blocked >= 1, `blocked today: ${tiles[1]}`);
  assert.match(await page.locator('section').first().textContent(), /pornography/);
  await axe('dashboard');
  await tapTargetsBigEnough('dashboard');
  await shot('dashboard');
});

test('activity: a search by group finds the blocked request, and exports CSV', async () => {
  await page.getByRole('link', { name: 'Activity' }).click();
  await page.getByRole('heading', { name: 'Activity' }).waitFor();
  await page.getByLabel('Group').fill('KS2');
  await page.getByLabel('Decision').selectOption('block');
  await page.getByRole('button', { name: 'Search' }).click();
  const row = page.locator('table.activity tbody tr', { hasText: 'adult-demo.example' }).first();
  await row.waitFor();
  assert.match(await row.textContent(), /Blocked/);
  assert.match(await row.textContent(), /pornography/);
  const rows = await page.locator('table.activity tbody tr').allTextContents();
  assert.ok(rows.every((r) => r.includes('Blocked')), 'only blocked rows');
  await axe('activity');
  await tapTargetsBigEnough('activity');
  await shot('activity');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download CSV' }).click(),
  ]);
  const csv = await readFile(await download.path(), 'utf8');
  assert.match(csv.split('\r\n')[0], /^id,time,client_ip,device,user,group,decision/);
  assert.match(csv, /adult-demo\.example/);
});

test('the inbox shows the "Tell a teacher" request with what was blocked', async () => {
  await page.getByRole('link', { name: 'Inbox' }).click();
  await page.getByRole('heading', { name: 'Inbox' }).waitFor();
  const item = page.locator('ul.inbox li').first();
  await item.waitFor();
  assert.match(await item.textContent(), /Told a teacher/);
  assert.match(await item.textContent(), /adult-demo\.example/);
  await page.getByText('1 waiting').waitFor();
  await item.getByRole('button', { name: 'Mark as done' }).click();
  await item.getByText('Done.').waitFor();
  await page.getByText('0 waiting').waitFor();
  // It stays done after a reload: the server has it.
  await page.reload();
  await page.locator('ul.inbox li', { hasText: 'Done.' }).first().waitFor();
  await axe('inbox');
  await shot('inbox');
});

test('alerts: the "Tell a teacher" press is an alert the DSL acknowledges and marks "monitor" with a note', async () => {
  await page.getByRole('link', { name: 'Alerts' }).click();
  await page.getByRole('heading', { name: 'Alerts' }).waitFor();
  const row = page.locator('table tbody tr', { hasText: 'tell-teacher' }).first();
  await row.waitFor();
  assert.match(await row.textContent(), /KS2/);
  assert.match(await row.textContent(), /New/);
  await axe('alerts');
  await tapTargetsBigEnough('alerts');
  await shot('alerts');
  await row.getByRole('link').click();
  await page.getByRole('heading', { name: /Level \d: tell-teacher/ }).waitFor();
  assert.match(await page.locator('ol.evidence').textContent(), /pressed "Tell a teacher" on the block page/);
  await page.getByLabel('What was done').selectOption('acknowledge');
  await page.getByLabel('Note (needed; kept sealed)').fill('Looking now');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Acknowledged', { exact: false }).first().waitFor();
  await page.getByLabel('What was done').selectOption('monitor');
  await page.getByLabel('Note (needed; kept sealed)').fill('Spoke to the class teacher; watching this week');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Spoke to the class teacher; watching this week').waitFor();
  assert.match(await page.getByRole('heading', { level: 1 }).textContent(), /Monitoring/);
  await axe('alert');
  await tapTargetsBigEnough('alert');
  await shot('alert');
  await page.getByRole('button', { name: 'Back to the alerts' }).click();
  await page.getByRole('heading', { name: 'Alerts' }).waitFor();
});

// A GET through esafety's proxy from a device's address (127.0.0.21: a KS2 iPad in the demo).
function throughProxy(localAddress, url) {
  const proxy = new URL(process.env.ESAFETY_PROXY);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: proxy.hostname, port: proxy.port, path: url, localAddress, headers: { Host: new URL(url).host } },
      (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
    req.on('error', reject);
    req.end();
  });
}

test('alerts: a KS2 self-harm search through the proxy appears on the open alerts page live, without a reload', async () => {
  assert.ok(process.env.ESAFETY_PROXY && process.env.ESAFETY_ORIGIN_PORT, 'ESAFETY_PROXY and ESAFETY_ORIGIN_PORT must be set');
  await page.getByText('Live: new alerts appear here as they happen.').waitFor();
  assert.equal(await page.locator('table tbody tr', { hasText: 'self-harm' }).count(), 0);
  await page.evaluate(() => { window.esafetyNoReload = true; });
  const started = Date.now();
  await throughProxy('127.0.0.21', `http://www.google.co.uk:${process.env.ESAFETY_ORIGIN_PORT}/search?q=how+to+kill+myself`);
  const row = page.locator('table tbody tr.fresh', { hasText: 'self-harm' });
  await row.waitFor({ timeout: 10_000 });
  const took = Date.now() - started;
  assert.ok(took <= 2000, `the alert took ${took} ms to appear (target 2 s)`);
  assert.equal(await page.evaluate(() => window.esafetyNoReload), true, 'the page was not reloaded');
  assert.match(await row.textContent(), /^5/);
  assert.match(await row.textContent(), /KS2/);
  assert.match(await page.getByRole('status').filter({ hasText: /^Alert: level/ }).textContent(), /Alert: level 5, self-harm/);
  await axe('alerts-live');
  await shot('alerts-live');
});

test('a session that ends mid-task asks to sign in again and keeps the form', async () => {
  await page.getByRole('link', { name: 'Activity' }).click();
  await page.getByRole('heading', { name: 'Activity' }).waitFor();
  // The page's own first load must be done before the session ends, or its
  // 401 asks to sign in before the Search click does (seen under load).
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Site').fill('adult-demo.example');
  await browser.context.clearCookies();  // as if the session had timed out
  await page.getByRole('button', { name: 'Search' }).click();
  const dialog = page.getByRole('dialog', { name: 'Please sign in again' });
  await dialog.waitFor();
  await axe('sign-in-again');
  await dialog.getByLabel('Password').fill(PASSWORD);
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.getByLabel('Site').inputValue(), 'adult-demo.example', 'the form kept its text');
  await page.locator('table.activity tbody tr', { hasText: 'adult-demo.example' }).first().waitFor();
});

test('signing out returns to the sign-in page', async () => {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to esafety' }).waitFor();
  const response = await page.request.get(`${CONSOLE}/api/v1/events`);
  assert.equal(response.status(), 401);
});
