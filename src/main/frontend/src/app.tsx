// The app's frame: sign-in state, the menu the caller's schema allows, the language switch and the screens.
import { useEffect, useState } from 'preact/hooks';
import { claims, signIn, signOut, storedTokens, type AuthConfig } from './auth';
import { gql } from './api';
import { canQuery, canMutate, can, parseCapabilities, INTROSPECTION, type Capabilities } from './capabilities';
import { lang, setLang, t, type Key, type Lang } from './i18n';
import { ErrorMessage, Loading, useLoad, useRoute } from './ui';
import { RegionHouseholds, Search } from './households';
import { HouseholdPage } from './household';
import { Worklists } from './worklists';
import { Statistics } from './statistics';
import { PolicyMatrix } from './policy';
import { RegisterHousehold } from './register';
import { ChangeRequests } from './proposals';
import { Verification } from './verification';
import { JknImport, Uninsured } from './health';
import { ServiceDesk } from './desk';

export type Session = 'signed-in' | 'signed-out' | 'ended' | 'left';

interface MenuItem { path: string; label: Key; shown: (c: Capabilities) => boolean }

const MENU: MenuItem[] = [
  { path: '/', label: 'home', shown: () => true },
  { path: '/cari', label: 'search', shown: (c) => canQuery(c, 'households') || canQuery(c, 'member') },
  { path: '/daftar-kerja', label: 'worklists', shown: (c) => can(c, 'Household', 'suggestedCluster') && canMutate(c, 'assignCluster') },
  { path: '/daftar', label: 'register', shown: (c) => canMutate(c, 'registerHousehold') || canMutate(c, 'proposeRegistration') },
  { path: '/usulan', label: 'proposals', shown: (c) => canQuery(c, 'changeRequests') },
  { path: '/verifikasi', label: 'verification', shown: (c) => canQuery(c, 'verificationRounds') && canMutate(c, 'recordVerificationResult') },
  { path: '/jkn', label: 'jknImport', shown: (c) => canMutate(c, 'updateJknStatuses') && canQuery(c, 'importJob') },
  { path: '/tanpa-jkn', label: 'uninsured', shown: (c) => can(c, 'HouseholdFilter', 'jknSegment') && can(c, 'Member', 'health') },
  { path: '/layanan', label: 'desk', shown: (c) => canQuery(c, 'serviceRequests') },
  { path: '/statistik', label: 'statistics', shown: (c) => canQuery(c, 'statistics') },
  { path: '/kebijakan', label: 'policy', shown: (c) => canQuery(c, 'accessPolicy') },
];

export function App({ config, initial }: { config: AuthConfig; initial: Session }) {
  const [session, setSession] = useState<Session>(initial);
  const [language, setLanguage] = useState<Lang>(lang());
  useEffect(() => {
    const ended = () => setSession('ended');
    addEventListener('terpadu:session-ended', ended);
    return () => removeEventListener('terpadu:session-ended', ended);
  }, []);
  const changeLanguage = (next: Lang) => { setLang(next); setLanguage(next); };
  return (
    <div key={language}>
      <a class="skip" href="#main">{t('skip')}</a>
      <header class="top">
        <div class="brand"><strong>{t('appName')}</strong> <span>{t('tagline')}</span></div>
        <label class="lang">{t('language')}
          <select value={language} onChange={(e) => changeLanguage(e.currentTarget.value as Lang)}>
            <option value="id" lang="id">Bahasa Indonesia</option>
            <option value="en" lang="en">English</option>
          </select>
        </label>
        {session === 'signed-in' && <button type="button" onClick={() => signOut(config)}>{t('signOut')}</button>}
      </header>
      {session === 'signed-in' ? <SignedIn /> : <SignedOut config={config} session={session} />}
    </div>
  );
}

function SignedOut({ config, session }: { config: AuthConfig; session: Session }) {
  const [title, text, button]: Key[] = session === 'ended' ? ['sessionEndedTitle', 'sessionEndedText', 'signInAgain']
    : session === 'left' ? ['signedOutTitle', 'signedOutText', 'signInAgain'] : ['signInTitle', 'signInText', 'signIn'];
  return (
    <main id="main" class="signed-out">
      <h1>{t(title)}</h1>
      <p>{t(text)}</p>
      <button type="button" class="primary" onClick={() => signIn(config)}>{t(button)}</button>
    </main>
  );
}

function SignedIn() {
  const tokens = storedTokens()!;
  const who = claims(tokens.access_token);
  const caps = useLoad(async () => parseCapabilities(await gql(INTROSPECTION)), []);
  const route = useRoute();
  if (caps.loading) return <main id="main"><Loading /></main>;
  if (caps.error || !caps.data) return <main id="main"><ErrorMessage error={caps.error} /></main>;
  const c = caps.data;
  const [path, query] = route.split('?');
  const params = new URLSearchParams(query ?? '');
  const regency = (who.region ?? '51.06').split('.').slice(0, 2).join('.');
  const items = MENU.filter((m) => m.shown(c));
  return (
    <>
      <nav class="menu" aria-label={t('menu')}>
        <ul>{items.map((m) => (
          <li key={m.path}><a href={`#${m.path}`} aria-current={path === m.path ? 'page' : undefined}>{t(m.label)}</a></li>))}
          <li><a href="/graphiql">{t('graphiql')}</a></li>
        </ul>
        <p class="who">{t('signedInAs', { user: who.preferred_username ?? '' })}
          {who.realm_access?.roles?.length ? ` (${who.realm_access.roles.filter((r) => !r.startsWith('default-') && r !== 'offline_access' && r !== 'uma_authorization').join(', ')})` : ''}</p>
      </nav>
      <main id="main">
        {path === '/' ? <Home caps={c} region={who.region} user={who.name ?? who.preferred_username ?? ''} items={items} />
          : path === '/cari' ? <Search caps={c} initial={params.get('q') ?? ''} />
            : path.startsWith('/rt/') ? <HouseholdPage caps={c} id={decodeURIComponent(path.slice(4))} />
              : path === '/daftar-kerja' ? <Worklists caps={c} regency={regency} />
                : path === '/daftar' ? <RegisterHousehold caps={c} region={who.region} />
                  : path === '/usulan' ? <ChangeRequests caps={c} me={who.preferred_username ?? ''} />
                  : path === '/verifikasi' ? <Verification caps={c} region={who.region} regency={regency} />
                  : path === '/jkn' ? <JknImport caps={c} />
                  : path === '/tanpa-jkn' ? <Uninsured caps={c} regency={regency} />
                  : path === '/layanan' ? <ServiceDesk caps={c} />
                  : path === '/statistik' ? <Statistics caps={c} regency={regency} />
                    : path === '/kebijakan' ? <PolicyMatrix />
                      : <p role="alert">{t('notFoundPage')}</p>}
      </main>
    </>
  );
}

function Home({ caps, region, user, items }: { caps: Capabilities; region?: string; user: string; items: MenuItem[] }) {
  const village = region && region.split('.').length === 4;
  const place = useLoad(() => (region && canQuery(caps, 'region')
    ? gql('query($code: String!) { region(code: $code) { code name level parent { name } } }', { code: region })
    : Promise.resolve(null)), [region]);
  if (village && canQuery(caps, 'households')) {
    if (place.loading) return <Loading />;
    const name = place.data?.region?.name ?? region!;
    return (
      <div>
        <h1>{t('villageOf', { name })}</h1>
        {place.data?.region?.parent && <p>{place.data.region.parent.name} · <span class="mono">{region}</span></p>}
        <h2>{t('householdsOfVillage')}</h2>
        <RegionHouseholds caps={caps} region={region!} caption={t('householdsOfVillage')} />
      </div>
    );
  }
  return (
    <div>
      <h1>{t('welcome', { user })}</h1>
      {place.data?.region && <p>{place.data.region.name} · <span class="mono">{place.data.region.code}</span></p>}
      <p>{t('whatYouCanDo')}</p>
      <ul class="tiles">{items.filter((m) => m.path !== '/').map((m) => (
        <li key={m.path}><a href={`#${m.path}`}>{t(m.label)}</a></li>))}</ul>
    </div>
  );
}
