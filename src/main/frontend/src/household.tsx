// One household: members, each agency's facet the caller reads, benefits, the cluster suggested and
// assigned with the facts that decided it, assigning a cluster, and the history of changes.
import { useState } from 'preact/hooks';
import { gql } from './api';
import { can, canMutate, canQuery, select, type Capabilities, type Selection } from './capabilities';
import { formatDate, formatDateTime, formatNumber, formatRupiah, t, tCode } from './i18n';
import { ErrorMessage, Loading, Section, errorText, useLoad } from './ui';
import { ProposeEvent } from './proposals';
import { householdBenefits } from './proposal-logic';
import { OpenServiceRequest } from './desk';
import { ParticipantOutcomeValues } from './generated/schema';

const HOUSEHOLD: Selection = ['id', 'kk', 'address', 'rt', 'rw', 'status', 'version', 'registeredAt',
  ['village', 'Region', ['code', 'name', ['parent', 'Region', ['name']]]],
  ['members', 'Member', ['id', 'nik', 'name', 'sex', 'birthDate', 'relationship', 'status', 'version',
    ['health', 'HealthFacet', ['segment', 'active', 'since']],
    ['education', 'EducationFacet', ['schoolStatus', 'schoolLevel', 'pipRecipient']],
    ['benefits', 'Benefit', ['id', 'status', 'version', 'startsOn', 'endsOn', 'amount', ['programme', 'Programme', ['code', 'name']]]]]],
  ['social', 'SocialFacet', ['decile', 'decileQuarter', 'povertyIndicatorCount', 'clusterReason', 'version', 'updatedAt',
    'onLocalSurvey', 'verifiedOn', ['cluster', 'Cluster', ['code', 'name']]]],
  ['housing', 'HousingFacet', ['version', 'floor', 'wall', 'roof', 'toilet', 'water', 'lighting', 'floorAreaM2', 'rtlhStatus', 'renovationYear']],
  ['benefits', 'Benefit', ['id', 'status', 'version', 'startsOn', 'endsOn', 'amount', ['programme', 'Programme', ['code', 'name']]]],
  ['pathOutOfPoverty', 'PathOutOfPoverty', [
    ['rounds', 'VerificationResult', ['result', 'persons', ['round', 'VerificationRound', ['name', 'year']], ['cluster', 'Cluster', ['name']]]],
    ['programmes', 'Benefit', ['id', 'status', 'version', 'startsOn', 'endsOn', ['programme', 'Programme', ['code', 'name', 'kind']],
      ['member', 'Member', ['name']], ['outcome', 'ProgrammeOutcome', ['result', 'date', 'note']]]],
    ['leftPoverty', 'VerificationResult', [['round', 'VerificationRound', ['name']]]]]],
  ['suggestedCluster', 'ClusterSuggestion', ['differsFromAssigned', 'indicatorsMet', 'indicatorsTotal',
    ['cluster', 'Cluster', ['code', 'name']], ['assigned', 'Cluster', ['code', 'name']],
    ['facts', 'ClusterFact', ['fact', 'holds', 'value', 'decisive']]]]];

const HISTORY: Selection = [['edges', 'AuditEntryEdge', [['node', 'AuditEntry', ['position', 'type', 'action', 'operation', 'occurredAt',
  ['actor', 'AuditActor', ['username']], ['changes', 'FieldChange', ['field', 'before', 'after']]]]]],
  ['pageInfo', 'PageInfo', ['hasNextPage', 'endCursor']]];

export function HouseholdPage({ caps, id }: { caps: Capabilities; id: string }) {
  const page = useLoad(() => gql(`query Household($id: ID!) { node(id: $id) { ... on Household { ${select(caps, 'Household', HOUSEHOLD)} } } }`,
    { id }), [id]);
  if (page.loading && !page.data) return <Loading />;
  if (page.error) return <ErrorMessage error={page.error} />;
  const h = page.data?.node;
  if (!h) return <p role="alert">{t('err_NOT_FOUND')}</p>;
  return (
    <div>
      <h1>{t('kk')} <span class="mono">{h.kk}</span></h1>
      <dl class="facts">
        {h.village && <><dt>{t('village')}</dt><dd>{h.village.name}{h.village.parent ? `, ${h.village.parent.name}` : ''}</dd></>}
        {h.address != null && <><dt>{t('address')}</dt><dd>{h.address}{h.rt ? ` RT ${h.rt}` : ''}{h.rw ? ` RW ${h.rw}` : ''}</dd></>}
        {h.status && <><dt>{t('status')}</dt><dd>{tCode('hhStatus', h.status)}</dd></>}
      </dl>
      {h.members && <Members caps={caps} members={h.members} />}
      {h.suggestedCluster && <ClusterPanel caps={caps} household={h} onSaved={page.reload} />}
      {h.social && !h.suggestedCluster && (
        <Section title={t('socialFacet')} id="social">
          <dl class="facts">
            <dt>{t('cluster')}</dt><dd>{h.social.cluster?.name ?? '–'}</dd>
            <dt>{t('decile')}</dt><dd>{h.social.decile ?? '–'}</dd>
          </dl>
        </Section>)}
      {h.housing && (
        <Section title={t('housingFacet')} id="housing">
          <dl class="facts">
            {Object.entries(h.housing).filter(([k]) => k !== 'version').map(([k, v]) => <><dt>{tCode('housing', k)}</dt><dd>{v == null ? '–' : typeof v === 'number' ? formatNumber(v) : String(v).replace(/_/g, ' ')}</dd></>)}
          </dl>
        </Section>)}
      {h.benefits && <Benefits benefits={householdBenefits(h)} />}
      {h.pathOutOfPoverty && <PathOutOfPoverty caps={caps} path={h.pathOutOfPoverty} onSaved={page.reload} />}
      <OpenServiceRequest caps={caps} household={h} />
      <ProposeEvent caps={caps} household={h} onProposed={page.reload} />
      {can(caps, 'Household', 'history') && <History key={`${h.version}-${h.social?.version}-${h.housing?.version}`} caps={caps} id={id} />}
    </div>
  );
}

function Members({ caps, members }: { caps: Capabilities; members: any[] }) {
  const has = (type: string, field: string) => can(caps, type, field);
  return (
    <Section title={t('members')} id="members">
      <div class="table-wrap"><table>
        <caption class="sr-only">{t('members')}</caption>
        <thead><tr>
          {has('Member', 'name') && <th scope="col">{t('name')}</th>}
          {has('Member', 'nik') && <th scope="col">{t('nik')}</th>}
          {has('Member', 'relationship') && <th scope="col">{t('relationship')}</th>}
          {has('Member', 'sex') && <th scope="col">{t('sex')}</th>}
          {has('Member', 'birthDate') && <th scope="col">{t('birthDate')}</th>}
          {has('Member', 'health') && <th scope="col">{t('jkn')}</th>}
          {has('Member', 'education') && <th scope="col">{t('school')}</th>}
        </tr></thead>
        <tbody>{members.map((m) => (
          <tr key={m.id}>
            {has('Member', 'name') && <td>{m.name}</td>}
            {has('Member', 'nik') && <td class="mono">{m.nik}</td>}
            {has('Member', 'relationship') && <td>{tCode('rel', m.relationship)}</td>}
            {has('Member', 'sex') && <td>{tCode('sex', m.sex)}</td>}
            {has('Member', 'birthDate') && <td>{formatDate(m.birthDate)}</td>}
            {has('Member', 'health') && <td>{m.health ? `${m.health.segment.replace(/_/g, ' ')} (${m.health.active ? t('active') : t('inactive')})` : '–'}</td>}
            {has('Member', 'education') && <td>{m.education ? [m.education.schoolStatus, m.education.schoolLevel].filter(Boolean).join(' ') : '–'}</td>}
          </tr>))}
        </tbody>
      </table></div>
    </Section>
  );
}

function Benefits({ benefits }: { benefits: any[] }) {
  return (
    <Section title={t('benefits')} id="benefits">
      {benefits.length === 0 ? <p>–</p> : (
        <div class="table-wrap"><table>
          <caption class="sr-only">{t('benefits')}</caption>
          <thead><tr><th scope="col">{t('programme')}</th><th scope="col">{t('name')}</th><th scope="col">{t('status')}</th>
            <th scope="col">{t('period')}</th><th scope="col" class="num">{t('amount')}</th></tr></thead>
          <tbody>{benefits.map((b) => (
            <tr key={b.id}><td>{b.programme?.name ?? '–'}</td><td>{b.who ?? '–'}</td><td>{b.status ?? '–'}</td>
              <td>{formatDate(b.startsOn)} – {b.endsOn ? formatDate(b.endsOn) : ''}</td><td class="num">{formatRupiah(b.amount)}</td></tr>))}
          </tbody>
        </table></div>)}
    </Section>
  );
}

/** The household's way through the verification rounds and the programmes, up to leaving poverty. */
function PathOutOfPoverty({ caps, path, onSaved }: { caps: Capabilities; path: any; onSaved: () => void }) {
  const empowerment = (path.programmes ?? []).filter((b: any) => b.programme?.kind === 'EMPOWERMENT' && b.status !== 'PROPOSED');
  return (
    <Section title={t('pathTitle')} id="path">
      <p><strong>{path.leftPoverty ? t('leftPovertyIn', { round: path.leftPoverty.round?.name ?? '' }) : t('notLeftPoverty')}</strong></p>
      {path.rounds && (
        <ol class="path-rounds">{path.rounds.map((r: any) => (
          <li key={r.round?.name}><strong>{r.round?.name}</strong>: {tCode('outcome', r.result)}
            {r.persons != null ? ` · ${t('personsCount', { n: r.persons })}` : ''}{r.cluster ? ` · ${r.cluster.name}` : ''}</li>))}
          {path.rounds.length === 0 && <li>{t('noRounds')}</li>}
        </ol>)}
      {path.programmes && path.programmes.length > 0 && (
        <div class="table-wrap"><table>
          <caption>{t('programmesReceived')}</caption>
          <thead><tr><th scope="col">{t('programme')}</th><th scope="col">{t('name')}</th><th scope="col">{t('period')}</th>
            <th scope="col">{t('participantOutcome')}</th></tr></thead>
          <tbody>{path.programmes.map((b: any) => (
            <tr key={b.id}><td>{b.programme?.name ?? '–'}</td><td>{b.member?.name ?? '–'}</td>
              <td>{formatDate(b.startsOn)} – {b.endsOn ? formatDate(b.endsOn) : ''}</td>
              <td>{b.outcome ? `${tCode('participant', b.outcome.result)} (${formatDate(b.outcome.date)})${b.outcome.note ? `: ${b.outcome.note}` : ''}`
                : b.programme?.kind === 'EMPOWERMENT' ? t('noOutcomeYet') : '–'}</td></tr>))}
          </tbody>
        </table></div>)}
      {empowerment.length > 0 && canMutate(caps, 'recordProgrammeOutcome') && <RecordOutcome caps={caps} benefits={empowerment} onSaved={onSaved} />}
    </Section>
  );
}

/** The running agency records what came of a participant's empowerment activity. */
function RecordOutcome({ caps, benefits, onSaved }: { caps: Capabilities; benefits: any[]; onSaved: () => void }) {
  const [benefitId, setBenefitId] = useState('');
  const [result, setResult] = useState('');
  const [date, setDate] = useState('');
  const [note, setNote] = useState('');
  const [state, setState] = useState<{ saving?: boolean; error?: unknown; saved?: boolean }>({});
  const submit = async (e: Event) => {
    e.preventDefault();
    const benefit = benefits.find((b) => b.id === benefitId);
    setState({ saving: true });
    try {
      await gql(`mutation Outcome($input: RecordProgrammeOutcomeInput!) { recordProgrammeOutcome(input: $input) { id version } }`,
        { input: { benefitId, expectedVersion: benefit?.version ?? 0, result, date, note: note.trim() || null } });
      setState({ saved: true });
      setNote('');
      onSaved();
    } catch (error) {
      setState({ error });
    }
  };
  return (
    <form class="form" onSubmit={submit} aria-labelledby="outcome-title">
      <h3 id="outcome-title">{t('recordOutcomeTitle')}</h3>
      <label>{t('programme')}
        <select required value={benefitId} onChange={(e) => setBenefitId(e.currentTarget.value)}>
          <option value="">{t('choose')}</option>
          {benefits.map((b) => <option key={b.id} value={b.id}>{b.programme.name}{b.member?.name ? ` – ${b.member.name}` : ''} ({formatDate(b.startsOn)})</option>)}
        </select>
      </label>
      <label>{t('participantOutcome')}
        <select required value={result} onChange={(e) => setResult(e.currentTarget.value)}>
          <option value="">{t('choose')}</option>
          {ParticipantOutcomeValues.map((r) => <option key={r} value={r}>{tCode('participant', r)}</option>)}
        </select>
      </label>
      <label>{t('outcomeDate')}<input required type="date" value={date} onInput={(e) => setDate(e.currentTarget.value)} /></label>
      {can(caps, 'RecordProgrammeOutcomeInput', 'note') && (
        <label>{t('outcomeNote')}<input maxLength={500} value={note} onInput={(e) => setNote(e.currentTarget.value)} /></label>)}
      <button type="submit" disabled={state.saving}>{t('save')}</button>
      {state.saved && <p role="status" class="ok">{t('saved')}</p>}
      {state.error != null && <p role="alert" class="error">{errorText(state.error)}</p>}
    </form>
  );
}

function ClusterPanel({ caps, household, onSaved }: { caps: Capabilities; household: any; onSaved: () => void }) {
  const s = household.suggestedCluster;
  return (
    <Section title={t('clusterTitle')} id="cluster">
      <dl class="facts">
        <dt>{t('suggested')}</dt><dd><strong>{s.cluster?.name ?? t('noCluster')}</strong></dd>
        <dt>{t('assigned')}</dt><dd><strong>{s.assigned?.name ?? t('noCluster')}</strong>
          {household.social?.clusterReason ? ` — ${household.social.clusterReason}` : ''}</dd>
        {s.differsFromAssigned != null && <><dt>{t('status')}</dt><dd class={s.differsFromAssigned ? 'warn' : ''}>{s.differsFromAssigned ? t('differs') : t('same')}</dd></>}
        {household.social?.decile != null && <><dt>{t('decile')}</dt><dd>{household.social.decile} ({household.social.decileQuarter})</dd></>}
        {s.indicatorsMet != null && <><dt>BPS</dt><dd>{t('indicators', { met: s.indicatorsMet, total: s.indicatorsTotal })}</dd></>}
      </dl>
      {s.facts && (
        <>
          <h3>{t('facts')}</h3>
          <ul class="fact-list">{s.facts.map((f: any) => (
            <li key={f.fact} class={f.decisive ? 'decisive' : ''}>
              <span aria-hidden="true">{f.holds ? '✔' : '✘'}</span> {tCode('fact', f.fact)}: {f.holds ? t('holds') : t('holdsNot')}
              {f.value ? ` (${f.value})` : ''}{f.decisive ? <strong> — {t('decisive')}</strong> : ''}
            </li>))}
          </ul>
        </>)}
      {canMutate(caps, 'assignCluster') && <AssignCluster caps={caps} household={household} onSaved={onSaved} />}
    </Section>
  );
}

function AssignCluster({ caps, household, onSaved }: { caps: Capabilities; household: any; onSaved: () => void }) {
  const clusters = useLoad(() => (canQuery(caps, 'clusters') ? gql('{ clusters { code name } }') : Promise.resolve({ clusters: [] })), []);
  const [cluster, setCluster] = useState<string>(household.suggestedCluster?.cluster?.code ?? '');
  const [reason, setReason] = useState('');
  const [state, setState] = useState<{ saving?: boolean; error?: unknown; saved?: boolean }>({});
  const submit = async (e: Event) => {
    e.preventDefault();
    setState({ saving: true });
    try {
      await gql(`mutation Assign($input: AssignClusterInput!) { assignCluster(input: $input) { version } }`, {
        input: { householdId: household.id, expectedVersion: household.social?.version ?? 0, cluster: cluster || null, reason },
      });
      setState({ saved: true });
      setReason('');
      onSaved();
    } catch (error) {
      setState({ error });
    }
  };
  return (
    <form class="form" onSubmit={submit} aria-labelledby="assign-title">
      <h3 id="assign-title">{t('assignTitle')}</h3>
      {can(caps, 'AssignClusterInput', 'cluster') && (
        <label>{t('cluster')}
          <select value={cluster} onChange={(e) => setCluster(e.currentTarget.value)}>
            <option value="">{t('noCluster')}</option>
            {clusters.data?.clusters.map((c: any) => <option key={c.code} value={c.code}>{c.name}</option>)}
          </select>
        </label>)}
      {can(caps, 'AssignClusterInput', 'reason') && (
        <label>{t('reason')}
          <textarea required rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>)}
      <button type="submit" disabled={state.saving}>{t('save')}</button>
      {state.saved && <p role="status" class="ok">{t('saved')}</p>}
      {state.error != null && <p role="alert" class="error">{errorText(state.error)}</p>}
    </form>
  );
}

function History({ caps, id }: { caps: Capabilities; id: string }) {
  const [pages, setPages] = useState<(string | null)[]>([null]);
  return (
    <Section title={t('history')} id="history">
      <ol class="timeline">
        {pages.map((after, i) => <HistoryPage key={after ?? 'first'} caps={caps} id={id} after={after}
          last={i === pages.length - 1} onMore={(cursor) => setPages([...pages, cursor])} />)}
      </ol>
    </Section>
  );
}

function HistoryPage({ caps, id, after, last, onMore }:
  { caps: Capabilities; id: string; after: string | null; last: boolean; onMore: (cursor: string) => void }) {
  const page = useLoad(() => gql(`query History($id: ID!, $after: String) { node(id: $id) { ... on Household {
      history(first: 20, after: $after) { ${select(caps, 'AuditEntryConnection', HISTORY)} } } } }`, { id, after }), [id, after]);
  if (page.loading) return <li><Loading /></li>;
  if (page.error) return <li><ErrorMessage error={page.error} /></li>;
  const history = page.data.node.history;
  if (history.edges.length === 0 && after == null) return <li>{t('noHistory')}</li>;
  return (
    <>
      {history.edges.map(({ node: e }: any) => (
        <li key={e.position}>
          <p><time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt)}</time> · <strong>{e.type}</strong> {tCode('action', e.action)}
            {e.operation ? ` (${e.operation})` : ''} {e.actor?.username ? t('by', { who: e.actor.username }) : ''}</p>
          {e.changes?.length > 0 && (
            <ul class="changes">{e.changes.map((c: any) => (
              <li key={c.field}><span class="field">{c.field}</span>: {c.before ?? '–'} → {c.after ?? '–'}</li>))}</ul>)}
        </li>))}
      {last && history.pageInfo.hasNextPage && (
        <li><button type="button" onClick={() => onMore(history.pageInfo.endCursor)}>{t('more')}</button></li>)}
    </>
  );
}

