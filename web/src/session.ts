// Who is signed in, as the server says (GET /api/v1/session), and signing in
// and out. The permissions list comes from the server's one permission
// matrix; the console only uses it to hide what the server would refuse.
import { ApiError, request, setCsrfToken } from "./api";
import type { Permission, Session as SessionBody, User } from "./types";

export type { User };

export async function currentUser(): Promise<User | null> {
  try {
    const body = await request<SessionBody>("GET", "/session", undefined, { retryOnExpiry: false });
    setCsrfToken(body.csrf);
    return body.user;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export interface Credentials {
  email: string;
  password: string;
  code?: string; // the six-digit TOTP code, for roles that have it on
}

export async function signIn(credentials: Credentials): Promise<User> {
  const body = await request<SessionBody>("POST", "/session", credentials, { retryOnExpiry: false });
  setCsrfToken(body.csrf);
  return body.user;
}

export async function signOut(): Promise<void> {
  await request<void>("DELETE", "/session", undefined, { retryOnExpiry: false });
  setCsrfToken("");
}

export function can(user: User | null, permission: Permission): boolean {
  return user !== null && user.permissions.includes(permission);
}
