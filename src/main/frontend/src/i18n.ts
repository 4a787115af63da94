// Bahasa Indonesia first, English selectable: the words of the app, dates and numbers as each
// language writes them, and the hub's errors as a clerk understands them.

export type Lang = 'id' | 'en';

const id = {
  appName: 'Terpadu',
  tagline: 'Data terpadu rumah tangga miskin',
  skip: 'Langsung ke isi',
  signIn: 'Masuk',
  signOut: 'Keluar',
  signInTitle: 'Masuk ke Terpadu',
  signInText: 'Masuk dengan akun dinas atau desa Anda untuk melihat dan memperbarui data rumah tangga miskin.',
  sessionEndedTitle: 'Sesi Anda telah berakhir',
  sessionEndedText: 'Demi keamanan data warga, sesi berakhir setelah lama tidak digunakan. Perubahan yang belum disimpan tidak tercatat. Silakan masuk lagi.',
  signedOutTitle: 'Anda telah keluar',
  signedOutText: 'Terima kasih. Tutup jendela ini bila Anda memakai komputer bersama.',
  signInAgain: 'Masuk lagi',
  language: 'Bahasa',
  loading: 'Memuat…',
  signedInAs: 'Masuk sebagai {user}',
  menu: 'Menu utama',
  home: 'Beranda',
  search: 'Cari',
  worklists: 'Daftar kerja',
  statistics: 'Statistik',
  policy: 'Kebijakan akses',
  graphiql: 'GraphiQL (untuk pengembang)',
  welcome: 'Selamat datang, {user}',
  whatYouCanDo: 'Yang dapat Anda kerjakan:',
  villageOf: 'Desa {name}',
  householdsOfVillage: 'Rumah tangga di desa ini',
  searchTitle: 'Cari rumah tangga atau warga',
  searchLabel: 'NIK, nomor KK, atau nama',
  searchHint: 'Nama boleh disingkat atau ditulis dengan ejaan lama: "Nym." menemukan "Nyoman".',
  searchButton: 'Cari',
  searchTooShort: 'Tulis paling sedikit 3 huruf nama, atau 16 angka NIK/KK.',
  noResults: 'Tidak ada yang cocok.',
  results: '{count} rumah tangga ditemukan',
  kk: 'Nomor KK',
  nik: 'NIK',
  name: 'Nama',
  head: 'Kepala keluarga',
  village: 'Desa',
  address: 'Alamat',
  status: 'Status',
  cluster: 'Klaster',
  decile: 'Desil',
  members: 'Anggota',
  sex: 'Jenis kelamin',
  birthDate: 'Tanggal lahir',
  relationship: 'Hubungan',
  jkn: 'JKN',
  school: 'Sekolah',
  benefits: 'Bantuan',
  programme: 'Program',
  period: 'Periode',
  amount: 'Nilai',
  socialFacet: 'Data sosial (Dinas Sosial)',
  housingFacet: 'Kondisi rumah (Perkim)',
  clusterTitle: 'Klaster: saran dan penetapan',
  suggested: 'Saran aturan',
  assigned: 'Ditetapkan',
  differs: 'Saran berbeda dari penetapan',
  same: 'Saran sama dengan penetapan',
  facts: 'Fakta yang menentukan',
  decisive: 'menentukan',
  holds: 'ya',
  holdsNot: 'tidak',
  indicators: 'Kriteria miskin BPS: {met} dari {total}',
  assignTitle: 'Tetapkan klaster',
  reason: 'Alasan',
  noCluster: 'Tanpa klaster',
  save: 'Simpan',
  saved: 'Tersimpan.',
  history: 'Riwayat perubahan',
  noHistory: 'Belum ada perubahan yang dapat Anda lihat.',
  by: 'oleh {who}',
  more: 'Muat lebih banyak',
  filters: 'Saring',
  all: 'Semua',
  withoutJkn: 'Ada anggota tanpa JKN aktif',
  nameContains: 'Nama anggota',
  apply: 'Terapkan',
  previous: 'Sebelumnya',
  next: 'Berikutnya',
  pageOf: 'Menampilkan {from}–{to} dari {total}',
  open: 'Buka',
  district: 'Kecamatan',
  chooseDistrict: 'Pilih kecamatan',
  chooseVillage: 'Pilih desa',
  wlUnassigned: 'Belum ada klaster',
  wlDiffers: 'Saran berbeda',
  wlDecile: 'Rentang desil',
  wlUninsured: 'Anggota tanpa JKN',
  decileFrom: 'Desil dari',
  decileTo: 'sampai',
  worklistIntro: 'Pilih wilayah, lalu daftar kerja. Setiap baris membuka halaman rumah tangga untuk menetapkan klaster.',
  round: 'Putaran verifikasi',
  level: 'Tingkat',
  byDistrict: 'Per kecamatan',
  byVillage: 'Per desa di kecamatan',
  region: 'Wilayah',
  households: 'Rumah tangga',
  persons: 'Jiwa',
  change: 'Perubahan',
  suppressed: 'disembunyikan',
  suppressedNote: 'Angka kecil sebuah desa disembunyikan agar warga tidak dapat dikenali.',
  download: 'Unduh tabel (CSV)',
  chartTitle: 'Rumah tangga miskin per wilayah',
  total: 'Jumlah',
  policyIntro: 'Siapa boleh membaca (B), membaca tersamar (S) dan menulis (T) setiap data.',
  filterFields: 'Saring data',
  coordinate: 'Data',
  roles: 'Peran',
  readLetter: 'B',
  maskedLetter: 'S',
  writeLetter: 'T',
  read: 'baca',
  masked: 'baca tersamar',
  write: 'tulis',
  notFoundPage: 'Halaman tidak ditemukan.',
  back: 'Kembali',
  hhStatus_ACTIVE: 'aktif',
  hhStatus_DISSOLVED: 'bubar',
  sex_MALE: 'laki-laki',
  sex_FEMALE: 'perempuan',
  rel_HEAD: 'kepala keluarga', rel_SPOUSE: 'istri/suami', rel_CHILD: 'anak', rel_CHILD_IN_LAW: 'menantu',
  rel_GRANDCHILD: 'cucu', rel_PARENT: 'orang tua', rel_PARENT_IN_LAW: 'mertua', rel_OTHER_RELATIVE: 'famili lain',
  rel_HOUSEHOLD_HELP: 'pembantu', rel_OTHER: 'lainnya',
  fact_ON_NATIONAL_REGISTER: 'Terdaftar di DTSEN', fact_ON_LOCAL_SURVEY: 'Ada di survei lokal',
  fact_VERIFIED_BY_UPTPK: 'Diverifikasi UPT-PK', fact_UNINSURED: 'Ada anggota tanpa JKN',
  action_INSERT: 'dibuat', action_UPDATE: 'diubah', action_DELETE: 'dihapus',
  active: 'aktif', inactive: 'tidak aktif',
  err_BAD_REQUEST: 'Data yang diisi belum benar.',
  err_NOT_FOUND: 'Data tidak ditemukan, atau tidak termasuk wilayah Anda.',
  err_CONFLICT: 'Data ini bertabrakan dengan yang sudah tercatat.',
  err_FORBIDDEN: 'Peran Anda tidak berwenang melakukan ini.',
  err_UNAUTHORIZED: 'Sesi Anda tidak berlaku lagi. Silakan masuk lagi.',
  err_UNAVAILABLE: 'Server sedang tidak dapat dihubungi. Coba lagi dalam satu menit.',
  err_INTERNAL_ERROR: 'Terjadi kesalahan di server. Sebutkan kode {requestId} bila menghubungi petugas.',
  err_NETWORK: 'Tidak tersambung ke server. Periksa jaringan lalu coba lagi.',
  err_OTHER: 'Permintaan tidak dapat dijalankan.',
  err_versionConflict: 'Data ini baru saja diubah orang lain. Muat ulang halaman, periksa, lalu simpan lagi.',
  err_limit: 'Permintaan terlalu besar atau terlalu sering ({limit}).',
  err_retryAfter: 'Coba lagi dalam {minutes} menit.',
  err_field: 'Periksa isian "{field}".',
  field_reason: 'Alasan', field_cluster: 'Klaster', field_kk: 'Nomor KK', field_nik: 'NIK', field_name: 'Nama',
  field_address: 'Alamat', field_expectedVersion: 'versi data', field_birthDate: 'Tanggal lahir', field_sex: 'Jenis kelamin',
  field_villageCode: 'Desa', field_rt: 'RT', field_rw: 'RW', field_relationship: 'Hubungan',
  register: 'Daftarkan rumah tangga',
  registerTitle: 'Daftarkan rumah tangga baru',
  registerIntro: 'Isi sesuai Kartu Keluarga. Kepala keluarga diisi pertama.',
  addMemberRow: 'Tambah anggota',
  removeMemberRow: 'Hapus anggota ini',
  memberNo: 'Anggota {n}',
  registered: 'Rumah tangga terdaftar.',
} as const;

export type Key = keyof typeof id;

const en: Record<Key, string> = {
  appName: 'Terpadu',
  tagline: 'Integrated data on poor households',
  skip: 'Skip to content',
  signIn: 'Sign in',
  signOut: 'Sign out',
  signInTitle: 'Sign in to Terpadu',
  signInText: 'Sign in with your office or village account to see and update the data on poor households.',
  sessionEndedTitle: 'Your session has ended',
  sessionEndedText: 'To keep residents\u2019 data safe, a session ends after a while without use. Changes that were not saved are not recorded. Please sign in again.',
  signedOutTitle: 'You have signed out',
  signedOutText: 'Thank you. Close this window if you share this computer.',
  signInAgain: 'Sign in again',
  language: 'Language',
  loading: 'Loading…',
  signedInAs: 'Signed in as {user}',
  menu: 'Main menu',
  home: 'Home',
  search: 'Search',
  worklists: 'Worklists',
  statistics: 'Statistics',
  policy: 'Access policy',
  graphiql: 'GraphiQL (for developers)',
  welcome: 'Welcome, {user}',
  whatYouCanDo: 'What you can do:',
  villageOf: 'Village {name}',
  householdsOfVillage: 'Households of this village',
  searchTitle: 'Find a household or a person',
  searchLabel: 'NIK, family card (KK) number or name',
  searchHint: 'Names may be shortened or in old spelling: "Nym." finds "Nyoman".',
  searchButton: 'Search',
  searchTooShort: 'Type at least 3 letters of a name, or the 16 digits of a NIK or KK.',
  noResults: 'Nothing matches.',
  results: '{count} households found',
  kk: 'KK number',
  nik: 'NIK',
  name: 'Name',
  head: 'Head of household',
  village: 'Village',
  address: 'Address',
  status: 'Status',
  cluster: 'Cluster',
  decile: 'Decile',
  members: 'Members',
  sex: 'Sex',
  birthDate: 'Birth date',
  relationship: 'Relationship',
  jkn: 'JKN',
  school: 'School',
  benefits: 'Benefits',
  programme: 'Programme',
  period: 'Period',
  amount: 'Amount',
  socialFacet: 'Social data (social office)',
  housingFacet: 'House condition (housing office)',
  clusterTitle: 'Cluster: suggested and assigned',
  suggested: 'Suggested by the rules',
  assigned: 'Assigned',
  differs: 'Suggestion differs from the assignment',
  same: 'Suggestion equals the assignment',
  facts: 'Facts that decided',
  decisive: 'decisive',
  holds: 'yes',
  holdsNot: 'no',
  indicators: 'BPS poverty criteria: {met} of {total}',
  assignTitle: 'Assign a cluster',
  reason: 'Reason',
  noCluster: 'No cluster',
  save: 'Save',
  saved: 'Saved.',
  history: 'History of changes',
  noHistory: 'No changes you may see yet.',
  by: 'by {who}',
  more: 'Load more',
  filters: 'Filter',
  all: 'All',
  withoutJkn: 'A member without active JKN',
  nameContains: 'Member name',
  apply: 'Apply',
  previous: 'Previous',
  next: 'Next',
  pageOf: 'Showing {from}–{to} of {total}',
  open: 'Open',
  district: 'District',
  chooseDistrict: 'Choose a district',
  chooseVillage: 'Choose a village',
  wlUnassigned: 'No cluster yet',
  wlDiffers: 'Suggestion differs',
  wlDecile: 'Decile range',
  wlUninsured: 'Members without JKN',
  decileFrom: 'Decile from',
  decileTo: 'to',
  worklistIntro: 'Choose a region, then a worklist. Each row opens the household to assign its cluster.',
  round: 'Verification round',
  level: 'Level',
  byDistrict: 'By district',
  byVillage: 'By village of district',
  region: 'Region',
  households: 'Households',
  persons: 'Persons',
  change: 'Change',
  suppressed: 'withheld',
  suppressedNote: 'Small counts of a village are withheld so that no resident can be recognised.',
  download: 'Download table (CSV)',
  chartTitle: 'Poor households by region',
  total: 'Total',
  policyIntro: 'Who may read (R), read masked (M) and write (W) each field.',
  filterFields: 'Filter fields',
  coordinate: 'Field',
  roles: 'Roles',
  readLetter: 'R',
  maskedLetter: 'M',
  writeLetter: 'W',
  read: 'read',
  masked: 'read masked',
  write: 'write',
  notFoundPage: 'Page not found.',
  back: 'Back',
  hhStatus_ACTIVE: 'active',
  hhStatus_DISSOLVED: 'dissolved',
  sex_MALE: 'male',
  sex_FEMALE: 'female',
  rel_HEAD: 'head', rel_SPOUSE: 'spouse', rel_CHILD: 'child', rel_CHILD_IN_LAW: 'child-in-law',
  rel_GRANDCHILD: 'grandchild', rel_PARENT: 'parent', rel_PARENT_IN_LAW: 'parent-in-law', rel_OTHER_RELATIVE: 'other relative',
  rel_HOUSEHOLD_HELP: 'household help', rel_OTHER: 'other',
  fact_ON_NATIONAL_REGISTER: 'On the national register (DTSEN)', fact_ON_LOCAL_SURVEY: 'On the local survey',
  fact_VERIFIED_BY_UPTPK: 'Verified by UPT-PK', fact_UNINSURED: 'A member without JKN',
  action_INSERT: 'created', action_UPDATE: 'changed', action_DELETE: 'removed',
  active: 'active', inactive: 'inactive',
  err_BAD_REQUEST: 'Some of what was entered is not right.',
  err_NOT_FOUND: 'Not found, or not in your region.',
  err_CONFLICT: 'This clashes with what is already recorded.',
  err_FORBIDDEN: 'Your role may not do this.',
  err_UNAUTHORIZED: 'Your session is no longer valid. Please sign in again.',
  err_UNAVAILABLE: 'The server cannot be reached right now. Try again in a minute.',
  err_INTERNAL_ERROR: 'The server ran into a problem. Quote code {requestId} when you contact support.',
  err_NETWORK: 'No connection to the server. Check the network and try again.',
  err_OTHER: 'The request could not be run.',
  err_versionConflict: 'Someone else has just changed this. Reload the page, check, then save again.',
  err_limit: 'The request is too large or too frequent ({limit}).',
  err_retryAfter: 'Try again in {minutes} minutes.',
  err_field: 'Check the field "{field}".',
  field_reason: 'Reason', field_cluster: 'Cluster', field_kk: 'KK number', field_nik: 'NIK', field_name: 'Name',
  field_address: 'Address', field_expectedVersion: 'data version', field_birthDate: 'Birth date', field_sex: 'Sex',
  field_villageCode: 'Village', field_rt: 'RT', field_rw: 'RW', field_relationship: 'Relationship',
  register: 'Register a household',
  registerTitle: 'Register a new household',
  registerIntro: 'Fill in as on the family card. The head of household comes first.',
  addMemberRow: 'Add a member',
  removeMemberRow: 'Remove this member',
  memberNo: 'Member {n}',
  registered: 'Household registered.',
};

const dictionaries: Record<Lang, Record<Key, string>> = { id, en };
const LANG = 'terpadu.lang';

let current: Lang = readLang();

function readLang(): Lang {
  try {
    return (globalThis.localStorage?.getItem(LANG) as Lang) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

export function lang(): Lang {
  return current;
}

export function setLang(next: Lang): void {
  current = next;
  globalThis.localStorage?.setItem(LANG, next);
  if (typeof document !== 'undefined') document.documentElement.lang = next;
}

/** The text of a key in the current language, with {placeholders} filled in. */
export function t(key: Key, params: Record<string, string | number> = {}, language: Lang = current): string {
  const text = dictionaries[language][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
}

/** A key built from a code (`sex_MALE`), falling back to the code itself when the app has no word for it. */
export function tCode(prefix: string, code: string | null | undefined, language: Lang = current): string {
  if (code == null) return '–';
  const key = `${prefix}_${code}` as Key;
  return key in dictionaries[language] ? t(key, {}, language) : code;
}

const locales: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };

/** A calendar date (`2025-01-31`) as the language writes it: `31 Januari 2025`. */
export function formatDate(iso: string | null | undefined, language: Lang = current): string {
  if (!iso) return '–';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(locales[language], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(y, m - 1, d)));
}

/** An instant in the regency's time (WITA): `31 Jan 2025 16.15`. */
export function formatDateTime(iso: string | null | undefined, language: Lang = current): string {
  if (!iso) return '–';
  return new Intl.DateTimeFormat(locales[language], { day: 'numeric', month: 'short', year: 'numeric',
    hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Makassar' }).format(new Date(iso));
}

/** A whole number with the language's grouping: `11.055` in Indonesian, `11,055` in English. */
export function formatNumber(value: number | null | undefined, language: Lang = current): string {
  if (value == null) return '–';
  return new Intl.NumberFormat(locales[language]).format(value);
}

/** Rupiah: `Rp 600.000`. */
export function formatRupiah(value: number | null | undefined, language: Lang = current): string {
  if (value == null) return '–';
  return new Intl.NumberFormat(locales[language], { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 }).format(value);
}
