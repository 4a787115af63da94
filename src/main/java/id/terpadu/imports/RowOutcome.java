package id.terpadu.imports;

/** What became (or, in a dry run, would become) of one row. */
public record RowOutcome(Outcome outcome, String field, String reason) {

    public enum Outcome {
        /** The row creates a record. */
        NEW,
        /** The row changes a stored record. */
        CHANGED,
        /** The stored record already holds what the row says. */
        UNCHANGED,
        /** The row breaks a rule ({@code field}, {@code reason}); nothing of it is written. */
        INVALID
    }

    public static final RowOutcome NEW = new RowOutcome(Outcome.NEW, null, null);
    public static final RowOutcome CHANGED = new RowOutcome(Outcome.CHANGED, null, null);
    public static final RowOutcome UNCHANGED = new RowOutcome(Outcome.UNCHANGED, null, null);

    public static RowOutcome invalid(String column, String reason) {
        return new RowOutcome(Outcome.INVALID, column, reason);
    }
}
