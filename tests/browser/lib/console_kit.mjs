// Helpers shared by the console's browser tests (console, console_lists,
// console_people, console_policy, console_ipad, console_totp): axe-core,
// screenshots, signing in, browsing through the proxy as a device, and
// waiting for the filter to catch up.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const AXE_SOURCE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

// axe-core on the page as it is now: no serious or critical WCAG 2.1 AA problem.
export async function axe(page, name) {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(async () => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [],
    `${name}: axe found serious problems`);
}

export async function shot(page, name) {
  const dir = process.env.ESAFETY_SCREENSHOTS;
  if (dir) await page.screenshot({ path: path.join(dir, `console-${name}.png`), fullPage: true });
}

// The sign-in page's form (or the dialog's, when `scope` is the dialog).
export async function signIn(scope, email, password) {
  await scope.getByLabel('Email').fill(email);
  await scope.getByLabel('Password').fill(password);
  await scope.getByRole('button', { name: 'Sign in' }).click();
}

// GET `url` through the proxy as the device at `source`; the HTTP status.
export async function browseFrom(proxy, source, url) {
  const { stdout } = await run('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', '--max-time', '10',
    '--interface', source, '-x', proxy, url]);
  return Number(stdout);
}

// Retries `fn` until it returns true (the filter reloads within ~2 s of a change).
export async function eventually(what, fn, seconds = 30) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > deadline) assert.fail(`${what}: not within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
