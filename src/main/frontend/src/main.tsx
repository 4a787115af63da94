import { render } from 'preact';
import { App, type Session } from './app';
import { completeSignIn, storedTokens, type AuthConfig } from './auth';
import { configureApi } from './api';
import { lang, setLang } from './i18n';
import './styles.css';

async function start() {
  setLang(lang());
  const root = document.getElementById('app')!;
  const config: AuthConfig = await (await fetch('/app/config')).json();
  configureApi(config, () => dispatchEvent(new Event('terpadu:session-ended')));
  let session: Session = 'signed-out';
  try {
    await completeSignIn(config);
  } catch {
    session = 'ended';
  }
  const params = new URLSearchParams(location.search);
  if (params.has('keluar')) {
    history.replaceState(null, '', '/');
    session = 'left';
  } else if (storedTokens()) {
    session = 'signed-in';
  }
  root.textContent = '';
  render(<App config={config} initial={session} />, root);
}

start();
