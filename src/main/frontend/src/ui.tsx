// Small shared pieces: loading and error states, the households table and the hash router.
import { useEffect, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { GraphQlErrors, NetworkError } from './api';
import { describeError } from './errors';
import { can, type Capabilities, type Selection } from './capabilities';
import { formatNumber, t, tCode } from './i18n';

export function useRoute(): string {
  const [route, setRoute] = useState(location.hash.slice(1) || '/');
  useEffect(() => {
    const update = () => setRoute(location.hash.slice(1) || '/');
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}

export const go = (path: string) => { location.hash = path; };

export interface Loaded<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  reload: () => void;
}

/** Runs a loader when its dependencies change; the latest answer wins. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    load().then((data) => current && setState({ data, loading: false }),
      (error) => current && setState({ error, loading: false }));
    return () => { current = false; };
  }, [...deps, tick]);
  return { ...state, reload: () => setTick((n) => n + 1) };
}

export function errorText(error: unknown): string {
  if (error instanceof GraphQlErrors) return error.errors.map((e) => describeError(e)).join(' ');
  if (error instanceof NetworkError) return t('err_NETWORK');
  return t('err_OTHER');
}

export function ErrorMessage({ error }: { error: unknown }) {
  if (!error) return null;
  return <p class="error" role="alert">{errorText(error)}</p>;
}

export function Loading() {
  return <p class="loading" role="status">{t('loading')}</p>;
}

export function Section({ title, children, id }: { title: string; children: ComponentChildren; id?: string }) {
  return <section class="card" aria-labelledby={id}><h2 id={id}>{title}</h2>{children}</section>;
}

/** The fields a list of households asks for, as far as the caller may read them. */
export const HOUSEHOLD_ROW: Selection = ['id', 'kk', 'address', 'status',
  ['village', 'Region', ['code', 'name']],
  ['head', 'Member', ['id', 'name']],
  ['members', 'Member', ['id']],
  ['social', 'SocialFacet', ['decile', ['cluster', 'Cluster', ['code', 'name']]]]];

interface Column {
  key: string;
  label: () => string;
  shown: (caps: Capabilities) => boolean;
  cell: (h: any) => ComponentChildren;
  numeric?: boolean;
}

const columns: Column[] = [
  { key: 'kk', label: () => t('kk'), shown: (c) => can(c, 'Household', 'kk'),
    cell: (h) => <a href={`#/rt/${encodeURIComponent(h.id)}`} class="mono">{h.kk}</a> },
  { key: 'head', label: () => t('head'), shown: (c) => can(c, 'Household', 'head') && can(c, 'Member', 'name'),
    cell: (h) => h.head?.name ?? '–' },
  { key: 'village', label: () => t('village'), shown: (c) => can(c, 'Household', 'village'), cell: (h) => h.village?.name },
  { key: 'address', label: () => t('address'), shown: (c) => can(c, 'Household', 'address'), cell: (h) => h.address },
  { key: 'members', label: () => t('members'), shown: (c) => can(c, 'Household', 'members'), numeric: true,
    cell: (h) => formatNumber(h.members?.length) },
  { key: 'cluster', label: () => t('cluster'), shown: (c) => can(c, 'SocialFacet', 'cluster'),
    cell: (h) => h.social?.cluster?.name ?? '–' },
  { key: 'decile', label: () => t('decile'), shown: (c) => can(c, 'SocialFacet', 'decile'), numeric: true,
    cell: (h) => h.social?.decile ?? '–' },
  { key: 'status', label: () => t('status'), shown: (c) => can(c, 'Household', 'status'),
    cell: (h) => tCode('hhStatus', h.status) },
];

export function HouseholdTable({ caps, households, caption, extra, extraLabel }:
  { caps: Capabilities; households: any[]; caption: string; extra?: (h: any) => ComponentChildren; extraLabel?: string }) {
  const shown = columns.filter((c) => c.shown(caps));
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead><tr>
          {shown.map((c) => <th scope="col" class={c.numeric ? 'num' : ''} key={c.key}>{c.label()}</th>)}
          {!can(caps, 'Household', 'kk') && <th scope="col"><span class="sr-only">{t('open')}</span></th>}
          {extra && <th scope="col">{extraLabel}</th>}
        </tr></thead>
        <tbody>
          {households.map((h) => (
            <tr key={h.id}>
              {shown.map((c) => <td class={c.numeric ? 'num' : ''} key={c.key}>{c.cell(h)}</td>)}
              {!can(caps, 'Household', 'kk') && <td><a href={`#/rt/${encodeURIComponent(h.id)}`}>{t('open')}</a></td>}
              {extra && <td>{extra(h)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
