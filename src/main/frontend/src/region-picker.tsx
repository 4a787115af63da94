// Choosing a district and, optionally, a village of the caller's regency.
import { useEffect, useState } from 'preact/hooks';
import { gql } from './api';
import type { Capabilities } from './capabilities';
import { t } from './i18n';
import { useLoad } from './ui';

export function RegionPicker({ regency, onChange, villages = true }:
  { caps: Capabilities; regency: string; onChange: (code: string | null) => void; villages?: boolean }) {
  const [district, setDistrict] = useState('');
  const [village, setVillage] = useState('');
  const districts = useLoad(() => gql(`query($p: String) { regions(parent: $p) { code name } }`, { p: regency }), [regency]);
  const villageList = useLoad(() => (district && villages
    ? gql(`query($p: String) { regions(parent: $p) { code name } }`, { p: district }) : Promise.resolve(null)), [district]);
  useEffect(() => onChange(village || district || null), [district, village]);
  return (
    <div class="filters">
      <label>{t('district')}
        <select value={district} onChange={(e) => { setDistrict(e.currentTarget.value); setVillage(''); }}>
          <option value="">{t('chooseDistrict')}</option>
          {districts.data?.regions.map((r: any) => <option key={r.code} value={r.code}>{r.name}</option>)}
        </select>
      </label>
      {villages && (
        <label>{t('village')}
          <select value={village} disabled={!district} onChange={(e) => setVillage(e.currentTarget.value)}>
            <option value="">{t('chooseVillage')}</option>
            {villageList.data?.regions.map((r: any) => <option key={r.code} value={r.code}>{r.name}</option>)}
          </select>
        </label>)}
    </div>
  );
}
