// The health office: the insurer's list (JKN) uploaded as a file, checked in a dry run with each
// refused row and its reason, then applied with its progress; and the poor households' members
// without active JKN, to follow up.
import { useEffect, useState } from 'preact/hooks';
import { downloadFile, gql, postForm } from './api';
import { can, select, type Capabilities, type Selection } from './capabilities';
import { formatDate, formatNumber, t, tCode } from './i18n';
import { ErrorMessage, Loading, useLoad } from './ui';
import { RegionPicker } from './region-picker';
import { uninsuredMembers } from './health-logic';

const JOB: Selection = ['id', 'kind', 'status', 'dryRun', 'fileName', 'rowsTotal', 'rowsRead', 'rowsApplied', 'rowsFailed',
  'rowsNew', 'rowsChanged', 'rowsUnchanged', 'rowsInvalid', 'percent', 'secondsLeft', 'duplicateOf', 'failure',
  ['problems(first: 100)', 'ImportRowProblem', ['line', 'nik', 'field', 'reason']]];
const RUNNING = ['VALIDATING', 'APPLYING'];

export function JknImport({ caps }: { caps: Capabilities }) {
  const [file, setFile] = useState<File | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [job, setJob] = useState<any>(null);
  const [state, setState] = useState<{ busy?: boolean; error?: unknown }>({});
  // follows the job until it has finished, reading it once a second
  useEffect(() => {
    if (!jobId) return;
    let stop = false;
    const poll = async () => {
      try {
        const data = await gql(`query Job($id: ID!) { importJob(id: $id) { ${select(caps, 'ImportJob', JOB)} } }`, { id: jobId });
        if (stop) return;
        setJob(data.importJob);
        if (data.importJob && RUNNING.includes(data.importJob.status)) setTimeout(poll, 1000);
      } catch (error) {
        if (!stop) setState({ error });
      }
    };
    poll();
    return () => { stop = true; };
  }, [jobId]);
  const upload = async (e: Event) => {
    e.preventDefault();
    if (!file) return;
    const form = new FormData();
    form.append('kind', 'JKN');
    form.append('dryRun', 'true');
    form.append('file', file);
    setState({ busy: true });
    setJob(null);
    try {
      const answer = await postForm('/imports', form);
      setState({});
      setJobId(null);
      setJobId(answer.id);
    } catch (error) {
      setState({ error });
    }
  };
  const apply = async () => {
    setState({ busy: true });
    try {
      await postForm(`/imports/${encodeURIComponent(job.id)}/apply`);
      setState({});
      setJob({ ...job, status: 'APPLYING', dryRun: false });
      setJobId(null);
      setTimeout(() => setJobId(job.id), 0);
    } catch (error) {
      setState({ error });
    }
  };
  const running = job && RUNNING.includes(job.status);
  return (
    <div>
      <h1>{t('jknImport')}</h1>
      <p>{t('jknImportIntro')}</p>
      <form class="filters" onSubmit={upload} aria-labelledby="jkn-upload">
        <h2 id="jkn-upload" class="sr-only">{t('jknImport')}</h2>
        <label>{t('insurerFile')}<input type="file" required accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} /></label>
        <button type="submit" disabled={state.busy || running}>{t('checkFile')}</button>
      </form>
      <ErrorMessage error={state.error} />
      {job && (
        <section class="card" aria-labelledby="job-title">
          <h2 id="job-title">{job.fileName} · {tCode('importStatus', job.status)}</h2>
          {running && <p><progress max={100} value={job.percent} aria-label={t('progress')} /> {formatNumber(Math.floor(job.percent))} %
            {job.secondsLeft != null ? ` · ${t('secondsLeft', { seconds: formatNumber(job.secondsLeft) })}` : ''}</p>}
          {job.status === 'DUPLICATE' && <p class="warn">{t('importDuplicate')}</p>}
          {job.failure && <p class="error" role="alert">{job.failure}</p>}
          <dl class="facts" aria-live="polite">
            <dt>{t('rowsTotal')}</dt><dd>{formatNumber(job.rowsTotal)}</dd>
            <dt>{t('rowsNew')}</dt><dd>{formatNumber(job.rowsNew)}</dd>
            <dt>{t('rowsChanged')}</dt><dd>{formatNumber(job.rowsChanged)}</dd>
            <dt>{t('rowsUnchanged')}</dt><dd>{formatNumber(job.rowsUnchanged)}</dd>
            <dt>{t('rowsInvalid')}</dt><dd class={job.rowsInvalid ? 'warn' : ''}>{formatNumber(job.rowsInvalid)}</dd>
            {!job.dryRun && <><dt>{t('rowsApplied')}</dt><dd>{formatNumber(job.rowsApplied)}</dd>
              <dt>{t('rowsFailed')}</dt><dd>{formatNumber(job.rowsFailed)}</dd></>}
          </dl>
          {job.status === 'VALIDATED' && (
            <p class="row"><button type="button" class="primary" disabled={state.busy} onClick={apply}>
              {t('applyRows', { count: formatNumber(job.rowsNew + job.rowsChanged) })}</button></p>)}
          {job.status === 'APPLIED' && <p role="status" class="ok">{t('importApplied', { count: formatNumber(job.rowsApplied) })}</p>}
          {job.problems?.length > 0 && (
            <>
              <div class="table-wrap"><table>
                <caption>{t('refusedRows')}</caption>
                <thead><tr><th scope="col" class="num">{t('line')}</th><th scope="col">{t('nik')}</th><th scope="col">{t('column')}</th><th scope="col">{t('reason')}</th></tr></thead>
                <tbody>{job.problems.map((p: any) => (
                  <tr key={`${p.line}-${p.field}`}><td class="num">{p.line}</td><td class="mono">{p.nik ?? '–'}</td><td>{p.field}</td><td>{p.reason}</td></tr>))}</tbody>
              </table></div>
              <p><button type="button" onClick={() => downloadFile(`/imports/${encodeURIComponent(job.id)}/report?format=csv`, `penolakan-${job.fileName.replace(/\.\w+$/, '')}.csv`).catch((error) => setState({ error }))}>
                {t('downloadReport')}</button></p>
            </>)}
        </section>)}
    </div>
  );
}

const UNINSURED: Selection = ['id', 'kk', ['village', 'Region', ['name']], ['social', 'SocialFacet', ['decile']],
  ['members', 'Member', ['id', 'nik', 'name', 'birthDate', 'status', ['health', 'HealthFacet', ['segment', 'active']]]]];
const MAX_PAGES = 10;

export function Uninsured({ caps, regency }: { caps: Capabilities; regency: string }) {
  const [region, setRegion] = useState<string | null>(null);
  const rows = useLoad(async () => {
    if (!region) return null;
    const found: any[] = [];
    let after: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const data: any = await gql(`query Uninsured($filter: HouseholdFilter, $after: String) {
          households(filter: $filter, first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { ${select(caps, 'Household', UNINSURED)} } } } }`,
        { filter: { region, jknSegment: 'NONE' }, after });
      found.push(...data.households.edges.map((e: any) => e.node));
      if (!data.households.pageInfo.hasNextPage) break;
      after = data.households.pageInfo.endCursor;
    }
    return uninsuredMembers(found);
  }, [region]);
  return (
    <div>
      <h1>{t('uninsured')}</h1>
      <p>{t('uninsuredIntro')}</p>
      <RegionPicker caps={caps} regency={regency} onChange={setRegion} />
      <ErrorMessage error={rows.error} />
      {region && rows.loading && <Loading />}
      {region && !rows.loading && rows.data && (
        <div aria-live="polite">
          <p>{t('uninsuredFound', { count: formatNumber(rows.data.length) })}</p>
          {rows.data.length > 0 && (
            <div class="table-wrap"><table>
              <caption>{t('uninsured')}</caption>
              <thead><tr>
                {can(caps, 'Member', 'name') && <th scope="col">{t('name')}</th>}
                {can(caps, 'Member', 'nik') && <th scope="col">{t('nik')}</th>}
                {can(caps, 'Member', 'birthDate') && <th scope="col">{t('birthDate')}</th>}
                <th scope="col">{t('village')}</th>
                {can(caps, 'Household', 'social') && <th scope="col" class="num">{t('decile')}</th>}
                <th scope="col">{t('jkn')}</th>
                <th scope="col">{t('kk')}</th>
              </tr></thead>
              <tbody>{rows.data.map(({ member: m, household: h }) => (
                <tr key={m.id}>
                  {can(caps, 'Member', 'name') && <td>{m.name}</td>}
                  {can(caps, 'Member', 'nik') && <td class="mono">{m.nik}</td>}
                  {can(caps, 'Member', 'birthDate') && <td>{formatDate(m.birthDate)}</td>}
                  <td>{h.village?.name ?? '–'}</td>
                  {can(caps, 'Household', 'social') && <td class="num">{h.social?.decile ?? '–'}</td>}
                  <td>{!m.health ? t('noHealthRecord') : m.health.segment === 'NONE' ? t('noJkn') : `${m.health.segment.replace(/_/g, ' ')} (${t('inactive')})`}</td>
                  <td><a class="mono" href={`#/rt/${encodeURIComponent(h.id)}`}>{h.kk ?? t('open')}</a></td>
                </tr>))}</tbody>
            </table></div>)}
        </div>)}
    </div>
  );
}
