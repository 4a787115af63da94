package id.terpadu.social;

import id.terpadu.access.Caller;
import id.terpadu.access.RowScope;
import id.terpadu.db.tables.records.SocialFacetRecord;
import id.terpadu.imports.Cells;
import id.terpadu.imports.ImportColumn;
import id.terpadu.imports.ImportKind;
import id.terpadu.imports.ImportLayout;
import id.terpadu.imports.ImportRow;
import id.terpadu.imports.RowOutcome;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.MEMBER;
import static id.terpadu.db.Tables.SOCIAL_FACET;
import static org.jooq.impl.DSL.excluded;

/**
 * The ministry's quarterly DTSEN extract as a file: each household's decile (1 poorest to 10), the
 * quarter it is from and its DTSEN id, by KK or by the NIK of one of its members. The rules of
 * {@code recordSocialAssessment}, plus: a decile older than the one stored is refused, and two rows
 * for the same household are refused both. A batch costs a fixed number of statements.
 */
@Component
class DtsenDecileImport implements ImportKind {

    static final String KK = "kk";
    static final String NIK = "nik";
    static final String DTSEN_ID = "dtsenId";
    static final String DECILE = "decile";
    static final String QUARTER = "quarter";

    private static final List<ImportColumn> COLUMNS = List.of(
            ImportColumn.optional(KK, "KK of the household, 16 digits; or give a member's NIK.", "no_kk", "nomor_kk",
                    "nomor_kartu_keluarga").identity(ImportColumn.Identity.KK),
            ImportColumn.optional(NIK, "NIK of a member of the household, when the row gives no KK.", "no_nik", "nik_art",
                    "nik_kepala_keluarga").identity(ImportColumn.Identity.NIK),
            ImportColumn.optional(DTSEN_ID, "The household's id in DTSEN.", "id_dtsen", "idsemesta", "id_keluarga"),
            ImportColumn.required(DECILE, "Decile, 1 (poorest) to 10.", "desil", "desil_nasional", "peringkat_desil"),
            ImportColumn.required(QUARTER, "The quarter the decile is from: 2025Q3 (also 2025-Q3, Q3 2025, 2025 TW3).",
                    "periode", "triwulan", "kuartal", "as_of"));

    private final DSLContext dsl;
    private final RowScope scope;

    DtsenDecileImport(DSLContext dsl, RowScope scope) {
        this.dsl = dsl;
        this.scope = scope;
    }

    private static final ImportLayout LAYOUT = new ImportLayout("DTSEN",
            "The ministry's quarterly DTSEN extract: each household's decile, its quarter and DTSEN id, by KK or NIK.",
            "recordSocialAssessment", COLUMNS, KK);

    @Override
    public ImportLayout layout() {
        return LAYOUT;
    }

    /** A readable row: the household it names and what it says. */
    private record Decile(String kk, String nik, String dtsenId, short decile, String quarter) {
    }

    @Override
    public List<RowOutcome> apply(Caller caller, String source, List<ImportRow> rows, boolean write) {
        RowOutcome[] outcomes = new RowOutcome[rows.size()];
        Map<Integer, Decile> readable = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            try {
                readable.put(i, read(rows.get(i)));
            } catch (Cells.Invalid invalid) {
                outcomes[i] = invalid.outcome();
            }
        }
        Map<String, Long> byKk = householdsByKk(caller, readable.values().stream().map(Decile::kk).filter(Objects::nonNull).toList());
        Map<String, Long> byNik = householdsByNik(caller, readable.values().stream().filter(d -> d.kk() == null).map(Decile::nik).toList());
        Map<Integer, Long> household = new HashMap<>();
        readable.forEach((i, decile) -> {
            Long id = decile.kk() != null ? byKk.get(decile.kk()) : byNik.get(decile.nik());
            if (id == null) {
                outcomes[i] = decile.kk() != null
                        ? RowOutcome.invalid(KK, "No household with this KK is registered in your region.")
                        : RowOutcome.invalid(NIK, "No person with this NIK is registered in your region.");
            } else {
                household.put(i, id);
            }
        });
        Map<Long, List<Integer>> rowsOf = household.entrySet().stream()
                .collect(Collectors.groupingBy(Map.Entry::getValue, Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        rowsOf.values().stream().filter(indexes -> indexes.size() > 1).flatMap(Collection::stream).forEach(i -> {
            outcomes[i] = RowOutcome.invalid(rows.get(i).value(KK) != null ? KK : NIK,
                    "Another row of the file names the same household: give one decile per household.");
            household.remove(i);
        });

        Map<Long, SocialFacetRecord> stored = lockStored(household.values());
        Map<Long, Decile> changes = new TreeMap<>();
        household.forEach((i, id) -> {
            Decile decile = readable.get(i);
            SocialFacetRecord facet = stored.get(id);
            if (facet != null && facet.getDecileQuarter() != null && facet.getDecileQuarter().compareTo(decile.quarter()) > 0) {
                outcomes[i] = RowOutcome.invalid(QUARTER, "The household has a newer decile already (from "
                        + facet.getDecileQuarter() + "); an older one is not applied.");
            } else if (facet != null && Objects.equals(facet.getDecile(), decile.decile())
                    && Objects.equals(facet.getDecileQuarter(), decile.quarter())
                    && (decile.dtsenId() == null || decile.dtsenId().equals(facet.getDtsenId()))) {
                outcomes[i] = RowOutcome.UNCHANGED;
            } else {
                outcomes[i] = facet == null ? RowOutcome.NEW : RowOutcome.CHANGED;
                changes.put(id, decile);
            }
        });
        if (write) {
            write(changes);
        }
        return List.of(outcomes);
    }

    private static Decile read(ImportRow row) {
        String kk = row.value(KK);
        String nik = row.value(NIK);
        if (kk == null && nik == null) {
            throw new Cells.Invalid(KK, "Give the household's KK, or the NIK of one of its members.");
        }
        if (kk != null && !kk.matches("[0-9]{16}")) {
            throw new Cells.Invalid(KK, "A KK has 16 digits.");
        }
        if (kk == null && !nik.matches("[0-9]{16}")) {
            throw new Cells.Invalid(NIK, "A NIK has 16 digits.");
        }
        String dtsenId = row.value(DTSEN_ID);
        if (dtsenId != null && !dtsenId.matches("[0-9A-Za-z-]{1,40}")) {
            throw new Cells.Invalid(DTSEN_ID, "A DTSEN id holds up to 40 letters, digits and dashes.");
        }
        Integer decile = Cells.number(row, DECILE);
        if (decile == null || decile < 1 || decile > 10) {
            throw new Cells.Invalid(DECILE, "A DTSEN decile runs from 1 (poorest) to 10.");
        }
        return new Decile(kk, kk == null ? nik : null, dtsenId, decile.shortValue(), quarter(Cells.required(row, QUARTER)));
    }

    /** 2025Q3 from 2025Q3, 2025-Q3, 2025 Q3, Q3 2025, Q3-2025, 2025 TW3, TW 3 2025. */
    static String quarter(String value) {
        String plain = value.toUpperCase(java.util.Locale.ROOT).replaceAll("[\\s_/-]", "").replace("TW", "Q");
        if (plain.matches("[0-9]{4}Q[1-4]")) {
            return plain;
        }
        if (plain.matches("Q[1-4][0-9]{4}")) {
            return plain.substring(2) + plain.substring(0, 2);
        }
        throw new Cells.Invalid(QUARTER, "'" + value + "' is not a quarter; write it as 2025Q3.");
    }

    private Map<String, Long> householdsByKk(Caller caller, List<String> kks) {
        if (kks.isEmpty()) {
            return Map.of();
        }
        return dsl.select(HOUSEHOLD.KK, HOUSEHOLD.ID).from(HOUSEHOLD)
                .where(HOUSEHOLD.KK.in(kks)).and(scope.households(caller))
                .fetchMap(HOUSEHOLD.KK, HOUSEHOLD.ID);
    }

    private Map<String, Long> householdsByNik(Caller caller, List<String> niks) {
        if (niks.isEmpty()) {
            return Map.of();
        }
        return dsl.select(MEMBER.NIK, MEMBER.HOUSEHOLD_ID).from(MEMBER).join(HOUSEHOLD).on(HOUSEHOLD.ID.eq(MEMBER.HOUSEHOLD_ID))
                .where(MEMBER.NIK.in(niks)).and(scope.households(caller))
                .fetchMap(MEMBER.NIK, MEMBER.HOUSEHOLD_ID);
    }

    /** The stored social records of these households, locked until the batch commits (in key order: batches never deadlock). */
    private Map<Long, SocialFacetRecord> lockStored(Collection<Long> households) {
        if (households.isEmpty()) {
            return Map.of();
        }
        return dsl.selectFrom(SOCIAL_FACET).where(SOCIAL_FACET.HOUSEHOLD_ID.in(households))
                .orderBy(SOCIAL_FACET.HOUSEHOLD_ID).forUpdate().fetchMap(SOCIAL_FACET.HOUSEHOLD_ID);
    }

    /** Creates or updates every changed record in one statement; a DTSEN id the row leaves blank stays as stored. */
    private void write(Map<Long, Decile> changes) {
        if (changes.isEmpty()) {
            return;
        }
        var insert = dsl.insertInto(SOCIAL_FACET, SOCIAL_FACET.HOUSEHOLD_ID, SOCIAL_FACET.DECILE, SOCIAL_FACET.DECILE_QUARTER,
                SOCIAL_FACET.DTSEN_ID);
        List<Map.Entry<Long, Decile>> ordered = new ArrayList<>(changes.entrySet());
        for (Map.Entry<Long, Decile> change : ordered) {
            Decile decile = change.getValue();
            insert = insert.values(change.getKey(), decile.decile(), decile.quarter(), decile.dtsenId());
        }
        insert.onConflict(SOCIAL_FACET.HOUSEHOLD_ID).doUpdate()
                .set(SOCIAL_FACET.DECILE, excluded(SOCIAL_FACET.DECILE))
                .set(SOCIAL_FACET.DECILE_QUARTER, excluded(SOCIAL_FACET.DECILE_QUARTER))
                .set(SOCIAL_FACET.DTSEN_ID, org.jooq.impl.DSL.coalesce(excluded(SOCIAL_FACET.DTSEN_ID), SOCIAL_FACET.DTSEN_ID))
                .set(SOCIAL_FACET.VERSION, SOCIAL_FACET.VERSION.plus(1L))
                .set(SOCIAL_FACET.UPDATED_AT, OffsetDateTime.now())
                .execute();
    }
}
