// Proposals (usulan): the queue of change requests the caller decides or proposed, oldest first,
// with due dates, warnings, conflicts and evidence; approving or rejecting with a reason; and the
// life events a village proposes from a household's page, with a file of evidence.
import { useState } from 'preact/hooks';
import { downloadFile, gql, uploadFile } from './api';
import { can, canMutate, canQuery, select, type Capabilities, type Selection } from './capabilities';
import { formatDate, formatDateTime, formatNumber, t, tCode, type Key } from './i18n';
import { ErrorMessage, Loading, errorText, useLoad } from './ui';
import { EVENT_MUTATIONS, eventInput, householdBenefits, urgency, type EventForm, type LifeEvent, type ProgrammeRef } from './proposal-logic';
import { PbiFundingValues, RelationshipValues, SexValues } from './generated/schema';

const REQUEST: Selection = ['id', 'kind', 'state', 'summary', 'reason', 'warnings', 'ownData', 'proposedAt', 'dueAt', 'overdue',
  'decidedAt', 'decisionReason', 'applied', 'version',
  ['village', 'Region', ['code', 'name']],
  ['household', 'Household', ['id', 'kk']],
  ['member', 'Member', ['name']],
  ['programme', 'Programme', ['name']],
  ['values', 'ProposedValue', ['field', 'before', 'after']],
  ['proposedBy', 'ChangeRequestActor', ['username', 'role']],
  ['decidedBy', 'ChangeRequestActor', ['username', 'role']],
  ['attachments', 'Attachment', ['id', 'fileName', 'size', 'url']],
  ['conflicts', 'ChangeRequest', ['id', 'kind', 'summary']]];

const STATES = ['PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN'];

export function ChangeRequests({ caps, me }: { caps: Capabilities; me: string }) {
  const [state, setState] = useState('PENDING');
  const [pages, setPages] = useState<(string | null)[]>([null]);
  const changeState = (next: string) => { setState(next); setPages([null]); };
  const counts = useLoad(() => (can(caps, 'Query', 'changeRequestCounts')
    ? gql('{ changeRequestCounts { state count overdue } }') : Promise.resolve(null)), [state]);
  const pending = (counts.data?.changeRequestCounts ?? []).filter((c: any) => c.state === 'PENDING');
  const overdue = pending.reduce((n: number, c: any) => n + c.overdue, 0);
  return (
    <div>
      <h1>{t('proposals')}</h1>
      <p>{t(canMutate(caps, 'approveChangeRequest') ? 'proposalsIntroDecide' : 'proposalsIntroPropose')}</p>
      {counts.data && <p role="status">{t('pendingCount', { count: formatNumber(pending.reduce((n: number, c: any) => n + c.count, 0)), overdue: formatNumber(overdue) })}</p>}
      <div class="filters">
        <label>{t('status')}
          <select value={state} onChange={(e) => changeState(e.currentTarget.value)}>
            {STATES.map((s) => <option key={s} value={s}>{tCode('crState', s)}</option>)}
            <option value="">{t('allStates')}</option>
          </select>
        </label>
      </div>
      {pages.map((after, i) => <RequestPage key={`${state}-${after ?? 'first'}`} caps={caps} me={me} state={state} after={after}
        last={i === pages.length - 1} onMore={(cursor) => setPages([...pages, cursor])} onDecided={counts.reload} />)}
    </div>
  );
}

function RequestPage({ caps, me, state, after, last, onMore, onDecided }:
  { caps: Capabilities; me: string; state: string; after: string | null; last: boolean; onMore: (c: string) => void; onDecided: () => void }) {
  const page = useLoad(() => gql(`query Requests($state: ChangeRequestState, $after: String) {
      changeRequests(state: $state, first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor }
        edges { node { ${select(caps, 'ChangeRequest', REQUEST)} } } } }`, { state: state || null, after }), [state, after]);
  if (page.loading && !page.data) return <Loading />;
  if (page.error) return <ErrorMessage error={page.error} />;
  const requests = page.data.changeRequests;
  return (
    <>
      {after == null && <p>{t('requestsFound', { count: formatNumber(requests.totalCount) })}</p>}
      {requests.edges.map(({ node }: any) => <RequestCard key={node.id} caps={caps} me={me} request={node}
        onDecided={() => { page.reload(); onDecided(); }} />)}
      {last && requests.pageInfo.hasNextPage && <button type="button" onClick={() => onMore(requests.pageInfo.endCursor)}>{t('more')}</button>}
    </>
  );
}

function RequestCard({ caps, me, request: r, onDecided }: { caps: Capabilities; me: string; request: any; onDecided: () => void }) {
  const titleId = `cr-${r.id.replace(/\W/g, '')}`;
  const due = urgency(r);
  return (
    <article class="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{tCode('crKind', r.kind)}{r.member?.name ? `: ${r.member.name}` : ''}{r.village ? ` · ${r.village.name}` : ''}</h2>
      <dl class="facts">
        <dt>{t('status')}</dt><dd><strong>{tCode('crState', r.state)}</strong>
          {due && <span class="warn"> — {t(due === 'overdue' ? 'overdue' : 'dueSoon')}</span>}</dd>
        <dt>{t('proposal')}</dt><dd>{r.summary}</dd>
        {r.household && <><dt>{t('kk')}</dt><dd><a class="mono" href={`#/rt/${encodeURIComponent(r.household.id)}`}>{r.household.kk ?? t('open')}</a></dd></>}
        {r.programme && <><dt>{t('programme')}</dt><dd>{r.programme.name}</dd></>}
        <dt>{t('reason')}</dt><dd>{r.reason}</dd>
        {r.proposedBy && <><dt>{t('proposedBy')}</dt><dd>{r.proposedBy.username ?? '–'} ({r.proposedBy.role}), {formatDateTime(r.proposedAt)}</dd></>}
        {r.dueAt && <><dt>{t('dueAt')}</dt><dd>{formatDateTime(r.dueAt)}{r.ownData ? ` (${t('ownData')})` : ''}</dd></>}
        {r.decidedAt && <><dt>{t('decision')}</dt><dd>{r.decidedBy?.username ?? '–'}, {formatDateTime(r.decidedAt)}: {r.decisionReason}</dd></>}
        {r.applied && <><dt>{t('applied')}</dt><dd>{r.applied}</dd></>}
      </dl>
      {r.values?.length > 0 && (
        <ul class="changes">{r.values.map((v: any) => <li key={v.field}><span class="field">{tCode('field', v.field)}</span>: {v.before ?? '–'} → {v.after ?? '–'}</li>)}</ul>)}
      {r.warnings?.length > 0 && (
        <div class="warn-box"><h3>{t('warnings')}</h3><ul>{r.warnings.map((w: string) => <li key={w}>{w}</li>)}</ul></div>)}
      {r.conflicts?.length > 0 && (
        <div class="warn-box"><h3>{t('conflicts')}</h3><ul>{r.conflicts.map((c: any) => <li key={c.id}>{tCode('crKind', c.kind)}: {c.summary}</li>)}</ul></div>)}
      {r.attachments && <Attachments attachments={r.attachments} />}
      {r.state === 'PENDING' && <Decide caps={caps} request={r} mine={r.proposedBy?.username === me} onDecided={onDecided} />}
    </article>
  );
}

function Attachments({ attachments }: { attachments: any[] }) {
  const [error, setError] = useState<unknown>(null);
  if (attachments.length === 0) return <p class="hint">{t('noEvidence')}</p>;
  return (
    <div>
      <h3>{t('evidence')}</h3>
      <ul>{attachments.map((a) => (
        <li key={a.id}><button type="button" class="link" onClick={() => downloadFile(a.url, a.fileName).catch(setError)}>
          {t('downloadFile', { name: a.fileName })}</button> ({formatNumber(Math.ceil(a.size / 1024))} KB)</li>))}</ul>
      <ErrorMessage error={error} />
    </div>
  );
}

function Decide({ caps, request, mine, onDecided }: { caps: Capabilities; request: any; mine: boolean; onDecided: () => void }) {
  const [reason, setReason] = useState('');
  const [state, setState] = useState<{ saving?: boolean; error?: unknown }>({});
  const actions: [string, Key][] = mine
    ? (canMutate(caps, 'withdrawChangeRequest') ? [['withdrawChangeRequest', 'withdraw']] : [])
    : [['approveChangeRequest', 'approve'], ['rejectChangeRequest', 'reject']].filter(([m]) => canMutate(caps, m)) as [string, Key][];
  if (actions.length === 0) return null;
  const formId = `decide-${request.id.replace(/\W/g, '')}`;
  const run = async (mutation: string) => {
    if (!reason.trim()) { setState({ error: 'reason' }); return; }
    setState({ saving: true });
    try {
      await gql(`mutation Decide($id: ID!, $reason: String!) { ${mutation}(id: $id, reason: $reason) { id state } }`, { id: request.id, reason });
      onDecided();
    } catch (error) {
      setState({ error });
    }
  };
  return (
    <form class="form" aria-labelledby={formId} onSubmit={(e) => e.preventDefault()}>
      <h3 id={formId}>{t(mine ? 'withdrawTitle' : 'decideTitle')}</h3>
      <label>{t('decisionReason')}<textarea required rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} /></label>
      <p class="row">{actions.map(([mutation, label]) => (
        <button type="button" key={mutation} class={label === 'approve' ? 'primary' : ''} disabled={state.saving} onClick={() => run(mutation)}>{t(label)}</button>))}</p>
      {state.error === 'reason' ? <p role="alert" class="error">{t('reasonNeeded')}</p>
        : state.error != null && <p role="alert" class="error">{errorText(state.error)}</p>}
    </form>
  );
}

const EVENTS: [LifeEvent, Key][] = [['death', 'evDeath'], ['member', 'evMember'], ['correction', 'evCorrection'],
  ['head', 'evHead'], ['move', 'evMove'], ['split', 'evSplit'], ['benefit', 'evBenefit'], ['benefitStop', 'evBenefitStop'],
  ['dissolution', 'evDissolution']];

const blankForm = (): EventForm => ({ memberId: '', date: '', newHeadMemberId: '', reason: '', nik: '', name: '', sex: '',
  birthDate: '', relationship: 'OTHER', toKk: '', newKk: '', relationships: {}, programme: '', endsOn: '', amount: '', funding: '',
  benefitId: '', movedAway: false });

/** The household's and its members' benefits that still run: the ones a stop can be proposed for. */
const runningBenefits = (household: any): any[] => householdBenefits(household)
  .filter((b: any) => b.version != null && (b.status === 'ACTIVE' || b.status === 'PROPOSED'));

/** The life events the caller may propose for this household, as proposals with evidence. */
export function ProposeEvent({ caps, household, onProposed }: { caps: Capabilities; household: any; onProposed: () => void }) {
  const available = EVENTS.filter(([e]) => canMutate(caps, EVENT_MUTATIONS[e][0]));
  const [event, setEvent] = useState<LifeEvent | ''>('');
  const [form, setForm] = useState<EventForm>(blankForm());
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<{ saving?: boolean; error?: unknown; done?: any }>({});
  const programmes = useLoad(() => (event === 'benefit' && canQuery(caps, 'programmes')
    ? gql('{ programmes { code name target } }') : Promise.resolve(null)), [event === 'benefit']);
  if (available.length === 0 || !household.members) return null;
  const programmeList: (ProgrammeRef & { name: string })[] = programmes.data?.programmes ?? [];
  const chosenProgramme = programmeList.find((p) => p.code === form.programme);
  const benefits = runningBenefits(household);
  const living = household.members.filter((m: any) => m.status !== 'DECEASED');
  const set = (change: Partial<EventForm>) => setForm({ ...form, ...change });
  const choose = (next: LifeEvent | '') => {
    setEvent(next);
    const relationships: Record<string, string> = {};
    if (next === 'head') living.forEach((m: any) => { relationships[m.id] = m.relationship === 'HEAD' ? 'OTHER' : m.relationship; });
    setForm({ ...blankForm(), relationship: next === 'member' ? 'CHILD' : 'OTHER', sex: next === 'member' ? 'MALE' : '', relationships });
    setState({});
  };
  const has = (field: string) => event !== '' && can(caps, EVENT_MUTATIONS[event][1], field);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (event === '') return;
    const [mutation, inputType] = EVENT_MUTATIONS[event];
    setState({ saving: true });
    try {
      const data = await gql(`mutation Propose($input: ${inputType}!) { ${mutation}(input: $input) { id kind state summary } }`,
        { input: eventInput(event, form, { ...household, benefits }, programmeList) });
      const request = data[mutation];
      let uploadError: unknown;
      if (file) await uploadFile(`/change-requests/${encodeURIComponent(request.id)}/attachments`, file).catch((error) => { uploadError = error; });
      setState({ done: request, error: uploadError });
      setForm(blankForm());
      setFile(null);
      setEvent('');
      onProposed();
    } catch (error) {
      setState({ error });
    }
  };
  const memberSelect = (label: Key, value: string, onChange: (v: string) => void, members: any[], optional = false) => (
    <label>{t(label)}
      <select required={!optional} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{optional ? t('none') : t('choose')}</option>
        {members.map((m: any) => <option key={m.id} value={m.id}>{m.name ?? m.id}</option>)}
      </select>
    </label>);
  const relationshipSelect = (value: string, onChange: (v: string) => void, label: string) => (
    <label>{label}
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {RelationshipValues.map((r) => <option key={r} value={r}>{tCode('rel', r)}</option>)}
      </select>
    </label>);
  const dead = living.find((m: any) => m.id === form.memberId);
  return (
    <section class="card" aria-labelledby="propose-title">
      <h2 id="propose-title">{t('proposeTitle')}</h2>
      <p class="hint">{t('proposeIntro')}</p>
      {state.done && <p role="status" class="ok">{t('proposed', { summary: tCode('crKind', state.done.kind) })} <a href="#/usulan">{t('proposals')}</a></p>}
      <form class="form wide" onSubmit={submit} aria-labelledby="propose-title">
        <label>{t('event')}
          <select value={event} onChange={(e) => choose(e.currentTarget.value as LifeEvent | '')}>
            <option value="">{t('choose')}</option>
            {available.map(([e, label]) => <option key={e} value={e}>{t(label)}</option>)}
          </select>
        </label>
        {event !== '' && (
          <div class="grid">
            {(event === 'death' || event === 'correction' || event === 'move') && has('memberId')
              && memberSelect('person', form.memberId, (v) => set({ memberId: v }), living)}
            {event === 'death' && has('diedOn') && <label>{t('diedOn')}<input required type="date" value={form.date} onInput={(e) => set({ date: e.currentTarget.value })} /></label>}
            {event === 'death' && dead?.relationship === 'HEAD' && has('newHeadMemberId')
              && memberSelect('newHead', form.newHeadMemberId, (v) => set({ newHeadMemberId: v }), living.filter((m: any) => m.id !== form.memberId), true)}
            {(event === 'member' || event === 'correction') && (
              <>
                <label>{t(event === 'member' ? 'nik' : 'newNik')}<input required={event === 'member'} inputMode="numeric" pattern="\d{16}" maxLength={16} value={form.nik} onInput={(e) => set({ nik: e.currentTarget.value })} /></label>
                <label>{t(event === 'member' ? 'name' : 'newName')}<input required={event === 'member'} maxLength={200} value={form.name} onInput={(e) => set({ name: e.currentTarget.value })} /></label>
                <label>{t('sex')}<select value={form.sex} onChange={(e) => set({ sex: e.currentTarget.value })}>
                  {event === 'correction' && <option value="">{t('unchanged')}</option>}
                  {SexValues.map((s) => <option key={s} value={s}>{tCode('sex', s)}</option>)}</select></label>
                <label>{t('birthDate')}<input required={event === 'member'} type="date" value={form.birthDate} onInput={(e) => set({ birthDate: e.currentTarget.value })} /></label>
              </>)}
            {(event === 'member' || event === 'move') && relationshipSelect(form.relationship, (v) => set({ relationship: v }), t('relationshipToHead'))}
            {event === 'move' && <label>{t('toKk')}<input required inputMode="numeric" pattern="\d{16}" maxLength={16} value={form.toKk} onInput={(e) => set({ toKk: e.currentTarget.value })} /></label>}
            {(event === 'move' || event === 'split') && <label>{t(event === 'move' ? 'movedOn' : 'splitOn')}<input required type="date" value={form.date} onInput={(e) => set({ date: e.currentTarget.value })} /></label>}
            {event === 'split' && <label>{t('newKk')}<input required inputMode="numeric" pattern="\d{16}" maxLength={16} value={form.newKk} onInput={(e) => set({ newKk: e.currentTarget.value })} /></label>}
            {event === 'head' && memberSelect('newHead', form.newHeadMemberId, (v) => set({ newHeadMemberId: v }), living)}
            {event === 'benefit' && has('programme') && (
              <label>{t('programme')}
                <select required value={form.programme} onChange={(e) => set({ programme: e.currentTarget.value })}>
                  <option value="">{t('choose')}</option>
                  {programmeList.map((p) => <option key={p.code} value={p.code}>{p.name}</option>)}
                </select>
              </label>)}
            {event === 'benefit' && chosenProgramme?.target === 'MEMBER' && has('memberId')
              && memberSelect('recipient', form.memberId, (v) => set({ memberId: v }), living)}
            {event === 'benefit' && <label>{t('startsOn')}<input required type="date" value={form.date} onInput={(e) => set({ date: e.currentTarget.value })} /></label>}
            {event === 'benefit' && has('endsOn') && <label>{t('endsOn')}<input type="date" value={form.endsOn} onInput={(e) => set({ endsOn: e.currentTarget.value })} /></label>}
            {event === 'benefit' && has('amount') && <label>{t('amount')}<input inputMode="numeric" maxLength={15} value={form.amount} onInput={(e) => set({ amount: e.currentTarget.value })} /></label>}
            {event === 'benefit' && form.programme === 'KIS_PBI' && has('funding') && (
              <label>{t('funding')}
                <select value={form.funding} onChange={(e) => set({ funding: e.currentTarget.value })}>
                  <option value="">{t('choose')}</option>
                  {PbiFundingValues.map((f) => <option key={f} value={f}>{f}</option>)}
                </select>
              </label>)}
            {event === 'benefitStop' && (
              <label>{t('benefitToStop')}
                <select required value={form.benefitId} onChange={(e) => set({ benefitId: e.currentTarget.value })}>
                  <option value="">{benefits.length === 0 ? t('none') : t('choose')}</option>
                  {benefits.map((b: any) => <option key={b.id} value={b.id}>
                    {b.programme?.name ?? b.id}{b.who ? ` – ${b.who}` : ''} ({formatDate(b.startsOn)})</option>)}
                </select>
              </label>)}
            {event === 'benefitStop' && <label>{t('stoppedOn')}<input required type="date" value={form.date} onInput={(e) => set({ date: e.currentTarget.value })} /></label>}
            {event === 'dissolution' && has('movedAway') && (
              <label class="check"><input type="checkbox" checked={form.movedAway} onChange={(e) => set({ movedAway: e.currentTarget.checked })} /> {t('movedAway')}</label>)}
          </div>)}
        {event === 'head' && form.newHeadMemberId && (
          <fieldset><legend>{t('relationshipsToNewHead')}</legend><div class="grid">
            {living.filter((m: any) => m.id !== form.newHeadMemberId).map((m: any) => (
              <span key={m.id}>{relationshipSelect(form.relationships[m.id] ?? 'OTHER', (v) => set({ relationships: { ...form.relationships, [m.id]: v } }), m.name)}</span>))}
          </div></fieldset>)}
        {event === 'split' && (
          <fieldset><legend>{t('splitMembers')}</legend><div class="grid">
            {living.map((m: any) => (
              <div key={m.id} class="split-row">
                <label class="check"><input type="checkbox" checked={m.id in form.relationships} onChange={(e) => {
                  const next = { ...form.relationships };
                  if (e.currentTarget.checked) next[m.id] = Object.keys(next).length === 0 ? 'HEAD' : 'OTHER'; else delete next[m.id];
                  set({ relationships: next });
                }} /> {m.name}</label>
                {m.id in form.relationships && relationshipSelect(form.relationships[m.id], (v) => set({ relationships: { ...form.relationships, [m.id]: v } }), t('relationshipOf', { name: m.name }))}
              </div>))}
          </div></fieldset>)}
        {event !== '' && (
          <>
            <label>{t('reason')}<textarea required rows={2} maxLength={1000} value={form.reason} onInput={(e) => set({ reason: e.currentTarget.value })} /></label>
            <label>{t('evidenceFile')}<input type="file" accept="application/pdf,image/jpeg,image/png" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} /></label>
            <button type="submit" disabled={state.saving}>{t('sendProposal')}</button>
          </>)}
        {state.error != null && <p role="alert" class="error">{state.done ? `${t('evidenceFailed')} ` : ''}{errorText(state.error)}</p>}
      </form>
    </section>
  );
}
