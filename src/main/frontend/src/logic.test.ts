import { uninsuredMembers } from './health-logic';
import { entryDefaults, pendingFirst } from './verification-logic';
import { eventInput, registersAsProposal, urgency, type EventForm } from './proposal-logic';
import { describe, expect, it } from 'vitest';
import { accessTokenDue, base64url, codeChallenge, claims, refreshExpired, type Tokens } from './auth';
import { can, canMutate, parseCapabilities, select } from './capabilities';
import { describeError, fieldName } from './errors';
import { formatDate, formatNumber, formatRupiah, t, tCode } from './i18n';
import { classifySearch } from './search-input';
import { bars, toCsv } from './stats-logic';
import { matrixRows } from './policy-logic';
import { onWorklist } from './worklist-logic';

const caps = parseCapabilities({
  __schema: {
    mutationType: { name: 'Mutation' },
    types: [
      { name: 'Query', fields: [{ name: 'households' }], inputFields: null },
      { name: 'Mutation', fields: [{ name: 'assignCluster' }], inputFields: null },
      { name: 'Household', fields: [{ name: 'id' }, { name: 'kk' }, { name: 'village' }, { name: 'social' }], inputFields: null },
      { name: 'Region', fields: [{ name: 'name' }], inputFields: null },
      { name: 'SocialFacet', fields: [{ name: 'decile' }], inputFields: null },
      { name: 'AssignClusterInput', fields: null, inputFields: [{ name: 'reason' }] },
      { name: '__Type', fields: [{ name: 'name' }], inputFields: null },
    ],
  },
});

describe('capabilities from the caller\'s schema', () => {
  it('knows the fields, mutations and input fields the role has', () => {
    expect(can(caps, 'Household', 'kk')).toBe(true);
    expect(can(caps, 'Household', 'members')).toBe(false);
    expect(canMutate(caps, 'assignCluster')).toBe(true);
    expect(canMutate(caps, 'registerHousehold')).toBe(false);
    expect(can(caps, 'AssignClusterInput', 'reason')).toBe(true);
    expect(caps.types.has('__Type')).toBe(false);
  });

  it('selects only what the role may read, and drops objects of which nothing remains', () => {
    expect(select(caps, 'Household', ['id', 'kk', 'address', ['village', 'Region', ['code', 'name']],
      ['social', 'SocialFacet', [['cluster', 'Cluster', ['name']]]], ['head', 'Member', ['name']]]))
      .toBe('id kk village { name }');
  });

  it('keeps the arguments of a selected field', () => {
    expect(select(caps, 'Household', [['village(first: 2)', 'Region', ['name']]])).toBe('village(first: 2) { name }');
  });
});

describe('Indonesian formats', () => {
  it('writes dates, numbers and rupiah as Indonesians do, and English when chosen', () => {
    expect(formatDate('2025-01-31', 'id')).toBe('31 Januari 2025');
    expect(formatDate('2025-01-31', 'en')).toBe('31 January 2025');
    expect(formatNumber(11055, 'id')).toBe('11.055');
    expect(formatNumber(11055, 'en')).toBe('11,055');
    expect(formatRupiah(600000, 'id').replace(/\s/g, ' ')).toBe('Rp 600.000');
    expect(formatDate(null, 'id')).toBe('–');
  });

  it('fills placeholders and names codes, falling back to the code', () => {
    expect(t('villageOf', { name: 'Apuan' }, 'id')).toBe('Desa Apuan');
    expect(tCode('sex', 'FEMALE', 'id')).toBe('perempuan');
    expect(tCode('sex', 'UNKNOWN', 'id')).toBe('UNKNOWN');
  });
});

describe('errors in a clerk\'s words', () => {
  it('names the field at fault and keeps the hub\'s message for bad input', () => {
    const text = describeError({ message: 'The NIK is a woman\'s (day plus 40), but the sex given is male.',
      extensions: { classification: 'BAD_REQUEST', field: 'input.members[0].nik' } }, 'id');
    expect(text).toContain('Data yang diisi belum benar.');
    expect(text).toContain('but the sex given is male');
    expect(text).toContain('Periksa isian "NIK"');
  });

  it('explains a stale version as someone else\'s change', () => {
    expect(describeError({ message: 'x', extensions: { classification: 'CONFLICT', field: 'input.expectedVersion' } }, 'id'))
      .toBe('Data ini baru saja diubah orang lain. Muat ulang halaman, periksa, lalu simpan lagi.');
  });

  it('tells when to try again after a limit', () => {
    expect(describeError({ message: 'x', extensions: { classification: 'BAD_REQUEST', limit: 'identityLookups', retryAfterSeconds: 90 } }, 'id'))
      .toContain('Coba lagi dalam 2 menit.');
  });

  it('does not repeat the server\'s words for other classifications, and quotes the request id of a failure', () => {
    expect(describeError({ message: 'internal', extensions: { classification: 'FORBIDDEN' } }, 'en')).toBe('Your role may not do this.');
    expect(describeError({ message: 'internal', extensions: { classification: 'INTERNAL_ERROR', requestId: 'abc' } }, 'id')).toContain('abc');
    expect(describeError({ message: 'odd' }, 'id')).toBe('Permintaan tidak dapat dijalankan.');
    expect(fieldName('input.members[0].birthDate')).toBe('birthDate');
  });
});

describe('search input', () => {
  it('tells whole numbers, names and too little apart', () => {
    expect(classifySearch('5106 0123 4567 0001')).toBe('number');
    expect(classifySearch('510601')).toBe('short');
    expect(classifySearch('Nym.')).toBe('name');
    expect(classifySearch('Md')).toBe('short');
    expect(classifySearch('  ')).toBe('none');
  });
});

describe('tokens', () => {
  const tokens: Tokens = { access_token: 'a', refresh_token: 'r', expires_in: 300, refresh_expires_in: 1800, obtained: 0 };
  it('refreshes the access token shortly before it expires, and ends with the refresh token', () => {
    expect(accessTokenDue(tokens, 200_000)).toBe(false);
    expect(accessTokenDue(tokens, 271_000)).toBe(true);
    expect(refreshExpired(tokens, 1_799_000)).toBe(false);
    expect(refreshExpired(tokens, 1_800_000)).toBe(true);
    expect(refreshExpired({ ...tokens, refresh_token: undefined }, 0)).toBe(true);
  });

  it('makes the RFC 7636 S256 challenge', async () => {
    expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    expect(base64url(new Uint8Array([251, 255]))).toBe('-_8');
  });

  it('reads the claims of a token, names in any script included', () => {
    const payload = base64url(new TextEncoder().encode(JSON.stringify({ preferred_username: 'desa-a', region: '51.06.01.2001', name: 'Ni Komang Ayu' })));
    expect(claims(`h.${payload}.s`)).toMatchObject({ preferred_username: 'desa-a', region: '51.06.01.2001' });
  });
});

describe('statistics', () => {
  const rows = [
    { code: '51.06.01', name: 'Susut', households: { value: 200, suppressed: false }, persons: { value: 700, suppressed: false }, change: { value: -10, suppressed: false } },
    { code: '51.06.02', name: 'Bangli; Kota', households: { value: null, suppressed: true }, persons: { value: null, suppressed: true }, change: null },
    { code: '51.06.03', name: 'Tembuku', households: { value: 100, suppressed: false }, persons: { value: 350, suppressed: false } },
  ];
  it('scales bars to the largest region', () => {
    expect(bars(rows).map((b) => b.share)).toEqual([1, 0, 0.5]);
    expect(bars(rows)[1].suppressed).toBe(true);
  });
  it('writes the table as CSV for a spreadsheet, naming withheld counts', () => {
    const csv = toCsv(['Wilayah', 'Nama', 'RT', 'Jiwa', 'Perubahan'], rows, 'disembunyikan');
    expect(csv.split('\r\n')).toEqual(['\uFEFFWilayah;Nama;RT;Jiwa;Perubahan', '51.06.01;Susut;200;700;-10',
      '51.06.02;"Bangli; Kota";disembunyikan;disembunyikan;', '51.06.03;Tembuku;100;350;', '']);
  });
});

describe('policy matrix and worklists', () => {
  it('turns field access into role cells, masked and written ones told apart', () => {
    const rows = matrixRows([
      { coordinate: 'Member.nik', kind: 'READ', roles: ['uptpk', 'dinsos'], maskedFor: ['dinsos'] },
      { coordinate: 'Mutation.assignCluster', kind: 'WRITE', roles: ['dinsos'], maskedFor: [] },
    ], 'nik');
    expect(rows).toEqual([{ coordinate: 'Member.nik', cells: { uptpk: 'read', dinsos: 'masked' } }]);
  });
  it('puts households on the worklists they belong to', () => {
    const unassigned = { social: { decile: 3, cluster: null }, suggestedCluster: { differsFromAssigned: true, assigned: null } };
    const settled = { social: { decile: 7, cluster: { code: 'MELATI' } }, suggestedCluster: { differsFromAssigned: false, assigned: { code: 'MELATI' } } };
    expect(onWorklist('unassigned', unassigned)).toBe(true);
    expect(onWorklist('unassigned', settled)).toBe(false);
    expect(onWorklist('differs', settled)).toBe(false);
    expect(onWorklist('decile', unassigned, 1, 4)).toBe(true);
    expect(onWorklist('decile', settled, 4, 1)).toBe(false);
  });
});

describe('life events as proposals', () => {
  const household = { id: 'H1', version: 4, members: [
    { id: 'M1', version: 2, relationship: 'HEAD' }, { id: 'M2', version: 7, relationship: 'WIFE' }, { id: 'M3', version: 1, relationship: 'CHILD' }] };
  const form = (change: Partial<EventForm>): EventForm => ({ memberId: '', date: '', newHeadMemberId: '', reason: 'akta', nik: '', name: '',
    sex: '', birthDate: '', relationship: 'OTHER', toKk: '', newKk: '', relationships: {}, programme: '', endsOn: '', amount: '',
    funding: '', benefitId: '', movedAway: false, ...change });
  const programmes = [{ code: 'BLT_DD', target: 'HOUSEHOLD' as const }, { code: 'KIS_PBI', target: 'MEMBER' as const }];

  it('proposes a death with the person\'s version and no new head when none is chosen', () => {
    expect(eventInput('death', form({ memberId: 'M2', date: '2026-11-01' }), household))
      .toEqual({ memberId: 'M2', expectedVersion: 7, diedOn: '2026-11-01', newHeadMemberId: null, reason: 'akta' });
  });

  it('sends only the corrected fields of an identity correction', () => {
    expect(eventInput('correction', form({ memberId: 'M3', name: ' Ni Luh Ayu ', nik: '' }), household))
      .toEqual({ memberId: 'M3', expectedVersion: 1, name: 'Ni Luh Ayu', reason: 'akta' });
  });

  it('gives the others\' relationships to a new head, without the new head itself', () => {
    expect(eventInput('head', form({ newHeadMemberId: 'M2', relationships: { M1: 'OTHER', M2: 'WIFE', M3: 'CHILD' } }), household))
      .toEqual({ householdId: 'H1', expectedVersion: 4, newHeadMemberId: 'M2', reason: 'akta',
        relationships: [{ memberId: 'M1', relationship: 'OTHER' }, { memberId: 'M3', relationship: 'CHILD' }] });
  });

  it('splits off the chosen members with the household\'s version', () => {
    expect(eventInput('split', form({ newKk: '5106011234567890', date: '2026-10-01', relationships: { M3: 'HEAD' } }), household))
      .toEqual({ householdId: 'H1', expectedVersion: 4, newKk: '5106011234567890', splitOn: '2026-10-01', reason: 'akta',
        members: [{ memberId: 'M3', relationship: 'HEAD' }] });
  });

  it('enrols the household in a household programme and the chosen person in a member programme', () => {
    expect(eventInput('benefit', form({ programme: 'BLT_DD', memberId: 'M3', date: '2027-01-01', endsOn: '2027-12-31', amount: '300.000' }),
      household, programmes))
      .toEqual({ programme: 'BLT_DD', householdId: 'H1', startsOn: '2027-01-01', endsOn: '2027-12-31', amount: 300000, reason: 'akta' });
    expect(eventInput('benefit', form({ programme: 'KIS_PBI', memberId: 'M3', date: '2027-01-01', funding: 'APBD' }), household, programmes))
      .toEqual({ programme: 'KIS_PBI', memberId: 'M3', startsOn: '2027-01-01', endsOn: null, funding: 'APBD', reason: 'akta' });
  });

  it('stops a benefit on the version read, and dissolves a household that moved away', () => {
    const withBenefits = { ...household, benefits: [{ id: 'B1', version: 3 }] };
    expect(eventInput('benefitStop', form({ benefitId: 'B1', date: '2026-12-31' }), withBenefits))
      .toEqual({ benefitId: 'B1', expectedVersion: 3, stoppedOn: '2026-12-31', reason: 'akta' });
    expect(eventInput('dissolution', form({ movedAway: true }), household))
      .toEqual({ householdId: 'H1', expectedVersion: 4, movedAway: true, reason: 'akta' });
  });

  it('registers as a proposal for a village, directly for a role that decides proposals', () => {
    const schema = (...mutations: string[]) => parseCapabilities({ __schema: { mutationType: { name: 'Mutation' },
      types: [{ name: 'Mutation', fields: mutations.map((name) => ({ name })), inputFields: null }] } });
    expect(registersAsProposal(schema('registerHousehold', 'proposeRegistration'))).toBe(true);
    expect(registersAsProposal(schema('registerHousehold', 'proposeRegistration', 'approveChangeRequest'))).toBe(false);
    expect(registersAsProposal(schema('registerHousehold'))).toBe(false);
  });

  it('flags pending requests past or near their due date only', () => {
    const now = Date.parse('2026-11-30T10:00:00Z');
    expect(urgency({ state: 'PENDING', overdue: true }, now)).toBe('overdue');
    expect(urgency({ state: 'PENDING', overdue: false, dueAt: '2026-11-30T20:00:00Z' }, now)).toBe('soon');
    expect(urgency({ state: 'PENDING', overdue: false, dueAt: '2026-12-05T10:00:00Z' }, now)).toBeNull();
    expect(urgency({ state: 'APPROVED', overdue: true }, now)).toBeNull();
  });
});

describe('verification entry', () => {
  const households = [
    { id: 'A', members: [{ status: 'LIVING' }, { status: 'DECEASED' }], social: { cluster: { code: 'MELATI' } }, verification: [] },
    { id: 'B', members: [{ status: 'LIVING' }], verification: [{ round: { name: '2026' }, result: 'MOVED', persons: 1, cluster: null }] },
    { id: 'C', members: [], verification: [{ round: { name: '2017' }, result: 'STILL_POOR', persons: 3 }] },
  ];

  it('puts the households without a result in the round first', () => {
    const { pending, done } = pendingFirst(households, '2026');
    expect(pending.map((h) => h.id)).toEqual(['A', 'C']);
    expect(done.map((h) => h.id)).toEqual(['B']);
  });

  it('starts a row with the recorded result, or the living members and the current cluster', () => {
    expect(entryDefaults(households[0], '2026')).toEqual({ result: 'STILL_POOR', persons: 1, cluster: 'MELATI' });
    expect(entryDefaults(households[1], '2026')).toEqual({ result: 'MOVED', persons: 1, cluster: '' });
  });
});

describe('uninsured members to follow up', () => {
  it('lists living members without an active JKN, including those with no health record', () => {
    const households = [{ id: 'H', members: [
      { id: 'a', status: 'LIVING', health: { segment: 'PBI_APBN', active: true } },
      { id: 'b', status: 'LIVING', health: { segment: 'PBI_APBN', active: false } },
      { id: 'c', status: 'LIVING', health: null },
      { id: 'd', status: 'DECEASED', health: null },
      { id: 'e', status: 'LIVING', health: { segment: 'NONE', active: true } }] }];
    expect(uninsuredMembers(households).map((u) => u.member.id)).toEqual(['b', 'c', 'e']);
  });
});
