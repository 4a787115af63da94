// The app's only way to the hub: POST /graphql with the caller's token, as any agency app would.
import { accessToken, SessionEnded, type AuthConfig } from './auth';
import type { HubError } from './errors';

export class GraphQlErrors extends Error {
  constructor(public readonly errors: HubError[]) {
    super(errors.map((e) => e.message).join('; '));
  }
}

export class NetworkError extends Error {}

let authConfig: AuthConfig;
let onSessionEnded: () => void = () => {};

export function configureApi(config: AuthConfig, sessionEnded: () => void): void {
  authConfig = config;
  onSessionEnded = sessionEnded;
}

async function post(token: string, query: string, variables: Record<string, unknown>): Promise<Response> {
  try {
    return await fetch('/graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new NetworkError('network');
  }
}

/** Runs one operation; answers its data, or throws GraphQlErrors (any error means nothing was written). */
export async function gql<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  let response: Response;
  try {
    response = await post(await accessToken(authConfig), query, variables);
    if (response.status === 401) {
      // the token may have been revoked or expired in flight: one refresh, then the session is over
      response = await post(await accessToken(authConfig, true), query, variables);
    }
  } catch (e) {
    if (e instanceof SessionEnded) onSessionEnded();
    throw e;
  }
  if (response.status === 401) {
    onSessionEnded();
    throw new SessionEnded();
  }
  let body: { data?: T; errors?: HubError[] };
  try {
    body = await response.json();
  } catch {
    throw new GraphQlErrors([{ message: `HTTP ${response.status}`, extensions: { classification: response.status >= 500 ? 'UNAVAILABLE' : 'OTHER' } }]);
  }
  if (body.errors?.length) throw new GraphQlErrors(body.errors);
  return body.data as T;
}

/** Sends a file as the request body to one of the hub's upload addresses (the evidence of a proposal). */
export async function uploadFile(path: string, file: File): Promise<any> {
  let response: Response;
  try {
    response = await fetch(`${path}?fileName=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { 'Content-Type': file.type || 'application/octet-stream', Accept: 'application/json', Authorization: `Bearer ${await accessToken(authConfig)}` },
      body: file,
    });
  } catch (e) {
    if (e instanceof SessionEnded) onSessionEnded();
    throw e instanceof SessionEnded ? e : new NetworkError('network');
  }
  if (response.status === 401) {
    onSessionEnded();
    throw new SessionEnded();
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new GraphQlErrors([{ message: body.message ?? `HTTP ${response.status}`,
      extensions: { classification: body.classification ?? 'OTHER', field: body.field } }]);
  }
  return body;
}

/** Downloads a file the hub serves to signed-in callers only (an attachment), under its own name. */
export async function downloadFile(url: string, fileName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { Authorization: `Bearer ${await accessToken(authConfig)}` } });
  } catch {
    throw new NetworkError('network');
  }
  if (!response.ok) throw new GraphQlErrors([{ message: `HTTP ${response.status}`, extensions: { classification: response.status === 404 ? 'NOT_FOUND' : 'OTHER' } }]);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** Posts a form (a file import) or nothing (an apply) to one of the hub's HTTP endpoints with the caller's token; answers its JSON. */
export async function postForm(path: string, form?: FormData): Promise<any> {
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers: { Accept: 'application/json', Authorization: `Bearer ${await accessToken(authConfig)}` }, body: form });
  } catch (e) {
    if (e instanceof SessionEnded) onSessionEnded();
    throw e instanceof SessionEnded ? e : new NetworkError('network');
  }
  if (response.status === 401) {
    onSessionEnded();
    throw new SessionEnded();
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const classification = body.classification ?? (response.status === 403 ? 'FORBIDDEN' : response.status === 404 ? 'NOT_FOUND'
      : response.status === 409 ? 'CONFLICT' : response.status < 500 ? 'BAD_REQUEST' : 'INTERNAL_ERROR');
    throw new GraphQlErrors([{ message: body.message ?? `HTTP ${response.status}`, extensions: { classification, field: body.field } }]);
  }
  return body;
}
