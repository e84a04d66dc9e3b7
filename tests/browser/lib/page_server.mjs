// A tiny HTTP server on 127.0.0.1 standing in for the proxy and the console:
// it serves the rendered pages with the status and headers the proxy would
// send, and answers the block page's two form posts the way the console will
// (recording what was posted, then sending the thank-you page).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export class PageServer {
  constructor() {
    this.dir = null;          // set by serve(), after the pages are rendered
    this.manifest = null;
    this.posts = [];          // [{path, fields}] for every form post received
    this.requests = [];       // every request path, in order
    this.server = createServer((req, res) => this.#handle(req, res).catch((err) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    }));
  }

  // Listens on an ephemeral loopback port; returns the origin.
  async listen() {
    await new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${this.server.address().port}`;
    return this.origin;
  }

  async serve(dir) {
    this.dir = dir;
    this.manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
  }

  close() {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(resolve));
  }

  pageUrl(name) {
    return `${this.origin}/pages/${name}`;
  }

  async #handle(req, res) {
    const url = new URL(req.url, this.origin);
    this.requests.push(`${req.method} ${url.pathname}`);

    if (req.method === 'POST' && url.pathname.startsWith('/blocked/')) {
      const fields = Object.fromEntries(new URLSearchParams(await readBody(req)));
      this.posts.push({ path: url.pathname, fields });
      // The console would look the reference up; the tests tell it the audience.
      const kind = url.pathname === '/blocked/tell-teacher' ? 'told-teacher' : 'asked-check';
      const audience = 'why' in fields ? 'adult' : 'child';
      return this.#sendPage(res, `thanks-${kind}-${audience}`);
    }
    if (req.method === 'GET' && url.pathname === '/proxy.pac') {
      res.writeHead(200, this.manifest.pac_headers);
      return res.end(await readFile(path.join(this.dir, this.manifest.pac)));
    }
    const match = /^\/pages\/([a-z0-9-]+)$/.exec(url.pathname);
    if (req.method === 'GET' && match) return this.#sendPage(res, match[1]);
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  }

  async #sendPage(res, name) {
    const page = this.manifest.pages.find((p) => p.name === name);
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end(`no page ${name}`);
    }
    res.writeHead(page.status, this.manifest.headers);
    res.end(await readFile(path.join(this.dir, page.file)));
  }
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      body += chunk;
      if (body.length > 64 * 1024) reject(new Error('form body too large'));
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}
