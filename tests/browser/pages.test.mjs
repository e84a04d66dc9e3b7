// Browser tests for the pages in src/pages: each rendered page is
// loaded in Debian's chromium, as the proxy would send it (status, headers),
// and checked for accessibility (axe-core), layout on a school iPad, safety
// against hostile input, and forms that work with scripts switched off.
//
// Run through run.sh, which builds nothing and needs:
//   ESAFETY_RENDER_PAGES  path to the esafety_render_pages tool
//   ESAFETY_SCREENSHOTS   folder for screenshots (made if missing)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { launch } from './lib/chromium.mjs';
import { PageServer } from './lib/page_server.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

const IPAD = { width: 768, height: 1024 };
const IPAD_LANDSCAPE = { width: 1024, height: 768 };
const SMALL_PHONE = { width: 320, height: 640 };
const MIN_TAP = 44;  // Apple's minimum tap target, in CSS pixels

const renderTool = process.env.ESAFETY_RENDER_PAGES;
const screenshots = process.env.ESAFETY_SCREENSHOTS
  || await mkdtemp(path.join(os.tmpdir(), 'esafety-screens-'));
if (!renderTool) throw new Error('set ESAFETY_RENDER_PAGES to the esafety_render_pages tool');

const server = new PageServer();
let pagesDir;
let browser;     // scripts on: axe, layout, screenshots
let noScript;    // scripts off: the forms must still work
let pages = [];  // the manifest's list, read before the tests are declared

await server.listen();
pagesDir = await mkdtemp(path.join(os.tmpdir(), 'esafety-pages-'));
await promisify(execFile)(renderTool, [pagesDir, '--console-base', server.origin]);
await server.serve(pagesDir);
pages = server.manifest.pages;

before(async () => {
  await mkdir(screenshots, { recursive: true });
  browser = await launch({ viewport: IPAD });
  noScript = await launch({ viewport: IPAD, javaScriptEnabled: false });
  console.log(`screenshots: ${screenshots}`);
});

after(async () => {
  await browser?.close();
  await noScript?.close();
  await server.close();
  await rm(pagesDir, { recursive: true, force: true });
  assert.deepEqual(browser.offBox, [], 'chromium tried to reach off the box');
  assert.deepEqual(noScript.offBox, [], 'chromium tried to reach off the box');
});

// Opens a page and records everything that should never happen on it.
async function open(session, name, viewport = IPAD) {
  const page = await session.context.newPage();
  await page.setViewportSize(viewport);
  const trouble = { dialogs: [], consoleErrors: [], requests: [] };
  page.on('dialog', (d) => { trouble.dialogs.push(d.message()); d.dismiss(); });
  page.on('console', (m) => {
    // Chromium logs every non-2xx document; the pages are meant to be 403, 502...
    const expected = /^Failed to load resource: the server responded with a status of/;
    if (m.type() === 'error' && !expected.test(m.text())) trouble.consoleErrors.push(m.text());
  });
  page.on('request', (r) => trouble.requests.push(r.url()));
  const response = await page.goto(server.pageUrl(name));
  return { page, response, trouble };
}

function noHorizontalScroll(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

async function axeViolations(page) {
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(() => window.axe.run(document, {
    resultTypes: ['violations'],
  }));
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')),
  }));
}

describe('axe-core', () => {
  test('runs, and finds a known problem', async () => {
    const page = await browser.context.newPage();
    try {
      await page.setContent('<!DOCTYPE html><html lang="en"><title>t</title><main><button></button></main>');
      const ids = (await axeViolations(page)).map((v) => v.id);
      assert.ok(ids.includes('button-name'), `axe found ${ids}`);
    } finally {
      await page.close();
    }
  });
});

describe('every page', () => {
  for (const entry of pages) {
    test(`${entry.name}: status, self-contained, accessible, fits an iPad`, async (t) => {
      const { page, response, trouble } = await open(browser, entry.name);
      try {
        assert.equal(response.status(), entry.status);
        assert.equal(await page.getAttribute('html', 'lang'), 'en-GB');
        assert.equal(await page.locator('script').count(), 0, 'no script elements');
        assert.equal(await page.locator('img, iframe, link, object, embed').count(), 0);
        assert.deepEqual(trouble.requests, [server.pageUrl(entry.name)],
          'the page loads nothing but itself');
        assert.deepEqual(trouble.consoleErrors, [], 'no console errors (CSP violations show here)');

        const violations = await axeViolations(page);
        for (const v of violations) t.diagnostic(`axe ${v.impact}: ${v.id} (${v.help})`);
        const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        assert.deepEqual(serious, [], `axe: ${JSON.stringify(serious, null, 2)}`);

        for (const viewport of [IPAD, IPAD_LANDSCAPE, SMALL_PHONE]) {
          await page.setViewportSize(viewport);
          assert.ok(await noHorizontalScroll(page),
            `no horizontal scrolling at ${viewport.width}x${viewport.height}`);
        }
        await page.setViewportSize(IPAD);
        // Every button and link is big enough to tap.
        for (const target of await page.locator('button, a, summary').all()) {
          const box = await target.boundingBox();
          assert.ok(box.height >= MIN_TAP && box.width >= MIN_TAP,
            `tap target ${await target.innerText()} is ${box.width}x${box.height}`);
        }
        await page.screenshot({ path: path.join(screenshots, `${entry.name}.png`), fullPage: true });
        assert.deepEqual(trouble.dialogs, [], 'no script ran');
      } finally {
        await page.close();
      }
    });
  }
});

describe('child block page on a school iPad', () => {
  for (const viewport of [IPAD, IPAD_LANDSCAPE]) {
    test(`shows the owl and both buttons on the first screen at ${viewport.width}x${viewport.height}`,
      async () => {
        const { page } = await open(browser, 'block-child', viewport);
        try {
          const owl = page.getByRole('img', { name: /friendly owl/ });
          const tell = page.getByRole('button', { name: 'Tell a teacher' });
          const check = page.getByRole('button', { name: 'Ask for this site to be checked' });
          for (const [what, locator] of [['owl', owl], ['tell', tell], ['check', check]]) {
            await locator.waitFor({ state: 'visible' });
            const box = await locator.boundingBox();
            assert.ok(box.x >= 0 && box.x + box.width <= viewport.width, `${what} fits across`);
            if (viewport === IPAD) {
              assert.ok(box.y + box.height <= viewport.height, `${what} is on the first screen`);
            }
          }
          assert.ok((await tell.boundingBox()).height >= 56, 'children get big buttons');
          assert.equal(await page.locator('textarea').count(), 0, 'children get no free-text box');
          assert.match(await page.locator('h1').innerText(), /This website is not for school/);
          assert.ok(await noHorizontalScroll(page));
          await page.screenshot({
            path: path.join(screenshots, `block-child-first-screen-${viewport.width}.png`),
          });
        } finally {
          await page.close();
        }
      });
  }
});

describe('hostile input stays text', () => {
  for (const name of pages.filter((p) => p.hostile).map((p) => p.name)) {
    test(name, async () => {
      const { page, trouble } = await open(browser, name);
      try {
        assert.equal(await page.locator('script, img').count(), 0);
        assert.match(await page.locator('main').innerText(), /<script>alert\(1\)<\/script>/);
        await page.waitForTimeout(200);
        assert.deepEqual(trouble.dialogs, []);
        assert.ok(await noHorizontalScroll(page), 'a 400-character URL still wraps');
      } finally {
        await page.close();
      }
    });
  }
});

describe('forms work with scripts switched off', () => {
  test('a child presses "Tell a teacher"', async () => {
    const { page } = await open(noScript, 'block-child');
    try {
      const ref = await page.locator('.ref').first().innerText();
      assert.match(ref, /^ES-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
      server.posts.length = 0;
      await Promise.all([page.waitForURL(/\/blocked\/tell-teacher$/),
        page.getByRole('button', { name: 'Tell a teacher' }).click()]);
      assert.deepEqual(server.posts, [{ path: '/blocked/tell-teacher', fields: { ref } }]);
      assert.match(await page.locator('h1').innerText(), /Your teacher has been told/);
      await page.screenshot({ path: path.join(screenshots, 'flow-child-told-teacher.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  test('a child asks for the site to be checked', async () => {
    const { page } = await open(noScript, 'block-child');
    try {
      server.posts.length = 0;
      await Promise.all([page.waitForURL(/\/blocked\/ask-check$/),
        page.getByRole('button', { name: 'Ask for this site to be checked' }).click()]);
      assert.equal(server.posts.length, 1);
      assert.deepEqual(Object.keys(server.posts[0].fields), ['ref']);
      assert.match(await page.locator('h1').innerText(), /A grown-up will check this website/);
    } finally {
      await page.close();
    }
  });

  test('an adult says why they need the site', async () => {
    const { page } = await open(noScript, 'block-adult');
    try {
      server.posts.length = 0;
      await page.getByLabel('Why do you need it?').fill('Year 6 SATs revision & "practice" <quiz>');
      await Promise.all([page.waitForURL(/\/blocked\/ask-check$/),
        page.getByRole('button', { name: 'Ask for this site to be checked' }).click()]);
      assert.equal(server.posts.length, 1);
      assert.equal(server.posts[0].path, '/blocked/ask-check');
      assert.equal(server.posts[0].fields.why, 'Year 6 SATs revision & "practice" <quiz>');
      assert.match(server.posts[0].fields.ref, /^ES-/);
      assert.match(await page.locator('h1').innerText(), /Your request has been sent/);
    } finally {
      await page.close();
    }
  });

  test('the hostile token is posted back exactly as given', async () => {
    const { page } = await open(noScript, 'block-child-hostile');
    try {
      server.posts.length = 0;
      await Promise.all([page.waitForURL(/\/blocked\/tell-teacher$/),
        page.getByRole('button', { name: 'Tell a teacher' }).click()]);
      assert.equal(server.posts[0].fields.token,
        '"><script>alert(1)</script><img src=x onerror=alert(2)>');
    } finally {
      await page.close();
    }
  });
});

describe('the visitor link', () => {
  test('goes to {console_base}/visitor', async () => {
    const { page } = await open(noScript, 'unknown-device');
    try {
      const href = await page.getByRole('link', { name: 'Visitor sign-in' }).getAttribute('href');
      assert.equal(href, `${server.origin}/visitor`);
    } finally {
      await page.close();
    }
  });
});
