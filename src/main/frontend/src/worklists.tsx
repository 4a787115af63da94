// The social office's worklists for a village or district: no cluster yet, a suggestion that differs
// from the assignment, a decile range, and households with members without active JKN.
import { useState } from 'preact/hooks';
import { gql } from './api';
import { can, select, type Capabilities } from './capabilities';
import { formatNumber, t, type Key } from './i18n';
import { ErrorMessage, HOUSEHOLD_ROW, HouseholdTable, Loading, useLoad } from './ui';
import { onWorklist, type Worklist } from './worklist-logic';
import { RegionPicker } from './region-picker';

const LISTS: [Worklist, Key][] = [['unassigned', 'wlUnassigned'], ['differs', 'wlDiffers'], ['decile', 'wlDecile'], ['uninsured', 'wlUninsured']];
const MAX_PAGES = 10;

export function Worklists({ caps, regency }: { caps: Capabilities; regency: string }) {
  const [region, setRegion] = useState<string | null>(null);
  const [list, setList] = useState<Worklist>('unassigned');
  const [decile, setDecile] = useState<[number, number]>([1, 4]);
  const available = LISTS.filter(([l]) =>
    l === 'uninsured' ? can(caps, 'HouseholdFilter', 'jknSegment')
      : l === 'decile' ? can(caps, 'SocialFacet', 'decile')
        : can(caps, 'Household', 'suggestedCluster'));
  const rows = useLoad(async () => {
    if (!region) return null;
    const filter = list === 'uninsured' ? { region, jknSegment: 'NONE' } : { region };
    const selection = select(caps, 'Household', [...HOUSEHOLD_ROW,
      ['suggestedCluster', 'ClusterSuggestion', ['differsFromAssigned', ['cluster', 'Cluster', ['code', 'name']], ['assigned', 'Cluster', ['code']]]]]);
    const found: any[] = [];
    let after: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const data: any = await gql(`query Worklist($filter: HouseholdFilter, $after: String) {
          households(filter: $filter, first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { ${selection} } } } }`,
        { filter, after });
      found.push(...data.households.edges.map((e: any) => e.node));
      if (!data.households.pageInfo.hasNextPage) break;
      after = data.households.pageInfo.endCursor;
    }
    return found;
  }, [region, list === 'uninsured']);
  const shown = (rows.data ?? []).filter((h) => onWorklist(list, h, decile[0], decile[1]));
  const current = LISTS.find(([l]) => l === list)!;
  return (
    <div>
      <h1>{t('worklists')}</h1>
      <p>{t('worklistIntro')}</p>
      <RegionPicker caps={caps} regency={regency} onChange={setRegion} />
      <div role="tablist" aria-label={t('worklists')} class="tabs">
        {available.map(([l, label]) => (
          <button type="button" role="tab" key={l} aria-selected={l === list} onClick={() => setList(l)}>{t(label)}</button>))}
      </div>
      {list === 'decile' && (
        <div class="filters">
          <label>{t('decileFrom')} <input type="number" min={1} max={10} value={decile[0]} onInput={(e) => setDecile([Number(e.currentTarget.value), decile[1]])} /></label>
          <label>{t('decileTo')} <input type="number" min={1} max={10} value={decile[1]} onInput={(e) => setDecile([decile[0], Number(e.currentTarget.value)])} /></label>
        </div>)}
      <ErrorMessage error={rows.error} />
      {region && rows.loading && <Loading />}
      {region && !rows.loading && rows.data && (
        <div role="tabpanel" aria-live="polite">
          <p>{t('results', { count: formatNumber(shown.length) })}</p>
          {shown.length > 0 && <HouseholdTable caps={caps} households={shown} caption={t(current[1])}
            extraLabel={t('suggested')} extra={(h) => h.suggestedCluster?.cluster?.name ?? '–'} />}
        </div>)}
    </div>
  );
}
