// The live class view on the console, in Debian's chromium, as a Year 5
// teacher would: open Class view, see the class's iPads and that the page
// is live; a visit from an iPad shows on it within 2 s, pushed (the page
// reads the room again only every 30 s); pause one with a reason; the iPad's
// next request through the proxy gets the "Paused by your teacher" page, and
// the refused request shows on the page as blocked; end the pause and it
// browses again; a pause made on the command line shows without a reload.
// With class alerts turned on (the shell script does, as the DSL), a
// self-harm search from the iPad shows in the page's alerts for the room.
// axe-core on the page.
//
// Run by tests/integration/console_classview_browser_test.sh, which starts
// esafety serve with the demo school, adds the Year 5 teacher and sets
// ESAFETY_CONSOLE, ESAFETY_PROXY, ESAFETY_ORIGIN, ESAFETY_STAFF_EMAIL,
// ESAFETY_STAFF_PASSWORD, ESAFETY_BIN, ESAFETY_DATA and ESAFETY_SCREENSHOTS.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';

import { launch } from './lib/chromium.mjs';
import { axe, shot, signIn } from './lib/console_kit.mjs';

const CONSOLE = process.env.ESAFETY_CONSOLE;
const PROXY = process.env.ESAFETY_PROXY;
const ORIGIN = process.env.ESAFETY_ORIGIN;
const EMAIL = process.env.ESAFETY_STAFF_EMAIL;
const PASSWORD = process.env.ESAFETY_STAFF_PASSWORD;
const BIN = process.env.ESAFETY_BIN;
const DATA = process.env.ESAFETY_DATA;
const IPAD = { name: 'Year 5 iPad 01', address: '127.0.0.21' };

let browser;
let page;

// A search through the proxy from the iPad.
function searchFromIpad(words) {
  execFileSync('curl', ['-s', '-o', '/dev/null', '--interface', IPAD.address, '-x', PROXY, '--max-time', '10',
    `http://www.google.co.uk:${ORIGIN}/search?q=${encodeURIComponent(words)}`]);
}

// One request through the proxy from the iPad's address: [status, body].
function fromIpad(host = 'nothing-listed.example') {
  const out = execFileSync('curl', ['-s', '--interface', IPAD.address, '-x', PROXY, '--max-time', '10',
    '-w', '\n%{http_code}', `http://${host}:${ORIGIN}/page`], { encoding: 'utf8' });
  const cut = out.lastIndexOf('\n');
  return [Number(out.slice(cut + 1)), out.slice(0, cut)];
}

before(async () => {
  assert.ok(CONSOLE && PROXY && ORIGIN && EMAIL && PASSWORD && BIN && DATA, 'the environment must be set');
  browser = await launch({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  page = await browser.context.newPage();
});

after(async () => {
  await browser?.close();
  assert.deepEqual(browser?.offBox ?? [], [], 'chromium tried to reach off the box');
});

const ipadCard = () => page.locator(`li[data-device="${IPAD.name}"]`);

test('the teacher opens Class view and sees their class\'s iPads', async () => {
  assert.equal(fromIpad()[0], 200, 'the iPad browses before the pause');
  await page.goto(`${CONSOLE}/`);
  await page.getByRole('heading', { name: 'Sign in to esafety' }).waitFor();
  await signIn(page, EMAIL, PASSWORD);
  await page.getByRole('link', { name: 'Class view' }).click();
  await page.getByRole('heading', { name: 'Year 5', level: 2, exact: true }).waitFor();
  assert.equal(await page.locator('li[data-device]').count(), 3);
  assert.equal(await ipadCard().locator('.restriction').textContent(), 'Browsing as usual');
  await page.locator('p[data-live="live"]', { hasText: 'Live: visits appear here as they happen.' }).waitFor();
  await axe(page, 'classview');
});

test('A visit from the iPad is pushed to the page within 2 s', async () => {
  const started = Date.now();
  assert.equal(fromIpad('pushed-visit.example')[0], 200);
  await ipadCard().locator('ul.recent li', { hasText: /pushed-visit\.example allowed/ }).waitFor({ timeout: 10000 });
  const took = Date.now() - started;
  console.log(`request through the proxy to the visit on the page: ${took} ms`);
  assert.ok(took <= 2000, `the visit took ${took} ms to show (target 2 s; the page re-reads only every 30 s)`);
});

test('Pause: the iPad\'s next request through the proxy gets the paused page', async () => {
  await ipadCard().getByRole('button', { name: 'Pause' }).click();
  await ipadCard().getByLabel('Reason (kept in the record)').fill('Eyes on the board, please');
  await ipadCard().getByRole('button', { name: 'Pause it' }).click();
  await page.getByRole('status').filter({ hasText: `${IPAD.name} is paused.` }).waitFor();
  await ipadCard().locator('.restriction', { hasText: /^Paused until / }).waitFor();
  const [status, body] = fromIpad();
  assert.equal(status, 403);
  assert.match(body, /Paused by your teacher/);
  // What the iPad visits shows on the page as it happens (pushed): the
  // request just refused, blocked because it is paused.
  await ipadCard().locator('ul.recent li', { hasText: /nothing-listed\.example blocked \(paused\)/ })
    .first().waitFor({ timeout: 15000 });
  await axe(page, 'classview-paused');
  await shot(page, 'classview');
});

test('End: the iPad browses again', async () => {
  await ipadCard().getByRole('button', { name: 'End' }).click();
  await ipadCard().getByLabel('Reason (kept in the record)').fill('Back to work');
  await ipadCard().getByRole('button', { name: 'End it' }).click();
  await ipadCard().locator('.restriction', { hasText: 'Browsing as usual' }).waitFor();
  assert.equal(fromIpad()[0], 200);
});

test('A pause made on the command line shows on the open page without a reload', async () => {
  const other = page.locator('li[data-device="Year 5 iPad 02"]');
  assert.equal(await other.locator('.restriction').textContent(), 'Browsing as usual');
  execFileSync(BIN, ['devices', 'pause', 'Year 5 iPad 02', '--reason', 'Paused from the office', '--by',
    'dsl@demo-school.example', '--data', DATA]);
  // Serve finds the command line's change within about a second, and the
  // page is told (the page's own re-read is 30 s away).
  await other.locator('.restriction', { hasText: /^Paused until / }).waitFor({ timeout: 5000 });
  execFileSync(BIN, ['devices', 'release', 'Year 5 iPad 02', '--reason', 'Done', '--by',
    'dsl@demo-school.example', '--data', DATA]);
  await other.locator('.restriction', { hasText: 'Browsing as usual' }).waitFor({ timeout: 5000 });
});

test('The class\'s alerts: a self-harm search from the iPad shows on the class view', async () => {
  const alerts = page.locator('section[aria-labelledby="classview-alerts"]');
  await alerts.getByRole('heading', { name: 'Alerts for Year 5' }).waitFor();
  searchFromIpad('how to kill myself');
  const row = alerts.locator('tr[data-alert-id]', { hasText: 'self-harm' });
  await row.waitFor({ timeout: 15000 });
  assert.match(await row.textContent(), /Year 5 iPad 01/);
  await axe(page, 'classview-alerts');
});
