package id.terpadu.imports;

import java.util.List;

/**
 * What a kind of import file is: the name clients upload it under ({@code JKN}), what it holds (for
 * the layout's documentation), the mutation of the access policy whose writers may import it (its
 * rows are scoped to the caller's region as that mutation's are), its columns in the template's
 * order, the column whose value may appear only once in a file (a NIK; null when any row may
 * repeat), and the column whose rows belong together (a household's KK on each of its members'
 * rows; null when every row stands alone). The rows of a group stand on consecutive lines, are
 * handed to the kind in one batch and are applied whole or refused whole.
 */
public record ImportLayout(String name, String description, String mutation, List<ImportColumn> columns, String keyColumn,
                           String groupColumn) {

    /** A layout whose rows each stand alone. */
    public ImportLayout(String name, String description, String mutation, List<ImportColumn> columns, String keyColumn) {
        this(name, description, mutation, columns, keyColumn, null);
    }
}
