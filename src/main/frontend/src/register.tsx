// A village registers a household from its family card: the card, the address and everyone on it. A
// caller who may propose a registration but decides none sends it as a proposal (usulan) with the
// village meeting's minutes as evidence; UPT-PK, which decides proposals, registers directly.
import { useState } from 'preact/hooks';
import { gql, uploadFile } from './api';
import { can, type Capabilities } from './capabilities';
import { registersAsProposal } from './proposal-logic';
import { t, tCode } from './i18n';
import { errorText, go } from './ui';
import { RelationshipValues, SexValues } from './generated/schema';

interface NewMember { nik: string; name: string; sex: string; birthDate: string; relationship: string }

const blank = (relationship: string): NewMember => ({ nik: '', name: '', sex: 'MALE', birthDate: '', relationship });

export function RegisterHousehold({ caps, region }: { caps: Capabilities; region?: string }) {
  const [kk, setKk] = useState('');
  const [villageCode, setVillageCode] = useState(region && region.split('.').length === 4 ? region : '');
  const [address, setAddress] = useState('');
  const [rt, setRt] = useState('');
  const [rw, setRw] = useState('');
  const [members, setMembers] = useState<NewMember[]>([blank('HEAD')]);
  const [reason, setReason] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<{ saving?: boolean; error?: unknown; proposed?: any }>({});
  const proposing = registersAsProposal(caps);
  const has = (field: string) => can(caps, 'RegisterHouseholdInput', field);
  const update = (i: number, change: Partial<NewMember>) => setMembers(members.map((m, j) => (j === i ? { ...m, ...change } : m)));
  const submit = async (e: Event) => {
    e.preventDefault();
    setState({ saving: true });
    const household = { kk, villageCode, address, rt: rt || null, rw: rw || null, members };
    try {
      if (proposing) {
        const data = await gql(`mutation ProposeRegistration($input: ProposeRegistrationInput!) { proposeRegistration(input: $input) { id kind summary } }`,
          { input: { household, reason } });
        const request = data.proposeRegistration;
        let uploadError: unknown;
        if (file) await uploadFile(`/change-requests/${encodeURIComponent(request.id)}/attachments`, file).catch((error) => { uploadError = error; });
        setState({ proposed: request, error: uploadError });
        return;
      }
      const data = await gql(`mutation Register($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`, { input: household });
      go(`/rt/${encodeURIComponent(data.registerHousehold.id)}`);
    } catch (error) {
      setState({ error });
    }
  };
  return (
    <form class="form wide" onSubmit={submit}>
      <h1>{t('registerTitle')}</h1>
      <p>{t('registerIntro')}</p>
      {proposing && <p class="hint">{t('registerProposeIntro')}</p>}
      <div class="grid">
        {has('kk') && <label>{t('kk')}<input required inputMode="numeric" pattern="\d{16}" maxLength={16} value={kk} onInput={(e) => setKk(e.currentTarget.value)} /></label>}
        {has('villageCode') && <label>{t('village')}<input required value={villageCode} readOnly={!!region && region.split('.').length === 4} onInput={(e) => setVillageCode(e.currentTarget.value)} /></label>}
        {has('address') && <label>{t('address')}<input required maxLength={200} value={address} onInput={(e) => setAddress(e.currentTarget.value)} /></label>}
        {has('rt') && <label>RT<input inputMode="numeric" maxLength={3} value={rt} onInput={(e) => setRt(e.currentTarget.value)} /></label>}
        {has('rw') && <label>RW<input inputMode="numeric" maxLength={3} value={rw} onInput={(e) => setRw(e.currentTarget.value)} /></label>}
      </div>
      {members.map((m, i) => (
        <fieldset key={i}>
          <legend>{t('memberNo', { n: i + 1 })}</legend>
          <div class="grid">
            <label>{t('nik')}<input required inputMode="numeric" pattern="\d{16}" maxLength={16} value={m.nik} onInput={(e) => update(i, { nik: e.currentTarget.value })} /></label>
            <label>{t('name')}<input required maxLength={200} value={m.name} onInput={(e) => update(i, { name: e.currentTarget.value })} /></label>
            <label>{t('sex')}<select value={m.sex} onChange={(e) => update(i, { sex: e.currentTarget.value })}>
              {SexValues.map((s) => <option key={s} value={s}>{tCode('sex', s)}</option>)}</select></label>
            <label>{t('birthDate')}<input required type="date" value={m.birthDate} onInput={(e) => update(i, { birthDate: e.currentTarget.value })} /></label>
            <label>{t('relationship')}<select value={m.relationship} onChange={(e) => update(i, { relationship: e.currentTarget.value })}>
              {RelationshipValues.map((r) => <option key={r} value={r}>{tCode('rel', r)}</option>)}</select></label>
          </div>
          {i > 0 && <button type="button" onClick={() => setMembers(members.filter((_, j) => j !== i))}>{t('removeMemberRow')}</button>}
        </fieldset>))}
      {proposing && (
        <div class="grid">
          <label>{t('reason')}<textarea required rows={2} maxLength={1000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} /></label>
          <label>{t('evidenceFile')}<input type="file" accept="application/pdf,image/jpeg,image/png" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} /></label>
        </div>)}
      <p class="row">
        <button type="button" onClick={() => setMembers([...members, blank('CHILD')])}>{t('addMemberRow')}</button>
        <button type="submit" class="primary" disabled={state.saving || state.proposed != null}>{proposing ? t('sendProposal') : t('save')}</button>
      </p>
      {state.proposed && <p role="status" class="ok">{t('registerProposed')} <a href="#/usulan">{t('proposals')}</a></p>}
      {state.error != null && <p role="alert" class="error">{state.proposed ? `${t('evidenceFailed')} ` : ''}{errorText(state.error)}</p>}
    </form>
  );
}
