// End-to-end tests of the web app and GraphiQL in a real Chromium (Debian's, driven by
// playwright-core) against a running hub and its Keycloak, signing in as the demo users: each
// role's main task, an axe-core accessibility check of each screen (no serious or critical
// violation), and no request to any host but the hub and Keycloak.
//
//   HUB_URL=http://localhost:8080 node e2e/run.mjs        (SCREENSHOTS=<folder> saves PNGs of the main screens;
//                                                          ONLY=<regular expression> runs the scenarios whose names match)
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const HUB = (process.env.HUB_URL ?? 'http://localhost:8080').replace(/\/$/, '');
const SCREENSHOTS = process.env.SCREENSHOTS;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TIMEOUT = 30_000;
const ONLY = process.env.ONLY ? new RegExp(process.env.ONLY) : null;

const config = await (await fetch(`${HUB}/app/config`)).json();
const allowedHosts = new Set([new URL(HUB).host, new URL(config.issuer).host]);
const foreign = new Set();
const policyViolations = new Set();
const failures = [];
const passed = [];

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
});

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function newPage() {
  // a 1366×768 laptop, as the clerks have
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID', acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('request', (request) => {
    const url = new URL(request.url());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && !allowedHosts.has(url.host)) foreign.add(url.href);
  });
  // anything the page's Content-Security-Policy blocked (an inline script, eval, another host)
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) policyViolations.add(message.text().slice(0, 200));
  });
  return page;
}

async function signIn(page, user) {
  await page.goto(`${HUB}/`);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.locator('#username').fill(user);
  await page.locator('#password').fill(user);
  await page.locator('#kc-login').click();
  await page.waitForURL((url) => url.href.startsWith(HUB));
  await page.getByRole('navigation', { name: 'Menu utama' }).waitFor();
}

const menu = (page) => page.getByRole('navigation', { name: /Menu utama|Main menu/ });

async function accessible(page, screen) {
  // evaluated through the browser's debugging protocol: the page's Content-Security-Policy forbids inline scripts
  await page.evaluate(AXE);
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })));
  const serious = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  check(serious.length === 0, `${screen}: accessibility violations ${JSON.stringify(serious)}`);
}

async function screenshot(page, name) {
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

async function scenario(name, run) {
  if (ONLY && !ONLY.test(name)) return;
  const page = await newPage();
  const started = Date.now();
  try {
    await run(page);
    passed.push(`${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    failures.push(`${name}: ${error.message.split('\n')[0]}`);
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, `failed-${name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
  } finally {
    await page.context().close();
  }
}

await scenario('village operator desa-a sees Apuan and its households', async (page) => {
  await page.goto(`${HUB}/`);
  check(await page.getAttribute('html', 'lang') === 'id', 'the page is not in Indonesian');
  await accessible(page, 'sign-in page');
  await signIn(page, 'desa-a');
  await page.getByRole('heading', { level: 1, name: 'Desa Apuan' }).waitFor();
  const rows = page.locator('table tbody tr');
  await rows.first().waitFor();
  check(await rows.count() > 0, 'no households listed');
  const villages = await page.locator('table tbody tr td:nth-child(3)').allTextContents();
  check(villages.every((v) => v === 'Apuan'), `households of other villages listed: ${[...new Set(villages)]}`);
  await accessible(page, 'village households');
  await screenshot(page, 'app-village');
  // filters the village's schema offers: by cluster
  const all = await page.getByText(/^Menampilkan 1–/).textContent();
  await page.getByLabel('Klaster').selectOption({ label: 'Melati' });
  await page.getByRole('button', { name: 'Terapkan' }).click();
  await page.getByText(/^Menampilkan 1–/).filter({ hasNotText: all }).waitFor();
  const clusters = await page.locator('table tbody tr td:nth-child(6)').allTextContents();
  check(clusters.length > 0 && clusters.every((c) => c === 'Melati'), `the cluster filter let through ${[...new Set(clusters)]}`);
  // nor the policy's screen, nor a filter by health data, which the village may not read
  check(await menu(page).getByRole('link', { name: 'Kebijakan akses' }).count() === 0, 'a village sees the access policy');
  check(await page.getByLabel('Ada anggota tanpa JKN aktif').count() === 0, 'a village filters by JKN status');
  await page.getByRole('button', { name: 'Keluar' }).click();
  await page.getByRole('heading', { name: 'Anda telah keluar' }).waitFor();
});

// a 1×1 PNG: the evidence a village attaches (a photo of a death certificate)
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

await scenario('village operator desa-a proposes a death with evidence, UPT-PK approves it from its queue', async (page) => {
  await signIn(page, 'desa-a');
  await page.locator('table tbody tr a').first().click();
  const propose = page.getByRole('form', { name: 'Usulkan perubahan' });
  await propose.getByLabel('Peristiwa').selectOption({ label: 'Kematian' });
  const person = propose.getByLabel('Warga');
  const options = await person.locator('option').allTextContents();
  const name = options[options.length - 1];
  await person.selectOption({ label: name });
  await propose.getByLabel('Tanggal meninggal').fill('2026-11-01');
  await propose.getByLabel('Alasan').fill('Surat keterangan kematian dari kepala dusun');
  await propose.getByLabel('Berkas bukti').setInputFiles({ name: 'akta-kematian.png', mimeType: 'image/png', buffer: PNG });
  await accessible(page, 'proposing a life event');
  await propose.getByRole('button', { name: 'Kirim usulan' }).click();
  await page.getByRole('status').filter({ hasText: 'Usulan terkirim' }).waitFor();
  await menu(page).getByRole('link', { name: 'Usulan' }).click();
  const mine = page.locator('article', { has: page.getByRole('heading', { name: `Kematian: ${name}` }) }).first();
  await mine.getByText('Menunggu', { exact: true }).waitFor();
  await mine.getByRole('button', { name: 'Unduh akta-kematian.png' }).waitFor();
  check(await mine.getByRole('button', { name: 'Setujui' }).count() === 0, 'a village may approve its own proposal');
  await accessible(page, 'own proposals');
  await page.getByRole('button', { name: 'Keluar' }).click();
  await page.getByRole('heading', { name: 'Anda telah keluar' }).waitFor();

  await signIn(page, 'uptpk');
  await menu(page).getByRole('link', { name: 'Usulan' }).click();
  const request = page.locator('article', { has: page.getByRole('heading', { name: `Kematian: ${name}` }) }).first();
  await request.waitFor();
  const [evidence] = await Promise.all([page.waitForEvent('download'), request.getByRole('button', { name: 'Unduh akta-kematian.png' }).click()]);
  check(readFileSync(await evidence.path()).equals(PNG), 'the downloaded evidence differs from the upload');
  await accessible(page, 'proposal queue');
  await screenshot(page, 'app-proposals');
  // a decision needs a reason
  await request.getByRole('button', { name: 'Setujui' }).click();
  await request.getByRole('alert').filter({ hasText: 'Tulis alasan keputusan' }).waitFor();
  await request.getByLabel('Alasan keputusan').fill('Sesuai surat keterangan kematian');
  await request.getByRole('button', { name: 'Setujui' }).click();
  await request.waitFor({ state: 'detached' });
  await page.getByLabel('Status').selectOption({ label: 'Disetujui' });
  const approved = page.locator('article', { has: page.getByRole('heading', { name: `Kematian: ${name}` }) }).first();
  await approved.getByText('Disetujui', { exact: true }).waitFor();
});

/** A family card number of Susut (51.06.01) issued today-ish, and NIKs of people born there, unique per run. */
const serial = String(Date.now() % 10000).padStart(4, '0');
const SUSUT = '510601';

await scenario('village operator desa-a proposes a household, then a BLT-DD recipient; UPT-PK and the social office approve', async (page) => {
  const stamp = `Musdes Apuan ${serial}`;
  const kk = `${SUSUT}150626${serial}`;
  const signOut = async () => {
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.getByRole('heading', { name: 'Anda telah keluar' }).waitFor();
  };
  const openHousehold = async () => {
    await menu(page).getByRole('link', { name: 'Cari' }).click();
    await page.getByLabel('NIK, nomor KK, atau nama').fill(kk);
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    await page.locator('table tbody tr a', { hasText: kk }).click();
    await page.getByRole('cell', { name: 'Ni Nyoman Sari' }).waitFor();
  };
  await signIn(page, 'desa-a');
  await menu(page).getByRole('link', { name: 'Daftarkan rumah tangga' }).click();
  const form = page.locator('form', { has: page.getByRole('heading', { name: 'Daftarkan rumah tangga baru' }) });
  await form.getByText('berlaku setelah disetujui UPT-PK').waitFor();
  await form.getByLabel('Nomor KK').fill(kk);
  await form.getByLabel('Alamat').fill('Banjar Apuan Kaja');
  const head = form.getByRole('group', { name: 'Anggota 1' });
  await head.getByLabel('NIK').fill(`${SUSUT}120380${serial}`);
  await head.getByLabel('Nama').fill('I Made Sukarta');
  await head.getByLabel('Tanggal lahir').fill('1980-03-12');
  await form.getByRole('button', { name: 'Tambah anggota' }).click();
  const wife = form.getByRole('group', { name: 'Anggota 2' });
  await wife.getByLabel('NIK').fill(`${SUSUT}470584${serial}`);
  await wife.getByLabel('Nama').fill('Ni Nyoman Sari');
  await wife.getByLabel('Jenis kelamin').selectOption({ label: 'perempuan' });
  await wife.getByLabel('Tanggal lahir').fill('1984-05-07');
  await wife.getByLabel('Hubungan').selectOption({ label: 'istri/suami' });
  await form.getByLabel('Alasan').fill(stamp);
  await form.getByLabel('Berkas bukti').setInputFiles({ name: 'berita-acara.png', mimeType: 'image/png', buffer: PNG });
  await accessible(page, 'proposing a registration');
  await form.getByRole('button', { name: 'Kirim usulan' }).click();
  await page.getByRole('status').filter({ hasText: 'Usulan pendaftaran terkirim' }).waitFor();
  await signOut();

  await signIn(page, 'uptpk');
  await menu(page).getByRole('link', { name: 'Usulan' }).click();
  const registration = page.locator('article', { hasText: stamp }).filter({ has: page.getByRole('heading', { name: /^Pendaftaran rumah tangga/ }) });
  await registration.getByRole('button', { name: 'Unduh berita-acara.png' }).waitFor();
  await registration.getByLabel('Alasan keputusan').fill('Sesuai berita acara musdes');
  await registration.getByRole('button', { name: 'Setujui' }).click();
  await registration.waitFor({ state: 'detached' });
  await signOut();

  // the new household is the village's now; a recipient of the village fund's cash aid is proposed from its page
  await signIn(page, 'desa-a');
  await openHousehold();
  const propose = page.getByRole('form', { name: 'Usulkan perubahan' });
  await propose.getByLabel('Peristiwa').selectOption({ label: 'Usulan penerima bantuan' });
  await propose.getByLabel('Program').selectOption({ label: 'BLT Dana Desa' });
  await propose.getByLabel('Mulai').fill('2027-01-01');
  await propose.getByLabel(/^Sampai/).fill('2027-12-31');
  await propose.getByLabel('Nilai').fill('300.000');
  await propose.getByLabel('Alasan').fill(`${stamp}: BLT-DD`);
  await accessible(page, 'proposing a recipient');
  await propose.getByRole('button', { name: 'Kirim usulan' }).click();
  await page.getByRole('status').filter({ hasText: 'Usulan terkirim: Kepesertaan program' }).waitFor();
  await signOut();

  await signIn(page, 'dinsos');
  await menu(page).getByRole('link', { name: 'Usulan' }).click();
  const enrolment = page.locator('article', { hasText: `${stamp}: BLT-DD` });
  await enrolment.getByText('BLT Dana Desa').first().waitFor();
  check(!(await enrolment.textContent()).includes('Already enrolled'), 'the new household is already enrolled in BLT-DD');
  await enrolment.getByLabel('Alasan keputusan').fill('Memenuhi kriteria BLT-DD');
  await enrolment.getByRole('button', { name: 'Setujui' }).click();
  await enrolment.waitFor({ state: 'detached' });
  await page.getByLabel('Status').selectOption({ label: 'Disetujui' });
  await page.locator('article', { hasText: `${stamp}: BLT-DD` }).getByText('Disetujui', { exact: true }).waitFor();
  check(await page.locator('article', { hasText: stamp }).filter({ hasText: 'Pendaftaran rumah tangga' }).count() === 0,
    'the social office sees a household registration it does not decide');
  await signOut();

  await signIn(page, 'desa-a');
  await openHousehold();
  await page.locator('section', { has: page.locator('#benefits') }).getByRole('cell', { name: 'BLT Dana Desa' }).waitFor();
});

await scenario('UPT-PK opens a verification round, village operator desa-a enters results from the keyboard', async (page) => {
  await signIn(page, 'uptpk');
  await menu(page).getByRole('link', { name: 'Verifikasi' }).click();
  await page.getByLabel('Nama putaran baru').fill('2026');
  await page.getByRole('button', { name: 'Buka putaran verifikasi' }).click();
  await page.getByText('Putaran dibuka.').waitFor();
  await page.getByRole('button', { name: 'Keluar' }).click();
  await page.getByRole('heading', { name: 'Anda telah keluar' }).waitFor();

  await signIn(page, 'desa-a');
  await menu(page).getByRole('link', { name: 'Verifikasi' }).click();
  const counter = page.getByText(/rumah tangga belum diverifikasi$/);
  await counter.waitFor();
  const pendingBefore = Number((await counter.textContent()).split(' ')[0].replace(/\./g, ''));
  check(pendingBefore > 2, `too few households pending: ${pendingBefore}`);
  const first = page.locator('tbody select[data-row]').first();
  const firstRow = await first.getAttribute('data-row');
  await first.focus();
  await page.keyboard.press('Enter');
  // saved: the row counts as recorded and the focus moves on to the next household still pending
  await page.getByText(`${pendingBefore - 1} dari`).waitFor();
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-row'));
  check(focused && focused !== firstRow, `the focus did not move to the next household: ${focused}`);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.getByText(`${pendingBefore - 2} dari`).waitFor();
  await accessible(page, 'verification entry');
  await screenshot(page, 'app-verification');
});

await scenario('desk UPT-PK records and refers a request; health office dinkes resolves it, checks and applies the insurer\'s list, follows up the uninsured', async (page) => {
  // a person without JKN, read the way an agency app reads it, for the insurer's list below
  const token = (await (await fetch(`${config.issuer}/protocol/openid-connect/token`, { method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: 'terpadu-cli', username: 'uptpk', password: 'uptpk' }) })).json()).access_token;
  const found = await (await fetch(`${HUB}/graphql`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ households(filter: {region: "51.06", jknSegment: NONE}, first: 5) { edges { node { members { nik status health { active } } } } } }' }) })).json();
  const nik = found.data.households.edges.flatMap((e) => e.node.members).find((m) => m.status === 'LIVING' && !m.health?.active)?.nik;
  check(/^\d{16}$/.test(nik ?? ''), `no person without JKN in the demo data: ${JSON.stringify(found).slice(0, 200)}`);

  await signIn(page, 'uptpk');
  await menu(page).getByRole('link', { name: 'Cari' }).click();
  await page.getByLabel('NIK, nomor KK, atau nama').fill(nik);
  await page.getByRole('button', { name: 'Cari', exact: true }).click();
  await page.locator('table tbody tr a').first().click();
  const open = page.getByRole('form', { name: 'Catat permintaan layanan' });
  await open.getByLabel('Jenis permintaan').selectOption('JKN_PBI');
  await open.getByRole('combobox', { name: /^Pelapor/ }).selectOption({ index: 1 });
  await open.getByLabel('Uraian').fill('Belum punya KIS, minta didaftarkan PBI');
  await open.getByRole('button', { name: 'Catat permintaan' }).click();
  const receipt = await page.getByText(/^Permintaan tercatat dengan nomor/).textContent();
  const number = receipt.match(/LYN-[\d-]+/)[0];
  await menu(page).getByRole('link', { name: 'Layanan warga' }).click();
  const request = page.locator('article', { has: page.getByRole('heading', { name: number }) });
  await request.getByLabel('Dinas tujuan').selectOption('DINKES');
  await request.getByRole('button', { name: 'Simpan' }).click();
  await request.getByText('Dirujuk', { exact: true }).first().waitFor();
  await accessible(page, 'service desk');
  await screenshot(page, 'app-desk');
  await page.getByRole('button', { name: 'Keluar' }).click();
  await page.getByRole('heading', { name: 'Anda telah keluar' }).waitFor();

  await signIn(page, 'dinkes');
  await menu(page).getByRole('link', { name: 'Layanan warga' }).click();
  const referred = page.locator('article', { has: page.getByRole('heading', { name: number }) });
  check(await referred.getByText('Pelapor').count() === 0, 'the office sees who reported');
  await referred.getByRole('button', { name: 'Simpan' }).click();
  await referred.getByText('Diterima dinas', { exact: true }).waitFor();
  await referred.getByRole('combobox', { name: 'Langkah' }).selectOption({ label: 'Selesaikan' });
  await referred.getByRole('combobox', { name: 'Hasil' }).selectOption('ANSWERED');
  await referred.getByLabel('Catatan').fill('Didaftarkan lewat daftar BPJS bulan ini');
  await referred.getByRole('button', { name: 'Simpan' }).click();
  await referred.waitFor({ state: 'detached' });

  await menu(page).getByRole('link', { name: 'Daftar peserta JKN' }).click();
  const csv = `NIK;Segmen;Aktif;TMT;No Kartu\n${nik};PBI APBN;ya;01/11/2026;0000000000777\n123;PBI APBN;ya;01/11/2026;0000000000778\n`;
  await page.getByLabel('Berkas daftar peserta').setInputFiles({ name: 'bpjs-november.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Periksa berkas' }).click();
  await page.getByRole('heading', { name: /Sudah diperiksa/ }).waitFor();
  await page.getByRole('table', { name: 'Baris yang ditolak' }).getByRole('cell', { name: '3', exact: true }).waitFor();
  await accessible(page, 'insurer\'s list checked');
  await screenshot(page, 'app-jkn-import');
  await page.getByRole('button', { name: 'Terapkan 1 baris' }).click();
  await page.getByText('1 baris diterapkan.').waitFor();

  await menu(page).getByRole('link', { name: 'Warga miskin tanpa JKN' }).click();
  await page.getByLabel('Kecamatan').selectOption({ label: 'Susut' });
  await page.getByRole('combobox', { name: /^Desa/ }).selectOption({ label: 'Apuan' });
  await page.getByText(/warga perlu ditindaklanjuti$/).waitFor();
  await accessible(page, 'uninsured to follow up');
  await screenshot(page, 'app-uninsured');
});

await scenario('social office dinsos finds a household by a short name and assigns its cluster with a reason', async (page) => {
  await signIn(page, 'dinsos');
  await menu(page).getByRole('link', { name: 'Cari' }).click();
  // the budget: on a warm hub a search shows its results within 300 ms (the median of three, from the click)
  const searchTimes = [];
  for (const term of ['Wyn', 'Made', 'Putu', 'Nym.']) {
    await page.getByLabel('NIK, nomor KK, atau nama').fill(term);
    const started = Date.now();
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes(JSON.stringify(term).slice(1, -1))),
      page.getByRole('button', { name: 'Cari', exact: true }).click()]);
    await page.locator('p', { hasText: /rumah tangga ditemukan/ }).waitFor();
    await page.locator('table tbody tr').first().waitFor();
    searchTimes.push(Date.now() - started);
  }
  const warm = searchTimes.slice(1).sort((a, b) => a - b)[1];
  console.log(`search by name in the browser: ${searchTimes.join(', ')} ms (the first warms up; median of the rest ${warm} ms)`);
  check(warm <= 300, `a search took ${warm} ms to show its results (budget 300 ms)`);
  await accessible(page, 'search');
  await screenshot(page, 'app-search');
  await page.locator('table tbody tr a').first().click();
  await page.getByRole('heading', { name: 'Klaster: saran dan penetapan' }).waitFor();
  check(await page.getByText('Fakta yang menentukan').count() === 1, 'no deciding facts');
  await page.getByRole('heading', { name: 'Riwayat perubahan' }).waitFor();
  await page.getByRole('heading', { name: 'Jalan keluar dari kemiskinan' }).waitFor();
  await page.locator('.path-rounds li').first().waitFor();
  await page.locator('.timeline li').first().waitFor();
  const assign = page.getByRole('form', { name: 'Tetapkan klaster' });
  await assign.getByLabel('Klaster').selectOption({ label: 'Kenanga' });
  await assign.getByLabel('Alasan').fill('Kunjungan rumah: dua anggota belum punya JKN');
  await assign.getByRole('button', { name: 'Simpan' }).click();
  await page.getByText('Tersimpan.').waitFor();
  await page.locator('.timeline').getByText('assignCluster').first().waitFor();
  await accessible(page, 'household');
  await screenshot(page, 'app-household');
  // an empty reason is refused by the hub and explained
  await assign.getByLabel('Alasan').fill('   ');
  await assign.getByRole('button', { name: 'Simpan' }).click();
  await page.getByRole('alert').filter({ hasText: 'Data yang diisi belum benar' }).waitFor();
  // worklists of a village
  await menu(page).getByRole('link', { name: 'Daftar kerja' }).click();
  await page.getByLabel('Kecamatan').selectOption({ label: 'Susut' });
  await page.getByRole('combobox', { name: /^Desa/ }).selectOption({ label: 'Apuan' });
  await page.getByRole('tab', { name: 'Saran berbeda' }).click();
  await page.locator('p', { hasText: /rumah tangga ditemukan/ }).waitFor();
  await accessible(page, 'worklists');
  await screenshot(page, 'app-worklists');
});

await scenario('planning office bappeda reads a round by district, with a chart and a download', async (page) => {
  await signIn(page, 'bappeda');
  check(await menu(page).getByRole('link', { name: 'Cari' }).count() === 0, 'the planning office may search households');
  await menu(page).getByRole('link', { name: 'Statistik' }).click();
  await page.locator('figure.chart svg rect').first().waitFor();
  const table = page.locator('table', { has: page.locator('tfoot') });
  await table.getByText('Kintamani').waitFor();

  const total = await page.locator('tfoot td.num').first().textContent();
  check(/^\d{1,3}(\.\d{3})*$/.test(total ?? ''), `the total is not an Indonesian number: ${total}`);
  await accessible(page, 'statistics');
  await screenshot(page, 'app-statistics');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh tabel (CSV)' }).click()]);
  const csv = readFileSync(await download.path(), 'utf8');
  check(csv.includes('Kintamani') && csv.split('\n').length >= 5, `the download lacks the districts: ${csv.slice(0, 200)}`);
  await page.getByLabel('Tingkat').selectOption({ index: 1 });
  await table.locator('caption').filter({ hasNotText: 'Bangli,' }).waitFor();
  // leaving poverty after a programme: the 2015 round's trainees, and how many the 2017 round found no longer poor
  await page.getByLabel('Tingkat').selectOption({ index: 0 });
  await page.getByLabel('Putaran').selectOption('2015');
  const graduation = page.locator('section', { has: page.getByRole('heading', { name: 'Keluar dari kemiskinan setelah program' }) });
  await graduation.getByText('putaran berikutnya (2017)').waitFor();
  const training = graduation.getByRole('row', { name: /Pelatihan keterampilan/ });
  const [recipients, left] = await training.locator('td').allTextContents();
  check(/^\d/.test(recipients) && /^\d/.test(left), `the trainees of 2015 and those who left poverty are not counted: ${recipients} / ${left}`);
  await accessible(page, 'graduation');
});

await scenario('administrator reads the access policy as a role × field matrix', async (page) => {
  await signIn(page, 'admin');
  await menu(page).getByRole('link', { name: 'Kebijakan akses' }).click();
  await page.getByRole('rowheader', { name: 'Mutation.assignCluster' }).waitFor();
  check(await page.locator('table tbody tr').count() > 50, 'the matrix is too short');
  await page.getByLabel('Saring data').fill('Member.nik');
  await page.getByRole('rowheader', { name: 'Member.nik', exact: true }).waitFor();
  await accessible(page, 'policy');
  await page.getByLabel('Saring data').fill('');
  await screenshot(page, 'app-policy');
});

await scenario('UPT-PK finds a household by its KK, in English', async (page) => {
  await signIn(page, 'uptpk');
  await page.getByLabel('Bahasa').selectOption('en');
  check(await page.getAttribute('html', 'lang') === 'en', 'the language did not change');
  await menu(page).getByRole('link', { name: 'Search' }).click();
  await page.getByLabel('NIK, family card (KK) number or name').fill('Wyn');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.locator('p', { hasText: /Households found/ }).waitFor();
  const kk = (await page.locator('table tbody tr td a.mono').first().textContent()).trim();
  check(/^\d{16}$/.test(kk), `UPT-PK sees a masked KK: ${kk}`);
  await page.getByLabel('NIK, family card (KK) number or name').fill(kk);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.locator('p', { hasText: /^Households found: 1$/ }).waitFor();
  await page.getByLabel('Language').selectOption('id');
});

await scenario('an ended session shows its own page and signs in again', async (page) => {
  await signIn(page, 'desa-a');
  await page.getByRole('heading', { level: 1, name: 'Desa Apuan' }).waitFor();
  // the access token has expired and Keycloak no longer takes the refresh token
  await page.evaluate(() => {
    const tokens = JSON.parse(sessionStorage.getItem('terpadu.tokens'));
    sessionStorage.setItem('terpadu.tokens', JSON.stringify({ ...tokens, obtained: 0, refresh_token: 'ended', refresh_expires_in: 0 }));
  });
  await page.reload();
  await page.getByRole('heading', { name: 'Sesi Anda telah berakhir' }).waitFor();
  await accessible(page, 'session ended');
  await screenshot(page, 'app-session-ended');
  // Keycloak's own session still holds, so signing in again needs no password and returns to the village
  await page.getByRole('button', { name: 'Masuk lagi' }).click();
  await page.getByRole('heading', { level: 1, name: 'Desa Apuan' }).waitFor();
});

await scenario('GraphiQL is bundled and signs in', async (page) => {
  await page.goto(`${HUB}/graphiql`);
  await page.locator('.graphiql-container').waitFor();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#username').fill('dinsos');
  await page.locator('#password').fill('dinsos');
  await page.locator('#kc-login').click();
  await page.getByText('Signed in as dinsos').waitFor();
  await page.locator('.graphiql-query-editor .CodeMirror').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('{ clusters { name ');
  await page.getByRole('button', { name: /Execute query/ }).click();
  await page.locator('.result-window').getByText('Melati').waitFor();
});

await browser.close();
if (foreign.size > 0) failures.push(`requests to other hosts than ${[...allowedHosts].join(' and ')}: ${[...foreign].join(', ')}`);
if (policyViolations.size > 0) failures.push(`blocked by the pages' Content-Security-Policy: ${[...policyViolations].join(' | ')}`);
for (const name of passed) console.log(`PASS ${name}`);
for (const failure of failures) console.log(`FAIL ${failure}`);
console.log(`${passed.length} passed, ${failures.length} failed; hosts reached: ${[...allowedHosts].join(', ')} only${foreign.size ? ' (and others)' : ''}`);
process.exit(failures.length === 0 ? 0 : 1);
