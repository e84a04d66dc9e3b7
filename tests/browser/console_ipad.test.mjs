// Every console page on a school iPad: Chromium as an iPad (touch, mobile
// viewport) in landscape (1024x768) and portrait (768x1024). On each page
// the nav is usable by touch (every link on screen, at least 44px high, not
// covered, and a tap opens its page), nothing scrolls sideways, and axe-core
// finds no serious problem. The IT technician is signed in, so every page
// the console has is in the nav; the filter policy page is checked with all
// its groups open.
//
// Run by tests/integration/console_ipad_browser_test.sh, which starts esafety
// serve with the demo school and sets ESAFETY_CONSOLE, ESAFETY_STAFF_EMAIL,
// ESAFETY_STAFF_PASSWORD and ESAFETY_SCREENSHOTS.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { launch } from './lib/chromium.mjs';
import { axe, shot, signIn } from './lib/console_kit.mjs';

const CONSOLE = process.env.ESAFETY_CONSOLE;
const EMAIL = process.env.ESAFETY_STAFF_EMAIL;
const PASSWORD = process.env.ESAFETY_STAFF_PASSWORD;
const IPAD_UA = 'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

// Nothing wider than the screen; names what sticks out when something does.
async function assertNoSidewaysScroll(page, name) {
  const result = await page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const wide = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 1) {
        wide.push(`${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).replace(/ /g, '.')}` : ''} right=${Math.round(r.right)}`);
      }
    }
    return { scrollWidth: root.scrollWidth, clientWidth: width, wide: wide.slice(0, 8) };
  });
  assert.ok(result.scrollWidth <= result.clientWidth,
    `${name}: scrolls sideways (${result.scrollWidth} > ${result.clientWidth}): ${result.wide.join(', ')}`);
}

// Every nav link is on screen (at the top of the page, where the nav is),
// big enough to tap, and not covered.
async function assertNavUsable(page, name) {
  const problems = await page.evaluate(() => {
    window.scrollTo(0, 0);
    const out = [];
    const width = document.documentElement.clientWidth;
    for (const a of document.querySelectorAll('nav[aria-label="Console"] a')) {
      const r = a.getBoundingClientRect();
      const label = a.textContent.trim();
      if (r.left < 0 || r.right > width) out.push(`${label}: off screen (${Math.round(r.left)}-${Math.round(r.right)})`);
      if (r.height < 44 || r.width < 44) out.push(`${label}: ${Math.round(r.width)}x${Math.round(r.height)}, under 44px`);
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!hit || !a.contains(hit)) out.push(`${label}: covered by ${hit?.tagName}`);
    }
    return out;
  });
  assert.deepEqual(problems, [], `${name}: the nav is not usable by touch`);
}

async function settled(page) {
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0);
}

for (const [width, height, orientation] of [[1024, 768, 'landscape'], [768, 1024, 'portrait']]) {
  test(`every console page on an iPad in ${orientation} (${width}x${height})`, async () => {
    assert.ok(CONSOLE && EMAIL && PASSWORD, 'the environment must be set');
    const browser = await launch({
      viewport: { width, height }, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
      userAgent: IPAD_UA, bypassCSP: true,
    });
    try {
      const page = await browser.context.newPage();
      await page.goto(`${CONSOLE}/`);
      await page.getByRole('heading', { name: 'Sign in to esafety' }).waitFor();
      await assertNoSidewaysScroll(page, 'sign-in');
      // The check itself can fail on this iPad: something too wide is caught.
      await page.evaluate(() => {
        const wide = document.createElement('div');
        wide.id = 'too-wide';
        wide.style.width = '1500px';
        wide.style.height = '10px';
        document.body.append(wide);
      });
      await assert.rejects(assertNoSidewaysScroll(page, 'self-check'), /scrolls sideways.*div right=15\d\d/);
      await page.evaluate(() => document.getElementById('too-wide').remove());
      await assertNoSidewaysScroll(page, 'sign-in');
      await axe(page, `sign-in ${orientation}`);
      await signIn(page, EMAIL, PASSWORD);
      await page.getByRole('heading', { name: 'Today' }).waitFor();

      const links = await page.locator('nav[aria-label="Console"] a').evaluateAll(
        (as) => as.map((a) => ({ title: a.textContent.trim(), path: new URL(a.href).pathname })));
      assert.ok(links.length >= 8, `the IT technician sees every page: ${links.map((l) => l.title).join(', ')}`);
      for (const { title, path } of links) {
        const name = `${title} ${orientation}`;
        await assertNavUsable(page, name);
        await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: title, exact: true }).tap();
        await page.waitForFunction((p) => location.pathname === p, path);
        await settled(page);
        assert.equal(await page.locator('nav a[aria-current="page"]').textContent(), title, `${name}: the nav shows where you are`);
        if (path === '/policy') {
          for (const summary of await page.locator('details.group > summary').all()) await summary.tap();
          assert.ok(await page.locator('details.group[open]').count() > 0, 'the groups open by touch');
        }
        await assertNoSidewaysScroll(page, name);
        await axe(page, name);
        await shot(page, `ipad-${orientation}-${path === '/' ? 'today' : path.slice(1)}`);
      }
      assert.deepEqual(browser.offBox, [], 'chromium tried to reach off the box');
    } finally {
      await browser.close();
    }
  });
}
