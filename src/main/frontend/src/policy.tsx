// The access policy as a readable matrix of roles and fields, for the administrator.
import { useState } from 'preact/hooks';
import { gql } from './api';
import { t } from './i18n';
import { ErrorMessage, Loading, useLoad } from './ui';
import { matrixRows } from './policy-logic';

export function PolicyMatrix() {
  const policy = useLoad(() => gql(`{ accessPolicy { roles { name description } fields { coordinate kind roles maskedFor } } }`), []);
  const [filter, setFilter] = useState('');
  if (policy.loading) return <Loading />;
  if (policy.error) return <ErrorMessage error={policy.error} />;
  const roles: { name: string; description: string }[] = policy.data.accessPolicy.roles;
  const rows = matrixRows(policy.data.accessPolicy.fields, filter);
  return (
    <div>
      <h1>{t('policy')}</h1>
      <p>{t('policyIntro')}</p>
      <dl class="roles">{roles.map((r) => <><dt key={r.name}>{r.name}</dt><dd>{r.description}</dd></>)}</dl>
      <label class="filters">{t('filterFields')}
        <input type="search" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
      </label>
      <div class="table-wrap matrix"><table>
        <caption>{t('policy')} ({rows.length})</caption>
        <thead><tr><th scope="col">{t('coordinate')}</th>{roles.map((r) => <th scope="col" key={r.name}>{r.name}</th>)}</tr></thead>
        <tbody>{rows.map((row) => (
          <tr key={row.coordinate}>
            <th scope="row" class="mono">{row.coordinate}</th>
            {roles.map((r) => {
              const cell = row.cells[r.name];
              return <td key={r.name} class={`cell-${cell ?? 'none'}`}
                title={cell ? t(cell === 'masked' ? 'masked' : cell) : undefined}>
                {cell === 'read' ? t('readLetter') : cell === 'masked' ? t('maskedLetter') : cell === 'write' ? t('writeLetter') : ''}
                {cell && <span class="sr-only"> {t(cell === 'masked' ? 'masked' : cell)}</span>}
              </td>;
            })}
          </tr>))}
        </tbody>
      </table></div>
    </div>
  );
}
