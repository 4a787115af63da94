package id.terpadu.health;

import id.terpadu.db.codes.JknSegment;
import java.time.LocalDate;
import java.util.List;

/** The insurer's list of JKN statuses, as the schema's UpdateJknStatusesInput, and what became of it. */
final class JknStatusList {

    /** At most this many rows in one list: larger files are sent in parts. */
    static final int MAX_ROWS = 1_000;

    private JknStatusList() {
    }

    record UpdateJknStatusesInput(String source, List<Row> rows) {
    }

    /** One person's status in the list. */
    record Row(String nik, JknSegment segment, boolean active, LocalDate since, String jknNumber) {

        boolean insured() {
            return segment != JknSegment.NONE;
        }
    }

    /** What became of one row. */
    enum Outcome { UPDATED, UNCHANGED, UNKNOWN_NIK, INVALID }

    /** What became of one row; {@code created} when an UPDATED row gave the person a first JKN record. */
    record RowResult(int index, String nik, Outcome outcome, String field, String message, Long version, boolean created) {
    }

    /** The answer: counts per outcome and one result per row, in input order. */
    record Updates(String source, int updated, int unchanged, int unknownNik, int invalid, List<RowResult> rows) {

        static Updates of(String source, List<RowResult> rows) {
            return new Updates(source, count(rows, Outcome.UPDATED), count(rows, Outcome.UNCHANGED),
                    count(rows, Outcome.UNKNOWN_NIK), count(rows, Outcome.INVALID), List.copyOf(rows));
        }

        private static int count(List<RowResult> rows, Outcome outcome) {
            return (int) rows.stream().filter(row -> row.outcome() == outcome).count();
        }
    }
}
