package id.terpadu.imports;

import java.util.Map;

/** One row of a file: its line (the header is line 1) and its values by column name, blank ones absent. */
public record ImportRow(int line, Map<String, String> values) {

    /** How many rows a batch holds: each batch commits on its own. */
    public static final int BATCH_SIZE = 1_000;

    /** The value of a column, stripped; null when the row leaves it blank. */
    public String value(String column) {
        return values.get(column);
    }
}
