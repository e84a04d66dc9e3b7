// Evaluates the PAC file that esafety_render_pages writes (see the options in
// src/pages/render_pages_main.cc) in a Node vm with the browser's PAC
// functions, and checks where each kind of host goes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { loadPac } from './lib/pac_sandbox.mjs';

const PROXIES = 'PROXY filter1.la.example:3128; PROXY filter2.la.example:3128';

async function renderedPac() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'esafety-pac-'));
  try {
    await promisify(execFile)(process.env.ESAFETY_RENDER_PAGES, [dir]);
    return await readFile(path.join(dir, 'proxy.pac'), 'utf8');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const source = await renderedPac();

test('local names, loopback and the console go direct', () => {
  const pac = loadPac(source);
  for (const host of ['intranet', 'localhost', 'LOCALHOST', 'printer.localhost', '127.0.0.1',
    '127.8.9.10', '::1', '[::1]', 'esafety.school.internal', 'ESAFETY.School.Internal']) {
    assert.equal(pac.findHost(host), 'DIRECT', host);
  }
});

test('bypass domains and their subdomains go direct, look-alikes do not', () => {
  const pac = loadPac(source);
  for (const host of ['school.internal', 'mis.school.internal', 'a.b.mis.example', 'mis.example']) {
    assert.equal(pac.findHost(host), 'DIRECT', host);
  }
  for (const host of ['notschool.internal', 'school.internal.evil.example', 'xmis.example']) {
    assert.equal(pac.findHost(host), PROXIES, host);
  }
});

test('addresses in bypass networks go direct, others through the filter', () => {
  const pac = loadPac(source);
  assert.equal(pac.findHost('10.20.3.4'), 'DIRECT');
  assert.equal(pac.findHost('192.168.50.200'), 'DIRECT');
  assert.equal(pac.findHost('10.21.0.1'), PROXIES);
  assert.equal(pac.findHost('192.168.51.1'), PROXIES);
});

test('everything else goes through the filter, IPv6 included', () => {
  const pac = loadPac(source);
  for (const url of ['http://www.bbc.co.uk/bitesize', 'https://adult-demo.example/',
    'http://127.example.com/', 'http://[2001:db8::1]/', 'http://[fd00::5]:8080/x']) {
    assert.equal(pac.find(url), PROXIES, url);
  }
});

test('it resolves no names (browsers call it for every request)', () => {
  const pac = loadPac(source, { dns: { 'www.bbc.co.uk': '10.20.0.9' } });
  assert.equal(pac.findHost('www.bbc.co.uk'), PROXIES);
  assert.deepEqual(pac.lookups, []);
});
