package id.terpadu.health;

import id.terpadu.db.codes.JknSegment;
import id.terpadu.db.tables.records.HealthFacetRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.error.BadRequestException;
import id.terpadu.health.JknStatusList.Outcome;
import id.terpadu.health.JknStatusList.Row;
import id.terpadu.health.JknStatusList.RowResult;
import id.terpadu.health.JknStatusList.UpdateJknStatusesInput;
import id.terpadu.health.JknStatusList.Updates;
import id.terpadu.access.Caller;
import id.terpadu.household.Members;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Table;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import static id.terpadu.db.Tables.HEALTH_FACET;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.arrayGet;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.generateSeries;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.val;

/**
 * Applies the insurer's list of JKN statuses in one transaction. Each row is checked on its own:
 * an invalid row or an unknown NIK is reported and skipped, the others are applied. The insurer is
 * authoritative for JKN status, so a row carries no expected version and overwrites the stored
 * status; the stored rows are locked first, so a clerk's single update that read the old version
 * meanwhile gets CONFLICT instead of being overwritten unseen, or is applied before the list and
 * compared with it. Three statements whatever the length of the list: the people, their stored
 * statuses, and one write of every changed status.
 */
@Service
@Transactional
class JknStatusSync {

    private final DSLContext dsl;
    private final Members members;

    JknStatusSync(DSLContext dsl, Members members) {
        this.dsl = dsl;
        this.members = members;
    }

    /** A row's refusal: the field at fault and why. */
    private record Problem(String field, String message) {
    }

    Updates update(Caller caller, UpdateJknStatusesInput input) {
        if (input.source() == null || input.source().isBlank()) {
            throw new BadRequestException("input.source", "Name the insurer's list these statuses come from.");
        }
        List<Row> rows = input.rows();
        if (rows.isEmpty()) {
            throw new BadRequestException("input.rows", "The list holds no rows.");
        }
        if (rows.size() > JknStatusList.MAX_ROWS) {
            throw new BadRequestException("input.rows", "A list may hold at most " + JknStatusList.MAX_ROWS
                    + " rows; this one holds " + rows.size() + ". Send it in parts.");
        }
        String source = input.source().strip();
        return Updates.of(source, apply(caller, source, rows, true));
    }

    /**
     * Checks a part of a list (at most {@link JknStatusList#MAX_ROWS} rows) and, when {@code write},
     * stores its changed statuses; without {@code write} it only answers what would change. Rows are
     * answered in input order, with the field at fault as {@code input.rows[i].field}.
     */
    List<RowResult> apply(Caller caller, String source, List<Row> rows, boolean write) {

        Map<Integer, Problem> problems = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Problem problem = checkRow(rows.get(i), "input.rows[" + i + "]");
            if (problem != null) {
                problems.put(i, problem);
            }
        }
        markDuplicates(rows, problems);

        List<String> niks = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (!problems.containsKey(i)) {
                niks.add(rows.get(i).nik());
            }
        }
        Map<String, MemberRecord> byNik = niks.isEmpty() ? Map.of()
                : members.findByNiks(caller, niks).stream().collect(Collectors.toMap(MemberRecord::getNik, member -> member));
        for (int i = 0; i < rows.size(); i++) {
            MemberRecord member = byNik.get(rows.get(i).nik());
            Row row = rows.get(i);
            if (!problems.containsKey(i) && member != null && row.since() != null && row.since().isBefore(member.getBirthDate())) {
                problems.put(i, new Problem("input.rows[" + i + "].since", "The date lies before the person was born."));
            }
        }

        Map<Long, HealthFacetRecord> stored = lockStored(byNik.values().stream().map(MemberRecord::getId).toList());
        Map<Long, Row> changes = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            MemberRecord member = byNik.get(rows.get(i).nik());
            if (!problems.containsKey(i) && member != null && !sameAs(rows.get(i), stored.get(member.getId()))) {
                changes.put(member.getId(), rows.get(i));
            }
        }
        Map<Long, Long> written = write ? write(changes, source) : Map.of();

        List<RowResult> results = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            Problem problem = problems.get(i);
            MemberRecord member = byNik.get(row.nik());
            if (problem != null) {
                results.add(new RowResult(i, row.nik(), Outcome.INVALID, problem.field(), problem.message(), null, false));
            } else if (member == null) {
                results.add(new RowResult(i, row.nik(), Outcome.UNKNOWN_NIK, "input.rows[" + i + "].nik",
                        "No person with this NIK is registered.", null, false));
            } else if (changes.containsKey(member.getId())) {
                results.add(new RowResult(i, row.nik(), Outcome.UPDATED, null, null, written.get(member.getId()),
                        !stored.containsKey(member.getId())));
            } else {
                results.add(new RowResult(i, row.nik(), Outcome.UNCHANGED, null, null, stored.get(member.getId()).getVersion(), false));
            }
        }
        return results;
    }

    /** The rules of a single update, for one row; null when it keeps them. */
    private static Problem checkRow(Row row, String path) {
        if (row.nik() == null || !row.nik().matches("[0-9]{16}")) {
            return new Problem(path + ".nik", "A NIK has 16 digits.");
        }
        if (row.insured() && (row.jknNumber() == null || !row.jknNumber().matches("[0-9]{13}"))) {
            return new Problem(path + ".jknNumber", "A JKN card number has 13 digits; it is required unless the segment is NONE.");
        }
        if (!row.insured() && row.active()) {
            return new Problem(path + ".active", "Without a JKN segment (NONE) the cover cannot be active.");
        }
        if (row.since() != null && row.since().isAfter(LocalDate.now())) {
            return new Problem(path + ".since", "The date lies in the future.");
        }
        return null;
    }

    /** A NIK given twice is ambiguous: none of its rows is applied. */
    private static void markDuplicates(List<Row> rows, Map<Integer, Problem> problems) {
        Map<String, List<Integer>> positions = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            positions.computeIfAbsent(rows.get(i).nik(), nik -> new ArrayList<>()).add(i);
        }
        positions.values().stream().filter(indexes -> indexes.size() > 1).forEach(indexes -> {
            String where = indexes.stream().map(String::valueOf).collect(Collectors.joining(", "));
            for (int i : indexes) {
                problems.putIfAbsent(i, new Problem("input.rows[" + i + "].nik",
                        "This NIK appears more than once in the list (rows " + where + "): send one status per person."));
            }
        });
    }

    /**
     * The stored statuses of these people, locked until the list is applied (in key order, so lists never
     * deadlock); the ids travel as one array, so the statement is the same for any batch.
     */
    private Map<Long, HealthFacetRecord> lockStored(List<Long> memberIds) {
        if (memberIds.isEmpty()) {
            return Map.of();
        }
        return dsl.selectFrom(HEALTH_FACET)
                .where(HEALTH_FACET.MEMBER_ID.eq(any(memberIds.toArray(Long[]::new))))
                .orderBy(HEALTH_FACET.MEMBER_ID)
                .forUpdate()
                .fetchMap(HEALTH_FACET.MEMBER_ID);
    }

    private static boolean sameAs(Row row, HealthFacetRecord stored) {
        return stored != null
                && stored.getSegment() == row.segment()
                && stored.getActive() == row.active()
                && Objects.equals(stored.getSince(), row.since())
                && Objects.equals(stored.getJknNumber(), jknNumber(row));
    }

    private static String jknNumber(Row row) {
        return row.insured() ? row.jknNumber() : null;
    }

    /**
     * Creates or overwrites every changed status in one statement, in key order; answers each person's
     * new version. The values travel as one array per column, so the statement has the same six
     * parameters for any number of rows and the server plans it once.
     */
    private Map<Long, Long> write(Map<Long, Row> changes, String source) {
        if (changes.isEmpty()) {
            return Map.of();
        }
        List<Map.Entry<Long, Row>> sorted = changes.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList();
        int size = sorted.size();
        Long[] memberIds = new Long[size];
        String[] numbers = new String[size];
        String[] segments = new String[size];
        Boolean[] actives = new Boolean[size];
        LocalDate[] sinces = new LocalDate[size];
        for (int i = 0; i < size; i++) {
            Row row = sorted.get(i).getValue();
            memberIds[i] = sorted.get(i).getKey();
            numbers[i] = jknNumber(row);
            segments[i] = row.segment().name();
            actives[i] = row.active();
            sinces[i] = row.since();
        }
        Table<Record1<Integer>> rows = generateSeries(1, size).as("row", "position");
        Field<Integer> position = rows.field(0, Integer.class);
        return dsl.insertInto(HEALTH_FACET, HEALTH_FACET.MEMBER_ID, HEALTH_FACET.JKN_NUMBER, HEALTH_FACET.SEGMENT, HEALTH_FACET.ACTIVE,
                        HEALTH_FACET.SINCE, HEALTH_FACET.SOURCE)
                .select(select(arrayGet(val(memberIds), position), arrayGet(val(numbers), position),
                        arrayGet(val(segments), position).coerce(HEALTH_FACET.SEGMENT), arrayGet(val(actives), position),
                        arrayGet(val(sinces), position), val(source))
                        .from(rows).orderBy(position))
                .onConflict(HEALTH_FACET.MEMBER_ID).doUpdate()
                .set(HEALTH_FACET.JKN_NUMBER, excluded(HEALTH_FACET.JKN_NUMBER))
                .set(HEALTH_FACET.SEGMENT, excluded(HEALTH_FACET.SEGMENT))
                .set(HEALTH_FACET.ACTIVE, excluded(HEALTH_FACET.ACTIVE))
                .set(HEALTH_FACET.SINCE, excluded(HEALTH_FACET.SINCE))
                .set(HEALTH_FACET.SOURCE, excluded(HEALTH_FACET.SOURCE))
                .set(HEALTH_FACET.VERSION, HEALTH_FACET.VERSION.plus(1L))
                .set(HEALTH_FACET.UPDATED_AT, OffsetDateTime.now())
                .returningResult(HEALTH_FACET.MEMBER_ID, HEALTH_FACET.VERSION)
                .fetchMap(HEALTH_FACET.MEMBER_ID, HEALTH_FACET.VERSION);
    }
}
