-- Poverty clusters are reference data with a rule each, so another regency configures its own
-- scheme. Seeded with Sragen's Kartu Saraswati clusters, decided by which list a person is on.
CREATE TABLE cluster (
    code                  text     PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]*$'),
    name                  text     NOT NULL,
    description           text     NOT NULL,
    rule                  text     NOT NULL,
    -- the list a household must be on: the national register (DTSEN) or the local survey
    source_list           text     CHECK (source_list IN ('DTSEN', 'LOCAL_SURVEY')),
    decile_min            smallint CHECK (decile_min BETWEEN 1 AND 10),
    decile_max            smallint CHECK (decile_max BETWEEN 1 AND 10),
    requires_verification boolean  NOT NULL DEFAULT false,
    requires_uninsured    boolean  NOT NULL DEFAULT false,
    sort_order            smallint NOT NULL DEFAULT 0,
    CHECK (decile_min IS NULL OR decile_max IS NULL OR decile_min <= decile_max)
);

INSERT INTO cluster (code, name, description, rule, source_list, decile_min, decile_max,
                     requires_verification, requires_uninsured, sort_order) VALUES
    ('MELATI', 'Melati', '"Melarat Tenan Iki": truly destitute households on the national register.',
     'On the national unified register (DTSEN, formerly BDT/DTKS).', 'DTSEN', NULL, NULL, false, false, 1),
    ('MENUR', 'Menur', 'Locally verified poor households.',
     'In BPS''s social-protection survey data and verified by UPT-PK.', 'LOCAL_SURVEY', NULL, NULL, true, false, 2),
    ('KENANGA', 'Kenanga', 'Not poor, but without health insurance: covered for clinic care only.',
     'Not on a poverty list and without JKN/Jamkesmas/Askes cover.', NULL, NULL, NULL, false, true, 3);

CREATE TABLE agency (
    code text PRIMARY KEY,
    name text NOT NULL
);

INSERT INTO agency (code, name) VALUES
    ('DINSOS', 'Dinas Sosial (social office)'),
    ('DINKES', 'Dinas Kesehatan (health office)'),
    ('PERKIM', 'Dinas Perumahan dan Permukiman (housing office)'),
    ('DISDIK', 'Dinas Pendidikan (education office)'),
    ('DPMD',   'Dinas Pemberdayaan Masyarakat dan Desa (village affairs office)'),
    ('UPTPK',  'UPT Penanggulangan Kemiskinan (integrated poverty service unit)');

CREATE TABLE programme (
    code        text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]*$'),
    name        text NOT NULL,
    description text NOT NULL,
    agency_code text NOT NULL REFERENCES agency (code),
    -- whom one enrolment covers: a whole household or one person
    target      text NOT NULL CHECK (target IN ('HOUSEHOLD', 'MEMBER'))
);

INSERT INTO programme (code, name, description, agency_code, target) VALUES
    ('PKH', 'Program Keluarga Harapan', 'Conditional cash transfer to poor families.', 'DINSOS', 'HOUSEHOLD'),
    ('BPNT', 'BPNT / Sembako', 'Food aid (Sembako, formerly Rastra rice for the poor).', 'DINSOS', 'HOUSEHOLD'),
    ('KIS_PBI', 'KIS-PBI', 'JKN health insurance whose premium the state pays (APBN or APBD).', 'DINKES', 'MEMBER'),
    ('RTLH', 'RTLH / bedah rumah', 'Renovation of an unfit house.', 'PERKIM', 'HOUSEHOLD'),
    ('BLT_DD', 'BLT Dana Desa', 'Village-fund cash aid for families not covered by PKH or BPNT.', 'DPMD', 'HOUSEHOLD'),
    ('PIP', 'PIP / KIP', 'Education aid for school-age children (Kartu Indonesia Pintar).', 'DISDIK', 'MEMBER');
