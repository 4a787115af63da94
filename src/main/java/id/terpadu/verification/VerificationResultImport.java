package id.terpadu.verification;

import id.terpadu.access.Caller;
import id.terpadu.access.RowScope;
import id.terpadu.db.codes.VerificationOutcome;
import id.terpadu.db.codes.VerificationRoundStatus;
import id.terpadu.db.tables.records.VerificationResultRecord;
import id.terpadu.db.tables.records.VerificationRoundRecord;
import id.terpadu.imports.Cells;
import id.terpadu.imports.ImportColumn;
import id.terpadu.imports.ImportKind;
import id.terpadu.imports.ImportLayout;
import id.terpadu.imports.ImportRow;
import id.terpadu.imports.RowOutcome;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import static id.terpadu.db.Tables.CLUSTER;
import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.SOCIAL_FACET;
import static id.terpadu.db.Tables.VERIFICATION_RESULT;
import static id.terpadu.db.Tables.VERIFICATION_ROUND;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.row;

/**
 * A round's verification results as a file, as a village or UPT-PK fills them in: per household
 * (by KK) the round, what the verifiers found, the persons counted, the cluster and a note. The
 * rules of {@code recordVerificationResult}: an open round, a household of the caller's region (a
 * village operator's own village), 0 to 99 persons and at least one in a poor household, a known
 * cluster (the household's current one when the row leaves it blank), a note of at most 500
 * characters. A result recorded again replaces the earlier one. A batch costs a fixed number of
 * statements.
 */
@Component
class VerificationResultImport implements ImportKind {

    static final String ROUND = "round";
    static final String KK = "kk";
    static final String RESULT = "result";
    static final String PERSONS = "persons";
    static final String CLUSTER_CODE = "cluster";
    static final String NOTE = "note";

    private static final int MAX_NOTE = 500;

    /** The Indonesian words for the outcomes a village's sheet uses, beside the hub's codes. */
    private static final Map<String, VerificationOutcome> OUTCOME_WORDS = Map.of(
            "MASIH_MISKIN", VerificationOutcome.STILL_POOR,
            "TETAP_MISKIN", VerificationOutcome.STILL_POOR,
            "KELUAR_MISKIN", VerificationOutcome.LEFT_POVERTY,
            "TIDAK_MISKIN", VerificationOutcome.LEFT_POVERTY,
            "MAMPU", VerificationOutcome.LEFT_POVERTY,
            "PINDAH", VerificationOutcome.MOVED,
            "MENINGGAL", VerificationOutcome.DECEASED,
            "MENINGGAL_DUNIA", VerificationOutcome.DECEASED,
            "BARU", VerificationOutcome.NEW,
            "MISKIN_BARU", VerificationOutcome.NEW);

    private static final List<ImportColumn> COLUMNS = List.of(
            ImportColumn.required(ROUND, "The name of an open verification round, like 2019.", "putaran", "putaran_verifikasi",
                    "periode_verifikasi", "verval"),
            ImportColumn.required(KK, "KK of the household, 16 digits.", "no_kk", "nomor_kk", "nomor_kartu_keluarga")
                    .identity(ImportColumn.Identity.KK),
            ImportColumn.required(RESULT, "What the verifiers found: STILL_POOR (masih miskin), LEFT_POVERTY (keluar miskin), "
                    + "MOVED (pindah), DECEASED (meninggal) or NEW (baru).", "hasil", "hasil_verifikasi", "status_verifikasi"),
            ImportColumn.required(PERSONS, "The persons counted in the household, 0 to 99; at least 1 for STILL_POOR and NEW.",
                    "jumlah_jiwa", "jumlah_art", "jumlah_anggota"),
            ImportColumn.optional(CLUSTER_CODE, "Cluster code (MELATI, MENUR, KENANGA); when blank, the household's current cluster.",
                    "klaster", "kluster"),
            ImportColumn.optional(NOTE, "The verifier's note, at most 500 characters.", "catatan", "keterangan"));

    private final DSLContext dsl;
    private final RowScope scope;

    VerificationResultImport(DSLContext dsl, RowScope scope) {
        this.dsl = dsl;
        this.scope = scope;
    }

    private static final ImportLayout LAYOUT = new ImportLayout("VERIFICATION",
            "A verification round's results: per household (by KK) what the verifiers found, the persons counted, "
            + "the cluster and a note.",
            "recordVerificationResult", COLUMNS, KK);

    @Override
    public ImportLayout layout() {
        return LAYOUT;
    }

    /** A readable row. */
    private record Finding(String round, String kk, VerificationOutcome result, short persons, String cluster, String note) {
    }

    /** What a row writes: the round, the household and the values. */
    private record Result(long roundId, long householdId, VerificationOutcome result, short persons, String cluster, String note) {
    }

    @Override
    public List<RowOutcome> apply(Caller caller, String source, List<ImportRow> rows, boolean write) {
        RowOutcome[] outcomes = new RowOutcome[rows.size()];
        Map<Integer, Finding> readable = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            try {
                readable.put(i, read(rows.get(i)));
            } catch (Cells.Invalid invalid) {
                outcomes[i] = invalid.outcome();
            }
        }
        Map<String, VerificationRoundRecord> rounds = rounds(readable.values().stream().map(Finding::round).toList());
        Map<String, Long> households = householdsByKk(caller, readable.values().stream().map(Finding::kk).toList());
        Set<String> clusters = knownClusters(readable.values().stream().map(Finding::cluster).filter(Objects::nonNull).toList());
        Map<Long, String> currentClusters = currentClusters(households.values());

        Map<Integer, Result> results = new TreeMap<>();
        readable.forEach((i, finding) -> {
            VerificationRoundRecord round = rounds.get(finding.round());
            Long household = households.get(finding.kk());
            if (round == null) {
                outcomes[i] = RowOutcome.invalid(ROUND, "No verification round has the name '" + finding.round() + "'.");
            } else if (round.getStatus() == VerificationRoundStatus.CLOSED) {
                outcomes[i] = RowOutcome.invalid(ROUND, "The round " + round.getName() + " is closed: its results can no longer change.");
            } else if (household == null) {
                outcomes[i] = RowOutcome.invalid(KK, "No household with this KK is registered in your region.");
            } else if (finding.cluster() != null && !clusters.contains(finding.cluster())) {
                outcomes[i] = RowOutcome.invalid(CLUSTER_CODE, "No cluster has the code '" + finding.cluster() + "'.");
            } else {
                String cluster = finding.cluster() != null ? finding.cluster() : currentClusters.get(household);
                results.put(i, new Result(round.getId(), household, finding.result(), finding.persons(), cluster, finding.note()));
            }
        });

        Map<List<Long>, VerificationResultRecord> stored = lockStored(results.values());
        Map<List<Long>, Result> changes = new TreeMap<>((a, b) -> a.get(0).equals(b.get(0))
                ? a.get(1).compareTo(b.get(1)) : a.get(0).compareTo(b.get(0)));
        results.forEach((i, result) -> {
            List<Long> key = List.of(result.roundId(), result.householdId());
            VerificationResultRecord before = stored.get(key);
            if (before == null) {
                outcomes[i] = RowOutcome.NEW;
                changes.put(key, result);
            } else if (before.getResult() == result.result() && before.getPersons() == result.persons()
                    && Objects.equals(before.getClusterCode(), result.cluster()) && Objects.equals(before.getNote(), result.note())) {
                outcomes[i] = RowOutcome.UNCHANGED;
            } else {
                outcomes[i] = RowOutcome.CHANGED;
                changes.put(key, result);
            }
        });
        if (write) {
            write(changes.values());
        }
        return List.of(outcomes);
    }

    private static Finding read(ImportRow row) {
        String round = Cells.required(row, ROUND);
        String kk = Cells.required(row, KK);
        if (!kk.matches("[0-9]{16}")) {
            throw new Cells.Invalid(KK, "A KK has 16 digits.");
        }
        VerificationOutcome result = outcome(Cells.required(row, RESULT));
        Integer persons = Cells.number(row, PERSONS);
        if (persons == null) {
            throw new Cells.Invalid(PERSONS, "The row leaves " + PERSONS + " empty.");
        }
        if (persons < 0 || persons > 99) {
            throw new Cells.Invalid(PERSONS, "The number of persons is 0 to 99.");
        }
        if (persons == 0 && Outcomes.POOR.contains(result)) {
            throw new Cells.Invalid(PERSONS, "A poor household has at least one person.");
        }
        String cluster = row.value(CLUSTER_CODE) == null ? null : row.value(CLUSTER_CODE).toUpperCase(Locale.ROOT);
        String note = row.value(NOTE);
        if (note != null && note.length() > MAX_NOTE) {
            throw new Cells.Invalid(NOTE, "Keep the note to " + MAX_NOTE + " characters.");
        }
        if (note != null && note.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw new Cells.Invalid(NOTE, "The note holds a control character.");
        }
        return new Finding(round, kk, result, persons.shortValue(), cluster, note);
    }

    /** STILL_POOR or its Indonesian word (masih miskin), in any case, with spaces or dashes for underscores. */
    static VerificationOutcome outcome(String value) {
        String code = value.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
        if (OUTCOME_WORDS.containsKey(code)) {
            return OUTCOME_WORDS.get(code);
        }
        try {
            return VerificationOutcome.valueOf(code);
        } catch (IllegalArgumentException e) {
            throw new Cells.Invalid(RESULT, "'" + value + "' is not a result; write STILL_POOR (masih miskin), LEFT_POVERTY "
                    + "(keluar miskin), MOVED (pindah), DECEASED (meninggal) or NEW (baru).");
        }
    }

    /** The rounds by name, shared-locked as the mutation locks them: a round does not close under the batch. */
    private Map<String, VerificationRoundRecord> rounds(Collection<String> names) {
        if (names.isEmpty()) {
            return Map.of();
        }
        return dsl.selectFrom(VERIFICATION_ROUND).where(VERIFICATION_ROUND.NAME.in(new HashSet<>(names)))
                .orderBy(VERIFICATION_ROUND.ID).forShare().fetchMap(VERIFICATION_ROUND.NAME);
    }

    private Map<String, Long> householdsByKk(Caller caller, List<String> kks) {
        if (kks.isEmpty()) {
            return Map.of();
        }
        return dsl.select(HOUSEHOLD.KK, HOUSEHOLD.ID).from(HOUSEHOLD)
                .where(HOUSEHOLD.KK.in(kks)).and(scope.households(caller))
                .fetchMap(HOUSEHOLD.KK, HOUSEHOLD.ID);
    }

    private Set<String> knownClusters(List<String> codes) {
        if (codes.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(dsl.select(CLUSTER.CODE).from(CLUSTER).where(CLUSTER.CODE.in(codes)).fetch(CLUSTER.CODE));
    }

    private Map<Long, String> currentClusters(Collection<Long> households) {
        if (households.isEmpty()) {
            return Map.of();
        }
        return dsl.select(SOCIAL_FACET.HOUSEHOLD_ID, SOCIAL_FACET.CLUSTER_CODE).from(SOCIAL_FACET)
                .where(SOCIAL_FACET.HOUSEHOLD_ID.in(households)).and(SOCIAL_FACET.CLUSTER_CODE.isNotNull())
                .fetchMap(SOCIAL_FACET.HOUSEHOLD_ID, SOCIAL_FACET.CLUSTER_CODE);
    }

    /** The stored results of these rounds and households, locked until the batch commits (in key order). */
    private Map<List<Long>, VerificationResultRecord> lockStored(Collection<Result> results) {
        if (results.isEmpty()) {
            return Map.of();
        }
        return dsl.selectFrom(VERIFICATION_RESULT)
                .where(row(VERIFICATION_RESULT.ROUND_ID, VERIFICATION_RESULT.HOUSEHOLD_ID)
                        .in(results.stream().map(result -> row(result.roundId(), result.householdId())).toList()))
                .orderBy(VERIFICATION_RESULT.ROUND_ID, VERIFICATION_RESULT.HOUSEHOLD_ID).forUpdate()
                .fetchMap(result -> List.of(result.getRoundId(), result.getHouseholdId()));
    }

    /** Records or replaces every changed result in one statement. */
    private void write(Collection<Result> changes) {
        if (changes.isEmpty()) {
            return;
        }
        var insert = dsl.insertInto(VERIFICATION_RESULT, VERIFICATION_RESULT.ROUND_ID, VERIFICATION_RESULT.HOUSEHOLD_ID,
                VERIFICATION_RESULT.RESULT, VERIFICATION_RESULT.PERSONS, VERIFICATION_RESULT.CLUSTER_CODE, VERIFICATION_RESULT.NOTE);
        for (Result result : changes) {
            insert = insert.values(result.roundId(), result.householdId(), result.result(), result.persons(), result.cluster(),
                    result.note());
        }
        insert.onConflict(VERIFICATION_RESULT.ROUND_ID, VERIFICATION_RESULT.HOUSEHOLD_ID).doUpdate()
                .set(VERIFICATION_RESULT.RESULT, excluded(VERIFICATION_RESULT.RESULT))
                .set(VERIFICATION_RESULT.PERSONS, excluded(VERIFICATION_RESULT.PERSONS))
                .set(VERIFICATION_RESULT.CLUSTER_CODE, excluded(VERIFICATION_RESULT.CLUSTER_CODE))
                .set(VERIFICATION_RESULT.NOTE, excluded(VERIFICATION_RESULT.NOTE))
                .set(VERIFICATION_RESULT.RECORDED_AT, OffsetDateTime.now())
                .execute();
    }
}
