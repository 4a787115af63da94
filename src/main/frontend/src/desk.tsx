// The service desk: a resident's request recorded from the family's page, the desk's list with
// referrals to an office, and each office's referred requests to accept, give back or resolve.
import { useState } from 'preact/hooks';
import { gql } from './api';
import { canMutate, canQuery, select, type Capabilities, type Selection } from './capabilities';
import { formatDateTime, formatNumber, t, tCode, type Key } from './i18n';
import { ErrorMessage, Loading, errorText, useLoad } from './ui';
import { ServiceOutcomeValues, ServiceRequestStateValues } from './generated/schema';

const REQUEST: Selection = ['id', 'number', 'state', 'description', 'openedAt', 'dueAt', 'overdue', 'outcome', 'outcomeNote', 'version', 'takenBy',
  ['kind', 'ServiceRequestKind', ['code', 'name']],
  ['household', 'Household', ['id', 'kk']],
  ['member', 'Member', ['name']],
  ['village', 'Region', ['name']],
  ['agency', 'Agency', ['code', 'name']],
  ['reporter', 'ServiceRequestReporter', ['name', 'phone', ['member', 'Member', ['name']]]],
  ['steps', 'ServiceRequestStep', ['step', 'note', 'actor', 'occurredAt', ['agency', 'Agency', ['code']]]]];

export function ServiceDesk({ caps }: { caps: Capabilities }) {
  const [states, setStates] = useState<string[]>(['OPEN', 'REFERRED', 'ACCEPTED']);
  const list = useLoad(() => gql(`query Desk($filter: ServiceRequestFilter) { serviceRequests(filter: $filter, first: 100) {
      totalCount edges { node { ${select(caps, 'ServiceRequest', REQUEST)} } } } }`, { filter: { states } }), [states.join()]);
  const agencies = useLoad(() => (canMutate(caps, 'referServiceRequest') && canQuery(caps, 'agencies') ? gql('{ agencies { code name } }') : Promise.resolve({ agencies: [] })), []);
  const toggle = (s: string) => setStates(states.includes(s) ? states.filter((x) => x !== s) : [...states, s]);
  return (
    <div>
      <h1>{t('desk')}</h1>
      <p>{t(canMutate(caps, 'referServiceRequest') ? 'deskIntro' : 'deskIntroOffice')}</p>
      <fieldset class="filters"><legend>{t('status')}</legend>
        {ServiceRequestStateValues.map((s) => (
          <label class="check" key={s}><input type="checkbox" checked={states.includes(s)} onChange={() => toggle(s)} /> {tCode('srState', s)}</label>))}
      </fieldset>
      <ErrorMessage error={list.error} />
      {list.loading && !list.data && <Loading />}
      {list.data && (
        <>
          <p role="status">{t('serviceRequestsFound', { count: formatNumber(list.data.serviceRequests.totalCount) })}</p>
          {list.data.serviceRequests.edges.map(({ node }: any) => (
            <ServiceRequestCard key={`${node.id}-${node.version}`} caps={caps} request={node} agencies={agencies.data?.agencies ?? []} onChanged={list.reload} />))}
        </>)}
    </div>
  );
}

function ServiceRequestCard({ caps, request: r, agencies, onChanged }: { caps: Capabilities; request: any; agencies: any[]; onChanged: () => void }) {
  const titleId = `sr-${r.id.replace(/\W/g, '')}`;
  return (
    <article class="card" aria-labelledby={titleId}>
      <h2 id={titleId}><span class="mono">{r.number}</span> · {r.kind?.name ?? ''}</h2>
      <dl class="facts">
        <dt>{t('status')}</dt><dd><strong>{tCode('srState', r.state)}</strong>{r.agency ? ` · ${r.agency.name}` : ''}
          {r.overdue && r.state !== 'RESOLVED' && <span class="warn"> — {t('overdue')}</span>}</dd>
        <dt>{t('description')}</dt><dd>{r.description}</dd>
        {r.member && <><dt>{t('person')}</dt><dd>{r.member.name}</dd></>}
        {r.household && <><dt>{t('kk')}</dt><dd><a class="mono" href={`#/rt/${encodeURIComponent(r.household.id)}`}>{r.household.kk ?? t('open')}</a></dd></>}
        {r.village && <><dt>{t('village')}</dt><dd>{r.village.name}</dd></>}
        {r.reporter && <><dt>{t('reporter')}</dt><dd>{r.reporter.member?.name ?? r.reporter.name ?? '–'}{r.reporter.phone ? ` · ${r.reporter.phone}` : ''}</dd></>}
        <dt>{t('dueAt')}</dt><dd>{formatDateTime(r.dueAt)}</dd>
        {r.outcome && <><dt>{t('outcome')}</dt><dd>{tCode('outcome', r.outcome)}: {r.outcomeNote}</dd></>}
      </dl>
      {r.steps?.length > 0 && (
        <ol class="timeline">{r.steps.map((s: any, i: number) => (
          <li key={i}><time dateTime={s.occurredAt}>{formatDateTime(s.occurredAt)}</time> · <strong>{tCode('srStep', s.step)}</strong>
            {s.agency ? ` → ${s.agency.code}` : ''} {t('by', { who: s.actor })}{s.note ? `: ${s.note}` : ''}</li>))}</ol>)}
      {r.state !== 'RESOLVED' && <ServiceStep caps={caps} request={r} agencies={agencies} onDone={onChanged} />}
    </article>
  );
}

type Step = 'refer' | 'accept' | 'return' | 'resolve';
const STEPS: [Step, string, string, Key][] = [
  ['refer', 'referServiceRequest', 'ReferServiceRequestInput', 'refer'],
  ['accept', 'acceptServiceRequest', 'ServiceRequestStepInput', 'accept'],
  ['return', 'returnServiceRequest', 'ServiceRequestStepInput', 'giveBack'],
  ['resolve', 'resolveServiceRequest', 'ResolveServiceRequestInput', 'resolve'],
];
// which steps a request in each state can take next
const NEXT: Record<string, Step[]> = { OPEN: ['refer', 'resolve'], REFERRED: ['accept', 'return', 'resolve'], ACCEPTED: ['resolve', 'return'] };

function ServiceStep({ caps, request, agencies, onDone }: { caps: Capabilities; request: any; agencies: any[]; onDone: () => void }) {
  const steps = STEPS.filter(([step, mutation]) => (NEXT[request.state] ?? []).includes(step) && canMutate(caps, mutation));
  const [step, setStep] = useState<Step | ''>(steps[0]?.[0] ?? '');
  const [agency, setAgency] = useState('');
  const [outcome, setOutcome] = useState('ANSWERED');
  const [note, setNote] = useState('');
  const [state, setState] = useState<{ saving?: boolean; error?: unknown }>({});
  if (steps.length === 0) return null;
  const formId = `step-${request.id.replace(/\W/g, '')}`;
  const submit = async (e: Event) => {
    e.preventDefault();
    const chosen = STEPS.find(([s]) => s === step);
    if (!chosen) return;
    const [, mutation, inputType] = chosen;
    const input: Record<string, unknown> = { id: request.id, expectedVersion: request.version, note: note.trim() || (step === 'resolve' ? '' : null) };
    if (step === 'refer') input.agency = agency;
    if (step === 'resolve') input.outcome = outcome;
    setState({ saving: true });
    try {
      await gql(`mutation Step($input: ${inputType}!) { ${mutation}(input: $input) { id state } }`, { input });
      onDone();
    } catch (error) {
      setState({ error });
    }
  };
  return (
    <form class="form" onSubmit={submit} aria-labelledby={formId}>
      <h3 id={formId}>{t('nextStep')}</h3>
      <label>{t('step')}<select value={step} onChange={(e) => setStep(e.currentTarget.value as Step)}>
        {steps.map(([s, , , label]) => <option key={s} value={s}>{t(label)}</option>)}</select></label>
      {step === 'refer' && (
        <label>{t('referTo')}<select required value={agency} onChange={(e) => setAgency(e.currentTarget.value)}>
          <option value="">{t('choose')}</option>
          {agencies.map((a) => <option key={a.code} value={a.code}>{a.name}</option>)}</select></label>)}
      {step === 'resolve' && (
        <label>{t('outcome')}<select value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)}>
          {ServiceOutcomeValues.map((o) => <option key={o} value={o}>{tCode('outcome', o)}</option>)}</select></label>)}
      <label>{t('note')}<textarea rows={2} maxLength={1000} required={step === 'resolve' || step === 'return'} value={note} onInput={(e) => setNote(e.currentTarget.value)} /></label>
      <button type="submit" disabled={state.saving}>{t('save')}</button>
      {state.error != null && <p role="alert" class="error">{errorText(state.error)}</p>}
    </form>
  );
}

/** The desk records a resident's request about this household, from the family's page. */
export function OpenServiceRequest({ caps, household }: { caps: Capabilities; household: any }) {
  const kinds = useLoad(() => (canMutate(caps, 'openServiceRequest') && canQuery(caps, 'serviceRequestKinds')
    ? gql('{ serviceRequestKinds { code name } }') : Promise.resolve(null)), []);
  const [kind, setKind] = useState('');
  const [memberId, setMemberId] = useState('');
  const [reporterMemberId, setReporterMemberId] = useState('');
  const [reporterPhone, setReporterPhone] = useState('');
  const [other, setOther] = useState({ nik: '', name: '', birthDate: '' });
  const [description, setDescription] = useState('');
  const [state, setState] = useState<{ saving?: boolean; error?: unknown; number?: string }>({});
  if (!kinds.data?.serviceRequestKinds) return null;
  const members = (household.members ?? []).filter((m: any) => m.status !== 'DECEASED');
  const submit = async (e: Event) => {
    e.preventDefault();
    setState({ saving: true });
    try {
      const data = await gql('mutation Open($input: OpenServiceRequestInput!) { openServiceRequest(input: $input) { number } }', {
        input: { kind, householdId: household.id, memberId: memberId || null, description,
          reporterMemberId: reporterMemberId && reporterMemberId !== 'other' ? reporterMemberId : null, reporterPhone: reporterPhone.trim() || null,
          ...(reporterMemberId === 'other' ? { reporterNik: other.nik.trim(), reporterName: other.name.trim(), reporterBirthDate: other.birthDate } : {}) },
      });
      setState({ number: data.openServiceRequest.number });
      setDescription('');
    } catch (error) {
      setState({ error });
    }
  };
  return (
    <section class="card" aria-labelledby="open-request">
      <h2 id="open-request">{t('openRequest')}</h2>
      <form class="form wide" onSubmit={submit} aria-labelledby="open-request">
        <div class="grid">
          <label>{t('requestKind')}<select required value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
            <option value="">{t('choose')}</option>
            {kinds.data.serviceRequestKinds.map((k: any) => <option key={k.code} value={k.code}>{k.name}</option>)}</select></label>
          <label>{t('about')}<select value={memberId} onChange={(e) => setMemberId(e.currentTarget.value)}>
            <option value="">{t('wholeHousehold')}</option>
            {members.map((m: any) => <option key={m.id} value={m.id}>{m.name ?? m.id}</option>)}</select></label>
          <label>{t('reporter')}<select required value={reporterMemberId} onChange={(e) => setReporterMemberId(e.currentTarget.value)}>
            <option value="">{t('choose')}</option>
            {members.map((m: any) => <option key={m.id} value={m.id}>{m.name ?? m.id}</option>)}
            <option value="other">{t('someoneElse')}</option></select></label>
          {reporterMemberId === 'other' && (
            <>
              <label>{t('reporterNik')}<input required inputMode="numeric" pattern="\d{16}" maxLength={16} value={other.nik} onInput={(e) => setOther({ ...other, nik: e.currentTarget.value })} /></label>
              <label>{t('reporterName')}<input required maxLength={200} value={other.name} onInput={(e) => setOther({ ...other, name: e.currentTarget.value })} /></label>
              <label>{t('reporterBirthDate')}<input required type="date" value={other.birthDate} onInput={(e) => setOther({ ...other, birthDate: e.currentTarget.value })} /></label>
            </>)}
          <label>{t('phone')}<input type="tel" maxLength={30} value={reporterPhone} onInput={(e) => setReporterPhone(e.currentTarget.value)} /></label>
        </div>
        <label>{t('description')}<textarea required rows={2} maxLength={2000} value={description} onInput={(e) => setDescription(e.currentTarget.value)} /></label>
        <button type="submit" disabled={state.saving}>{t('recordRequest')}</button>
        {state.number && <p role="status" class="ok">{t('requestRecorded', { number: state.number })} <a href="#/layanan">{t('desk')}</a></p>}
        {state.error != null && <p role="alert" class="error">{errorText(state.error)}</p>}
      </form>
    </section>
  );
}
