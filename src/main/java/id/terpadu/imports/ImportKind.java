package id.terpadu.imports;

import id.terpadu.access.Caller;

import java.util.List;

/**
 * A kind of file the hub imports (the insurer's JKN list, DTSEN deciles ...), registered by the
 * feature that owns the data it writes: its column layout, the write of the access policy its rows
 * amount to, and how a batch of rows is checked and applied with that feature's own rules.
 */
public interface ImportKind {

    /** What the file is and who may import it. */
    ImportLayout layout();

    /** The name clients upload it under ({@code JKN}). */
    default String name() {
        return layout().name();
    }

    /** What the file is, for the layout's documentation. */
    default String description() {
        return layout().description();
    }

    /** The mutation of the access policy whose writers may import this kind. */
    default String mutation() {
        return layout().mutation();
    }

    /** The columns, in the template's order. */
    default List<ImportColumn> columns() {
        return layout().columns();
    }

    /** The column whose value may appear only once in a file; null when any row may repeat. */
    default String keyColumn() {
        return layout().keyColumn();
    }

    /**
     * The column whose rows belong together (a household's KK): they are handed over in one batch
     * and refused whole when one of them is refused for the file; null when every row stands alone.
     */
    default String groupColumn() {
        return layout().groupColumn();
    }

    /**
     * Checks a batch of rows (about {@link ImportRow#BATCH_SIZE}; a group of rows is never split) and, when {@code write}, applies
     * the valid ones; runs inside the batch's transaction. Answers one outcome per row, in order.
     */
    List<RowOutcome> apply(Caller caller, String source, List<ImportRow> rows, boolean write);
}
