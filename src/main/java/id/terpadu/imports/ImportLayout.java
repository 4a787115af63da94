package id.terpadu.imports;

import java.util.List;

/**
 * What a kind of import file is: the name clients upload it under ({@code JKN}), what it holds (for
 * the layout's documentation), the mutation of the access policy whose writers may import it (its
 * rows are scoped to the caller's region as that mutation's are), its columns in the template's
 * order, and the column whose value may appear only once in a file (a NIK; null when any row may
 * repeat).
 */
public record ImportLayout(String name, String description, String mutation, List<ImportColumn> columns, String keyColumn) {
}
