// The planning office's view of a verification round: poor households and persons by district or
// by village of a district, a bar chart drawn as SVG, and the table as a CSV download.
import { useState } from 'preact/hooks';
import { gql } from './api';
import { canQuery, type Capabilities } from './capabilities';
import { formatNumber, lang, t } from './i18n';
import { ErrorMessage, Loading, useLoad } from './ui';
import { bars, toCsv, type Count, type StatRow } from './stats-logic';

const COUNT = 'value suppressed';

export function Statistics({ caps, regency }: { caps: Capabilities; regency: string }) {
  const rounds = useLoad(() => gql('{ verificationRounds { name year status } }'), []);
  const [round, setRound] = useState('');
  const [district, setDistrict] = useState('');
  const districts = useLoad(() => gql(`query($p: String) { regions(parent: $p) { code name } }`, { p: regency }), [regency]);
  // the newest closed round first: its figures are final
  const newestFirst = [...(rounds.data?.verificationRounds ?? [])].sort((a: any, b: any) => b.year - a.year);
  const chosenRound = round || newestFirst.find((r: any) => r.status === 'CLOSED')?.name || newestFirst[0]?.name || '';
  const parent = district || regency;
  const table = useLoad(async () => {
    if (!chosenRound) return null;
    const regions = (await gql(`query($p: String) { regions(parent: $p) { code name } }`, { p: parent })).regions as { code: string; name: string }[];
    const fields = (alias: string, code: string) => `${alias}: statistics(round: $round, region: "${code}") {
        region { code name } households { ${COUNT} } persons { ${COUNT} } change { households { ${COUNT} } } }`;
    const data = await gql(`query Statistics($round: String!) { ${fields("total", parent)} ${regions.map((r, i) => fields(`r${i}`, r.code)).join(' ')} }`,
      { round: chosenRound });
    const row = (s: any): StatRow => ({ code: s.region.code, name: s.region.name, households: s.households, persons: s.persons, change: s.change?.households });
    return { rows: regions.map((_, i) => row(data[`r${i}`])), total: row(data.total) };
  }, [chosenRound, parent]);

  const headers = [t('region'), t('name'), t('households'), t('persons'), t('change')];
  const download = () => {
    const blob = new Blob([toCsv(headers, [...table.data!.rows, table.data!.total], t('suppressed'))], { type: 'text/csv;charset=utf-8' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `statistik-${chosenRound}-${parent.replace(/\./g, '')}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  };
  return (
    <div>
      <h1>{t('statistics')}</h1>
      <ErrorMessage error={rounds.error ?? districts.error} />
      <div class="filters">
        <label>{t('round')}
          <select value={chosenRound} onChange={(e) => setRound(e.currentTarget.value)}>
            {rounds.data?.verificationRounds.map((r: any) => <option key={r.name} value={r.name}>{r.name}</option>)}
          </select>
        </label>
        <label>{t('level')}
          <select value={district} onChange={(e) => setDistrict(e.currentTarget.value)}>
            <option value="">{t('byDistrict')}</option>
            {districts.data?.regions.map((r: any) => <option key={r.code} value={r.code}>{t('byVillage')} {r.name}</option>)}
          </select>
        </label>
      </div>
      <ErrorMessage error={table.error} />
      {table.loading && <Loading />}
      {!table.loading && table.data && (
        <>
          <Chart rows={table.data.rows} />
          <div class="table-wrap"><table>
            <caption>{t('chartTitle')} — {table.data.total.name}, {chosenRound}</caption>
            <thead><tr>{headers.map((h, i) => <th scope="col" key={h} class={i > 1 ? 'num' : ''}>{h}</th>)}</tr></thead>
            <tbody>{table.data.rows.map((r) => (
              <tr key={r.code}><td class="mono">{r.code}</td><th scope="row">{r.name}</th>
                <td class="num"><CountCell c={r.households} /></td><td class="num"><CountCell c={r.persons} /></td>
                <td class="num"><CountCell c={r.change} signed /></td></tr>))}
            </tbody>
            <tfoot><tr><td class="mono">{table.data.total.code}</td><th scope="row">{t('total')}</th>
              <td class="num"><CountCell c={table.data.total.households} /></td><td class="num"><CountCell c={table.data.total.persons} /></td>
              <td class="num"><CountCell c={table.data.total.change} signed /></td></tr></tfoot>
          </table></div>
          <p class="hint">{t('suppressedNote')}</p>
          <button type="button" onClick={download}>{t('download')}</button>
        </>)}
      {chosenRound && canQuery(caps, 'programmeGraduation') && <Graduation round={chosenRound} region={parent} />}
    </div>
  );
}

/** Per programme: the round's poor households that received it, and how many the next round found no longer poor. */
function Graduation({ round, region }: { round: string; region: string }) {
  const figures = useLoad(async () => {
    const programmes = (await gql('{ programmes { code name kind } }')).programmes as { code: string; name: string; kind: string }[];
    const data = await gql(`query Graduation($round: String!, $region: String!) { ${programmes.map((p, i) =>
      `p${i}: programmeGraduation(programme: "${p.code}", round: $round, region: $region) {
        nextRound { name } recipients { ${COUNT} } leftPoverty { ${COUNT} } }`).join(' ')} }`, { round, region });
    return programmes.map((p, i) => ({ ...p, ...data[`p${i}`] }))
      .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'EMPOWERMENT' ? -1 : 1));
  }, [round, region]);
  if (figures.loading) return <Loading />;
  if (figures.error) return <ErrorMessage error={figures.error} />;
  const rows = figures.data ?? [];
  const next = rows.find((r: any) => r.nextRound)?.nextRound?.name;
  const share = (r: any) => (r.recipients?.value && r.leftPoverty?.value != null && !r.leftPoverty.suppressed
    ? `${formatNumber(Math.round((1000 * r.leftPoverty.value) / r.recipients.value) / 10)} %` : '–');
  return (
    <section class="card" aria-labelledby="graduation-title">
      <h2 id="graduation-title">{t('graduationTitle')}</h2>
      <p>{t('graduationIntro', { round, next: next ?? t('noNextRound') })}</p>
      <div class="table-wrap"><table>
        <caption class="sr-only">{t('graduationTitle')}</caption>
        <thead><tr><th scope="col">{t('programme')}</th><th scope="col" class="num">{t('recipients')}</th>
          <th scope="col" class="num">{t('leftPoverty')}</th><th scope="col" class="num">{t('share')}</th></tr></thead>
        <tbody>{rows.map((r: any) => (
          <tr key={r.code}><th scope="row">{r.name}</th><td class="num"><CountCell c={r.recipients} /></td>
            <td class="num"><CountCell c={r.leftPoverty} /></td><td class="num">{share(r)}</td></tr>))}
        </tbody>
      </table></div>
    </section>
  );
}

function CountCell({ c, signed }: { c?: Count | null; signed?: boolean }) {
  if (!c) return <>–</>;
  if (c.suppressed || c.value == null) return <em>{t('suppressed')}</em>;
  return <>{signed && c.value > 0 ? '+' : ''}{formatNumber(c.value)}</>;
}

function Chart({ rows }: { rows: StatRow[] }) {
  const data = bars(rows);
  const rowHeight = 26;
  const labelWidth = 170;
  const width = 640;
  const barSpace = width - labelWidth - 70;
  const height = data.length * rowHeight + 10;
  return (
    <figure class="chart">
      <figcaption>{t('chartTitle')}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={t('chartTitle')} lang={lang()}>
        {data.map((b, i) => (
          <g key={b.label} transform={`translate(0 ${i * rowHeight + 5})`}>
            <text x={labelWidth - 8} y={rowHeight / 2 + 4} text-anchor="end" font-size="13" fill="#1b1b1b">{b.label}</text>
            <rect x={labelWidth} y={3} height={rowHeight - 8} width={Math.max(1, b.share * barSpace)} fill={b.suppressed ? '#9aa5b1' : '#1f5f8b'} />
            <text x={labelWidth + b.share * barSpace + 6} y={rowHeight / 2 + 4} font-size="13" fill="#1b1b1b">
              {b.suppressed ? t('suppressed') : formatNumber(b.value)}</text>
          </g>))}
      </svg>
    </figure>
  );
}
