// A console API client as the web console is one: the session cookie, the
// CSRF token on every change, JSON bodies. Every answer comes back whole
// (status, Content-Type, parsed body) for the caller to check.
//
//   const api = new ApiClient("http://127.0.0.1:8080");
//   await api.signIn("it@demo-school.example", "esafety-demo");
//   const r = await api.call("GET", "/people");   // {status, contentType, body, text}
import http from "node:http";

export class ApiClient {
  constructor(base) {
    this.base = base;
    this.cookie = "";
    this.csrf = "";
  }

  async call(method, path, body) {
    const headers = { Accept: "application/json" };
    if (this.cookie) headers.Cookie = this.cookie;
    if (method !== "GET" && this.csrf) headers["X-CSRF-Token"] = this.csrf;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(`${this.base}/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: "manual",
    });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("esafety_session="));
    if (cookie) this.cookie = cookie.split(";")[0];
    const contentType = response.headers.get("content-type") ?? "";
    const text = await response.text();
    let parsed = text;
    if (contentType.startsWith("application/json") && text !== "") {
      try {
        parsed = JSON.parse(text);
      } catch (e) {
        throw new Error(`${method} ${path}: ${response.status} says JSON but is not: ${e.message}: ${text.slice(0, 200)}`);
      }
    }
    return { status: response.status, contentType, body: parsed, text };
  }

  // GET of a stream (text/event-stream): the status, the Content-Type and
  // the first bytes, then the connection is closed. Other answers whole.
  async open(path) {
    const headers = { Accept: "text/event-stream" };
    if (this.cookie) headers.Cookie = this.cookie;
    const aborter = new AbortController();
    const response = await fetch(`${this.base}/api/v1${path}`, { headers, signal: aborter.signal, redirect: "manual" });
    const contentType = response.headers.get("content-type") ?? "";
    if (!contentType.startsWith("text/event-stream")) {
      const text = await response.text();
      let body = text;
      if (contentType.startsWith("application/json") && text !== "") body = JSON.parse(text);
      return { status: response.status, contentType, body, text };
    }
    const reader = response.body.getReader();
    const first = await reader.read();
    aborter.abort();
    const text = first.value ? new TextDecoder().decode(first.value) : "";
    return { status: response.status, contentType, body: undefined, text };
  }

  async signIn(email, password) {
    const r = await this.call("POST", "/session", { email, password });
    if (r.status !== 200) throw new Error(`${email} cannot sign in: ${r.status} ${r.text}`);
    this.csrf = r.body.csrf;
    return r;
  }
}

// POSTs a form from a given local address (a device on the school network),
// as the block page's buttons do: 127.0.0.21 is a KS2 iPad in the demo.
export function postFormFrom(localAddress, url, form) {
  const body = new URLSearchParams(form).toString();
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: "POST",
      localAddress,
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body) },
    }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode));
    });
    req.on("error", reject);
    req.end(body);
  });
}
