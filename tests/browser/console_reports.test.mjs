// The Reports page in Debian's chromium, as the DSL would: pick the days,
// make the report (a background job with a progress bar), download the
// evidence pack, then open the printable report and print it to PDF
// (page.pdf). The PDF's page count and its text are checked with poppler's
// pdfinfo and pdftotext: one page for the key figures, one for each of the
// eight tables, and the figures the test script seeded.
//
// Run by tests/integration/console_reports_browser_test.sh, which starts
// esafety serve with the demo school, makes blocks and alerts through the
// proxy and sets ESAFETY_CONSOLE, ESAFETY_STAFF_EMAIL, ESAFETY_STAFF_PASSWORD,
// ESAFETY_SCREENSHOTS, ESAFETY_TODAY and ESAFETY_EXPECT (regular expressions
// for the figures the PDF's text must hold, separated by ";;").
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { launch } from './lib/chromium.mjs';
import { axe, shot, signIn } from './lib/console_kit.mjs';

const CONSOLE = process.env.ESAFETY_CONSOLE;
const EMAIL = process.env.ESAFETY_STAFF_EMAIL;
const PASSWORD = process.env.ESAFETY_STAFF_PASSWORD;
const TODAY = process.env.ESAFETY_TODAY;
const EXPECT = (process.env.ESAFETY_EXPECT ?? '').split(';;').filter(Boolean).map((r) => new RegExp(r));
const OUT = process.env.ESAFETY_SCREENSHOTS;

let browser;
let printer;  // a second browser that keeps the report's own Content-Security-Policy
let page;

before(async () => {
  assert.ok(CONSOLE && EMAIL && PASSWORD && TODAY && OUT, 'the environment must be set');
  // bypassCSP: axe-core injects a script into the console's pages.
  browser = await launch({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  page = await browser.context.newPage();
});

after(async () => {
  await browser?.close();
  await printer?.close();
  assert.deepEqual(browser?.offBox ?? [], [], 'chromium tried to reach off the box');
  assert.deepEqual(printer?.offBox ?? [], [], 'chromium tried to reach off the box');
});

test('the DSL makes the report for today on the Reports page, with its progress', async () => {
  await page.goto(`${CONSOLE}/`);
  await page.getByRole('heading', { name: 'Sign in to esafety' }).waitFor();
  await signIn(page, EMAIL, PASSWORD);
  await page.getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('heading', { name: 'Reports' }).waitFor();
  await page.getByText('No report made yet').waitFor();
  await page.getByLabel('From').fill(TODAY);
  await page.getByLabel('To').fill(TODAY);
  await page.getByRole('button', { name: 'Make the report' }).click();
  await page.getByRole('heading', { name: `Report for ${TODAY} to ${TODAY}` }).waitFor({ timeout: 60000 });
  await page.getByText(`Made by ${EMAIL}`).waitFor();
  await axe(page, 'reports-made');
  await shot(page, 'reports');
});

test('the evidence pack downloads as a zip', async () => {
  const link = page.getByRole('link', { name: /Download the evidence pack/ });
  assert.equal(await link.getAttribute('download'), `evidence-pack-${TODAY}-to-${TODAY}.zip`);
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.equal(download.suggestedFilename(), `evidence-pack-${TODAY}-to-${TODAY}.zip`);
  const path = join(OUT, 'pack.zip');
  await download.saveAs(path);
  const listing = execFileSync('unzip', ['-l', path]).toString();
  for (const name of ['report.html', 'filter-configuration.csv', 'monitoring-rules.toml', 'audit.csv']) {
    assert.match(listing, new RegExp(` ${name.replace('.', '\\.')}\\n`), `the zip holds ${name}`);
  }
});

test('the report prints to PDF: a page per part, holding the figures', async () => {
  const link = page.getByRole('link', { name: 'View or print the report' });
  assert.equal(await link.getAttribute('target'), '_blank');
  // Printed as served, with the report's own policy (inline style, no script),
  // in the DSL's session.
  printer = await launch({ viewport: { width: 1280, height: 900 } });
  await printer.context.addCookies(await browser.context.cookies());
  const report = await printer.context.newPage();
  await report.goto(new URL(await link.getAttribute('href'), CONSOLE).href);
  await report.getByRole('heading', { name: `E-safety report ${TODAY} to ${TODAY}` }).waitFor();
  await report.emulateMedia({ media: 'print' });
  const pdf = await report.pdf({ format: 'A4', printBackground: true });
  const file = join(OUT, 'report.pdf');
  writeFileSync(file, pdf);
  const info = execFileSync('pdfinfo', [file]).toString();
  assert.equal(Number(/Pages:\s+(\d+)/.exec(info)?.[1]), 9, `one page of figures and eight of tables:\n${info}`);
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
  assert.match(text, /Blocks by category/);
  assert.match(text, /False-positive rate per rule/);
  assert.ok(EXPECT.length > 0);
  for (const figure of EXPECT) assert.match(text, figure, "the PDF's text holds the figure");
  // The parts start on pages of their own.
  const pages = text.split('\f');
  assert.ok(pages.some((p) => p.includes('Time to acknowledge') && !p.includes('Blocks by category')));
});
