// GraphiQL, bundled from npm like the app (nothing from a CDN), signing in through Keycloak with the
// same public client: authorization code with PKCE, tokens kept in this tab only.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import 'graphiql/graphiql.css';
import { accessToken, claims, completeSignIn, signIn, signOut, storedTokens, SessionEnded, type AuthConfig } from '../src/auth';

async function start() {
  const config: AuthConfig = await (await fetch('/graphiql/config')).json();
  await completeSignIn(config);
  const tokens = storedTokens();
  const signInButton = document.getElementById('signin')!;
  const signOutButton = document.getElementById('signout')!;
  signInButton.hidden = !!tokens;
  signOutButton.hidden = !tokens;
  signInButton.onclick = () => signIn(config);
  signOutButton.onclick = () => signOut(config);
  if (tokens) {
    const who = claims(tokens.access_token);
    const roles = (who.realm_access?.roles ?? []).join(', ');
    document.getElementById('who')!.textContent =
      `Signed in as ${who.preferred_username} (${roles}${who.region ? ', region ' + who.region : ''})`;
  }
  const plain = createGraphiQLFetcher({ url: `${location.origin}/graphql` });
  const fetcher: typeof plain = async (params, options) => {
    const headers: Record<string, string> = { ...(options?.headers as Record<string, string> ?? {}) };
    try {
      if (storedTokens()) headers.Authorization = `Bearer ${await accessToken(config)}`;
    } catch (e) {
      if (!(e instanceof SessionEnded)) throw e;
      document.getElementById('who')!.textContent = 'Session ended: sign in again';
      signInButton.hidden = false;
      signOutButton.hidden = true;
    }
    return plain(params, { ...options, headers });
  };
  createRoot(document.getElementById('graphiql')!).render(
    createElement(GraphiQL, { fetcher, defaultEditorToolsVisibility: true }));
}

start();
