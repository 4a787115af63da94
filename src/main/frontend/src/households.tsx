// Lists of households: a village operator's first screen with filters, and search by NIK, KK or name.
import { useState } from 'preact/hooks';
import { gql } from './api';
import { canQuery, can, select, type Capabilities } from './capabilities';
import { formatNumber, t, tCode } from './i18n';
import { HouseholdStatusValues } from './generated/schema';
import { ErrorMessage, HOUSEHOLD_ROW, HouseholdTable, Loading, useLoad } from './ui';
import { classifySearch } from './search-input';

const PAGE = 20;
const SEARCH_PAGE = 30;

export interface Filter {
  status?: string;
  cluster?: string;
  programme?: string;
  jknSegment?: string;
  name?: string;
}

/** Households of a region, a page at a time, with the filters the caller's schema offers. */
export function RegionHouseholds({ caps, region, caption }: { caps: Capabilities; region: string; caption: string }) {
  // the families living on their card today, unless the clerk asks for the dissolved ones too
  const initial: Filter = can(caps, 'HouseholdFilter', 'status') ? { status: 'ACTIVE' } : {};
  const [filter, setFilter] = useState<Filter>(initial);
  const [draft, setDraft] = useState<Filter>(initial);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1];
  const options = useLoad(() => gql(`{ ${canQuery(caps, 'clusters') ? 'clusters { code name }' : ''}
      ${canQuery(caps, 'programmes') && can(caps, 'HouseholdFilter', 'programme') ? 'programmes { code name target }' : ''} __typename }`), []);
  const page = useLoad(() => gql(`query Households($filter: HouseholdFilter, $first: Int, $after: String) {
      households(filter: $filter, first: $first, after: $after, orderBy: {field: KK}) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { node { ${select(caps, 'Household', HOUSEHOLD_ROW)} } } } }`,
    { filter: { region, ...clean(filter) }, first: PAGE, after }), [region, filter, after]);

  const apply = (e: Event) => {
    e.preventDefault();
    setCursors([null]);
    setFilter(draft);
  };
  const connection = page.data?.households;
  const from = (cursors.length - 1) * PAGE + 1;
  return (
    <div>
      <form class="filters" onSubmit={apply} aria-label={t('filters')}>
        {can(caps, 'HouseholdFilter', 'status') && (
          <label>{t('status')}
            <select value={draft.status ?? ''} onChange={(e) => setDraft({ ...draft, status: e.currentTarget.value || undefined })}>
              {HouseholdStatusValues.map((s) => <option value={s} key={s}>{tCode('hhStatus', s)}</option>)}
              <option value="">{t('all')}</option>
            </select>
          </label>)}
        {can(caps, 'HouseholdFilter', 'cluster') && options.data?.clusters && (
          <label>{t('cluster')}
            <select value={draft.cluster ?? ''} onChange={(e) => setDraft({ ...draft, cluster: e.currentTarget.value || undefined })}>
              <option value="">{t('all')}</option>
              {options.data.clusters.map((c: any) => <option value={c.code} key={c.code}>{c.name}</option>)}
            </select>
          </label>)}
        {can(caps, 'HouseholdFilter', 'programme') && options.data?.programmes && (
          <label>{t('programme')}
            <select value={draft.programme ?? ''} onChange={(e) => setDraft({ ...draft, programme: e.currentTarget.value || undefined })}>
              <option value="">{t('all')}</option>
              {options.data.programmes.map((p: any) => <option value={p.code} key={p.code}>{p.name}</option>)}
            </select>
          </label>)}
        {can(caps, 'HouseholdFilter', 'jknSegment') && (
          <label class="check">
            <input type="checkbox" checked={draft.jknSegment === 'NONE'}
              onChange={(e) => setDraft({ ...draft, jknSegment: e.currentTarget.checked ? 'NONE' : undefined })} />
            {t('withoutJkn')}
          </label>)}
        {can(caps, 'HouseholdFilter', 'name') && (
          <label>{t('nameContains')}
            <input type="search" value={draft.name ?? ''} minLength={3}
              onInput={(e) => setDraft({ ...draft, name: e.currentTarget.value || undefined })} />
          </label>)}
        <button type="submit">{t('apply')}</button>
      </form>
      <ErrorMessage error={page.error} />
      {page.loading && !connection && <Loading />}
      {connection && (
        <>
          <p aria-live="polite">{connection.totalCount === 0 ? t('noResults')
            : t('pageOf', { from: formatNumber(from), to: formatNumber(from + connection.edges.length - 1), total: formatNumber(connection.totalCount) })}</p>
          {connection.edges.length > 0 &&
            <HouseholdTable caps={caps} caption={caption} households={connection.edges.map((e: any) => e.node)} />}
          <nav class="pager" aria-label={caption}>
            <button type="button" disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>{t('previous')}</button>
            <button type="button" disabled={!connection.pageInfo.hasNextPage}
              onClick={() => setCursors([...cursors, connection.pageInfo.endCursor])}>{t('next')}</button>
          </nav>
        </>
      )}
    </div>
  );
}

function clean(filter: Filter): Filter {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v != null && v !== '')) as Filter;
}

export function Search({ caps, initial }: { caps: Capabilities; initial: string }) {
  const [text, setText] = useState(initial);
  const [asked, setAsked] = useState(initial);
  const kind = classifySearch(asked);
  const result = useLoad(async () => {
    if (kind === 'none' || kind === 'short') return null;
    const row = select(caps, 'Household', HOUSEHOLD_ROW);
    if (kind === 'number') {
      const parts = [];
      if (canQuery(caps, 'household')) parts.push(`byKk: household(kk: $number) { ${row} }`);
      if (canQuery(caps, 'member') && can(caps, 'Member', 'household')) parts.push(`byNik: member(nik: $number) { household { ${row} } }`);
      const data = await gql(`query Search($number: String!) { ${parts.join(' ')} }`, { number: asked.replace(/\D/g, '') });
      return [data.byKk, data.byNik?.household].filter((h, i, all) => h && all.findIndex((o) => o?.id === h.id) === i);
    }
    // no totalCount: counting every match costs more than finding the first page
    const data = await gql(`query Search($name: String!) { households(filter: {name: $name}, first: ${SEARCH_PAGE}) {
        pageInfo { hasNextPage } edges { node { ${row} } } } }`, { name: asked.trim() });
    return Object.assign(data.households.edges.map((e: any) => e.node), { more: data.households.pageInfo.hasNextPage });
  }, [asked]);
  return (
    <div>
      <h1>{t('searchTitle')}</h1>
      <form role="search" class="search" onSubmit={(e) => { e.preventDefault(); setAsked(text); location.hash = `/cari?q=${encodeURIComponent(text)}`; }}>
        <label for="q">{t('searchLabel')}</label>
        <div class="row">
          <input id="q" type="search" value={text} autoFocus aria-describedby="q-hint"
            onInput={(e) => setText(e.currentTarget.value)} />
          <button type="submit">{t('searchButton')}</button>
        </div>
        <p id="q-hint" class="hint">{t('searchHint')}</p>
      </form>
      {kind === 'short' && <p role="alert">{t('searchTooShort')}</p>}
      <ErrorMessage error={result.error} />
      {result.loading && kind !== 'none' && kind !== 'short' && <Loading />}
      {!result.loading && result.data && (
        <div aria-live="polite">
          <p>{result.data.length === 0 ? t('noResults') : t('results', { count: formatNumber(result.data.length) })}</p>
          {(result.data as any).more && <p class="hint">{t('searchMore', { count: SEARCH_PAGE })}</p>}
          {result.data.length > 0 && <HouseholdTable caps={caps} households={result.data} caption={t('results', { count: result.data.length })} />}
        </div>
      )}
    </div>
  );
}
