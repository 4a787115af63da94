// A verification round in the village: every household with its result in the round, the ones still
// pending first, entered row by row from the keyboard (Enter saves and moves to the next pending
// household); UPT-PK opens a round here too.
import { useRef, useState } from 'preact/hooks';
import { gql } from './api';
import { can, canMutate, canQuery, select, type Capabilities, type Selection } from './capabilities';
import { formatNumber, t, tCode } from './i18n';
import { ErrorMessage, Loading, errorText, useLoad } from './ui';
import { RegionPicker } from './region-picker';
import { entryDefaults, pendingFirst, resultIn } from './verification-logic';
import { VerificationOutcomeValues } from './generated/schema';

const ROW: Selection = ['id', 'kk', 'address',
  ['head', 'Member', ['name']],
  ['members', 'Member', ['id', 'status']],
  ['social', 'SocialFacet', [['cluster', 'Cluster', ['code']]]],
  ['verification', 'VerificationResult', ['result', 'persons', 'note', ['round', 'VerificationRound', ['name']], ['cluster', 'Cluster', ['code']]]]];
const MAX_PAGES = 10;

export function Verification({ caps, region, regency }: { caps: Capabilities; region?: string; regency: string }) {
  const village = region && region.split('.').length === 4 ? region : null;
  const [picked, setPicked] = useState<string | null>(null);
  const [round, setRound] = useState('');
  const rounds = useLoad(() => gql('{ verificationRounds { name year status } }'), []);
  const open = (rounds.data?.verificationRounds ?? []).filter((r: any) => r.status === 'OPEN');
  const chosen = round || open[open.length - 1]?.name || '';
  const where = village ?? picked;
  return (
    <div>
      <h1>{t('verification')}</h1>
      <p>{t('verificationIntro')}</p>
      <ErrorMessage error={rounds.error} />
      {canMutate(caps, 'openVerificationRound') && <OpenRound onOpened={(name) => { setRound(name); rounds.reload(); }} />}
      {rounds.data && open.length === 0 && <p role="status">{t('noOpenRound')}</p>}
      {open.length > 0 && (
        <div class="filters">
          <label>{t('round')}
            <select value={chosen} onChange={(e) => setRound(e.currentTarget.value)}>
              {open.map((r: any) => <option key={r.name} value={r.name}>{r.name}</option>)}
            </select>
          </label>
        </div>)}
      {!village && open.length > 0 && <RegionPicker caps={caps} regency={regency} onChange={setPicked} />}
      {chosen && where && <RoundEntry key={`${chosen}-${where}`} caps={caps} round={chosen} region={where} />}
    </div>
  );
}

function OpenRound({ onOpened }: { onOpened: (name: string) => void }) {
  const year = new Date().getFullYear();
  const [name, setName] = useState(String(year));
  const [state, setState] = useState<{ saving?: boolean; error?: unknown; done?: boolean }>({});
  const submit = async (e: Event) => {
    e.preventDefault();
    setState({ saving: true });
    try {
      const rounds = (await gql('{ verificationRounds { name status } }')).verificationRounds;
      const previous = rounds.length ? rounds[rounds.length - 1].name : null;
      await gql('mutation Open($input: OpenVerificationRoundInput!) { openVerificationRound(input: $input) { name } }',
        { input: { name, year: Number(name.slice(0, 4)) || year, previous } });
      setState({ done: true });
      onOpened(name);
    } catch (error) {
      setState({ error });
    }
  };
  return (
    <form class="filters" onSubmit={submit} aria-labelledby="open-round">
      <h2 id="open-round" class="sr-only">{t('openRound')}</h2>
      <label>{t('newRoundName')}<input required maxLength={40} value={name} onInput={(e) => setName(e.currentTarget.value)} /></label>
      <button type="submit" disabled={state.saving}>{t('openRound')}</button>
      {state.done && <p role="status" class="ok">{t('roundOpened')}</p>}
      {state.error != null && <p role="alert" class="error">{errorText(state.error)}</p>}
    </form>
  );
}

function RoundEntry({ caps, round, region }: { caps: Capabilities; round: string; region: string }) {
  const [onlyPending, setOnlyPending] = useState(true);
  const [saved, setSaved] = useState<Record<string, any>>({});
  const rows = useLoad(async () => {
    const selection = select(caps, 'Household', ROW);
    const found: any[] = [];
    let after: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const data: any = await gql(`query Round($filter: HouseholdFilter, $after: String) {
          households(filter: $filter, first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { ${selection} } } } }`,
        { filter: { region }, after });
      found.push(...data.households.edges.map((e: any) => e.node));
      if (!data.households.pageInfo.hasNextPage) break;
      after = data.households.pageInfo.endCursor;
    }
    return found;
  }, [region, round]);
  const clusters = useLoad(() => (canQuery(caps, 'clusters') ? gql('{ clusters { code name } }') : Promise.resolve({ clusters: [] })), []);
  const table = useRef<HTMLTableElement>(null);
  if (rows.loading) return <Loading />;
  if (rows.error) return <ErrorMessage error={rows.error} />;
  // a row saved here counts as done at once, without reloading the village
  const households = (rows.data ?? []).map((h) => (saved[h.id] ? { ...h, verification: [...(h.verification ?? []), saved[h.id]] } : h));
  const { pending, done } = pendingFirst(households, round);
  const shown = onlyPending ? households.filter((h) => !resultIn(h, round) || saved[h.id]) : [...pending, ...done];
  const next = (id: string) => {
    const order = shown.map((h) => h.id);
    const after = order.slice(order.indexOf(id) + 1).find((other) => !resultIn(households.find((h) => h.id === other)!, round));
    const target = after && table.current?.querySelector<HTMLSelectElement>(`select[data-row="${CSS.escape(after)}"]`);
    target?.focus();
  };
  return (
    <div>
      <p role="status" aria-live="polite"><strong>{t('pendingOf', { pending: formatNumber(pending.length), total: formatNumber(households.length) })}</strong></p>
      <p class="hint">{t('verificationKeys')}</p>
      <label class="check"><input type="checkbox" checked={onlyPending} onChange={(e) => setOnlyPending(e.currentTarget.checked)} /> {t('onlyPending')}</label>
      <div class="table-wrap">
        <table ref={table}>
          <caption>{t('roundEntry', { round })}</caption>
          <thead><tr>
            {can(caps, 'Household', 'kk') && <th scope="col">{t('kk')}</th>}
            <th scope="col">{t('head')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('verificationResult')}</th>
            <th scope="col">{t('persons')}</th>
            {can(caps, 'RecordVerificationResultInput', 'cluster') && <th scope="col">{t('cluster')}</th>}
            {can(caps, 'RecordVerificationResultInput', 'note') && <th scope="col">{t('note')}</th>}
            <th scope="col"><span class="sr-only">{t('save')}</span></th>
          </tr></thead>
          <tbody>{shown.map((h) => <EntryRow key={h.id} caps={caps} household={h} round={round} clusters={clusters.data?.clusters ?? []}
            onSaved={(result) => { setSaved({ ...saved, [h.id]: result }); next(h.id); }} />)}</tbody>
        </table>
      </div>
    </div>
  );
}

function EntryRow({ caps, household: h, round, clusters, onSaved }:
  { caps: Capabilities; household: any; round: string; clusters: any[]; onSaved: (result: any) => void }) {
  const initial = entryDefaults(h, round);
  const [result, setResult] = useState(initial.result);
  const [persons, setPersons] = useState(String(initial.persons));
  const [cluster, setCluster] = useState(initial.cluster);
  const [note, setNote] = useState(resultIn(h, round)?.note ?? '');
  const [state, setState] = useState<{ saving?: boolean; error?: unknown }>({});
  const recorded = resultIn(h, round);
  const label = h.kk ?? h.head?.name ?? h.id;
  const save = async () => {
    setState({ saving: true });
    try {
      const data = await gql(`mutation Record($input: RecordVerificationResultInput!) { recordVerificationResult(input: $input) {
          result persons note round { name } cluster { code } } }`,
        { input: { round, householdId: h.id, result, persons: Number(persons), cluster: cluster || null, note: note.trim() || null } });
      setState({});
      onSaved(data.recordVerificationResult);
    } catch (error) {
      setState({ error });
    }
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) { e.preventDefault(); save(); }
  };
  return (
    <tr onKeyDown={onKey}>
      {can(caps, 'Household', 'kk') && <td class="mono"><a href={`#/rt/${encodeURIComponent(h.id)}`}>{h.kk}</a></td>}
      <td>{h.head?.name ?? '–'}</td>
      <td>{recorded ? <span class="ok">{t('recorded')}</span> : <span class="warn">{t('pending')}</span>}</td>
      <td><select data-row={h.id} aria-label={t('resultFor', { name: label })} value={result} onChange={(e) => setResult(e.currentTarget.value)}>
        {VerificationOutcomeValues.map((o) => <option key={o} value={o}>{tCode('outcome', o)}</option>)}</select></td>
      <td><input type="number" min={0} max={99} class="narrow" aria-label={t('personsFor', { name: label })} value={persons} onInput={(e) => setPersons(e.currentTarget.value)} /></td>
      {can(caps, 'RecordVerificationResultInput', 'cluster') && (
        <td><select aria-label={t('clusterFor', { name: label })} value={cluster} onChange={(e) => setCluster(e.currentTarget.value)}>
          <option value="">{t('noCluster')}</option>
          {clusters.map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}</select></td>)}
      {can(caps, 'RecordVerificationResultInput', 'note') && (
        <td><input maxLength={500} aria-label={t('noteFor', { name: label })} value={note} onInput={(e) => setNote(e.currentTarget.value)} /></td>)}
      <td><button type="button" disabled={state.saving} onClick={save} aria-label={t('saveFor', { name: label })}>{t('save')}</button>
        {state.error != null && <p role="alert" class="error">{errorText(state.error)}</p>}</td>
    </tr>
  );
}
