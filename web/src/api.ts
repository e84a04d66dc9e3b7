// The console's one way to the JSON API (/api/v1, documented in
// docs/api/openapi.yaml). Every state-changing request carries the session's
// CSRF token. A 401 means the session has ended: the request waits while the
// sign-in dialog asks again, then is sent once more, so a half-filled form is
// never lost.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterSeconds?: number,
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

type ReauthHandler = () => Promise<void>;

let csrfToken = "";
let reauth: ReauthHandler | null = null;

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

// The session layer installs this: it shows the sign-in dialog and resolves
// once the user is signed in again.
export function onSessionExpired(handler: ReauthHandler): void {
  reauth = handler;
}

async function errorFrom(response: Response): Promise<ApiError> {
  let message = `${response.status} ${response.statusText}`;
  let retry: number | undefined;
  let body: Record<string, unknown> = {};
  try {
    body = await response.json();
    if (typeof body.error === "string") message = body.error;
    if (typeof body.retry_after_s === "number") retry = body.retry_after_s;
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(response.status, message, retry, body);
}

export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  options: { retryOnExpiry?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  const response = await fetch(`/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
  if (response.status === 401 && options.retryOnExpiry !== false && reauth) {
    await reauth();
    return request<T>(method, path, body, { retryOnExpiry: false });
  }
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const get = <T>(path: string) => request<T>("GET", path);
export const post = <T>(path: string, body?: unknown) => request<T>("POST", path, body ?? {});
