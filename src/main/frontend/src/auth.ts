// Sign-in through Keycloak: authorization code with PKCE for a public client, tokens kept in this
// browser tab only (sessionStorage), refreshed before they expire, and a clear end when they cannot be.

export interface AuthConfig {
  issuer: string;
  clientId: string;
}

export interface Tokens {
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  expires_in: number;
  refresh_expires_in?: number;
  obtained: number;
}

export interface Claims {
  preferred_username?: string;
  name?: string;
  region?: string;
  realm_access?: { roles?: string[] };
  exp?: number;
}

const TOKENS = 'terpadu.tokens';
const VERIFIER = 'terpadu.pkce.verifier';
const STATE = 'terpadu.pkce.state';
/** Seconds before expiry at which a token is refreshed rather than sent. */
export const REFRESH_MARGIN_SECONDS = 30;

export function base64url(bytes: ArrayBuffer | Uint8Array): string {
  const array = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let text = '';
  for (const byte of array) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function randomSecret(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** The S256 code challenge of a PKCE verifier (RFC 7636). */
export async function codeChallenge(verifier: string): Promise<string> {
  return base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
}

/** The claims of a token, read without checking it (the hub checks it). */
export function claims(token: string): Claims {
  const part = token.split('.')[1] ?? '';
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))));
}

/** Whether the access token is due for a refresh at this moment (milliseconds). */
export function accessTokenDue(tokens: Tokens, now: number): boolean {
  return now >= tokens.obtained + (tokens.expires_in - REFRESH_MARGIN_SECONDS) * 1000;
}

/** Whether the refresh token can no longer be used (Keycloak's SSO session ended). */
export function refreshExpired(tokens: Tokens, now: number): boolean {
  if (!tokens.refresh_token) return true;
  if (!tokens.refresh_expires_in) return false;
  return now >= tokens.obtained + tokens.refresh_expires_in * 1000;
}

const endpoint = (config: AuthConfig, path: string) => `${config.issuer}/protocol/openid-connect/${path}`;
/** Keycloak sends the browser back to the page that signed in: the app at /, GraphiQL at /graphiql. */
const appUrl = () => `${location.origin}${location.pathname}`;

export function storedTokens(): Tokens | null {
  return JSON.parse(sessionStorage.getItem(TOKENS) ?? 'null');
}

export async function signIn(config: AuthConfig): Promise<void> {
  const verifier = randomSecret();
  const state = randomSecret();
  sessionStorage.setItem(VERIFIER, verifier);
  sessionStorage.setItem(STATE, state);
  const query = new URLSearchParams({
    client_id: config.clientId, response_type: 'code', scope: 'openid', redirect_uri: appUrl(),
    code_challenge: await codeChallenge(verifier), code_challenge_method: 'S256', state,
    ui_locales: document.documentElement.lang || 'id',
  });
  location.assign(`${endpoint(config, 'auth')}?${query}`);
}

async function tokenRequest(config: AuthConfig, form: Record<string, string>): Promise<Tokens> {
  const response = await fetch(endpoint(config, 'token'), { method: 'POST', body: new URLSearchParams(form) });
  if (!response.ok) throw new Error(`token endpoint answered ${response.status}`);
  const tokens: Tokens = { ...(await response.json()), obtained: Date.now() };
  sessionStorage.setItem(TOKENS, JSON.stringify(tokens));
  return tokens;
}

/** Finishes a sign-in when Keycloak sent the browser back with a code; answers whether it did. */
export async function completeSignIn(config: AuthConfig): Promise<boolean> {
  const params = new URLSearchParams(location.search);
  if (!params.has('code')) return false;
  history.replaceState(null, '', location.pathname + location.hash);
  if (params.get('state') !== sessionStorage.getItem(STATE)) throw new Error('state mismatch');
  await tokenRequest(config, {
    grant_type: 'authorization_code', client_id: config.clientId, code: params.get('code')!,
    redirect_uri: appUrl(), code_verifier: sessionStorage.getItem(VERIFIER) ?? '',
  });
  sessionStorage.removeItem(VERIFIER);
  sessionStorage.removeItem(STATE);
  return true;
}

/** Thrown when the session cannot go on: the user must sign in again. */
export class SessionEnded extends Error {
  constructor() {
    super('session ended');
  }
}

let refreshing: Promise<Tokens> | null = null;

/** A valid access token, refreshed when due; throws SessionEnded when that is no longer possible. */
export async function accessToken(config: AuthConfig, forceRefresh = false): Promise<string> {
  const tokens = storedTokens();
  if (!tokens) throw new SessionEnded();
  if (!forceRefresh && !accessTokenDue(tokens, Date.now())) return tokens.access_token;
  if (refreshExpired(tokens, Date.now())) {
    endSession();
    throw new SessionEnded();
  }
  refreshing ??= tokenRequest(config, {
    grant_type: 'refresh_token', client_id: config.clientId, refresh_token: tokens.refresh_token!,
  }).finally(() => { refreshing = null; });
  try {
    return (await refreshing).access_token;
  } catch {
    endSession();
    throw new SessionEnded();
  }
}

export function endSession(): void {
  sessionStorage.removeItem(TOKENS);
}

/** Signs out of Keycloak too, and comes back to the app's signed-out page. */
export function signOut(config: AuthConfig): void {
  const tokens = storedTokens();
  endSession();
  const query = new URLSearchParams({ client_id: config.clientId, post_logout_redirect_uri: `${appUrl()}?keluar=1` });
  if (tokens?.id_token) query.set('id_token_hint', tokens.id_token);
  location.assign(`${endpoint(config, 'logout')}?${query}`);
}
