package id.terpadu.imports;

import org.springframework.http.HttpStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a file holds each column of its kind, from the header row: a column is found by its name or
 * one of its accepted (Indonesian) names; columns the kind does not know, like the error column of
 * a downloaded report, are ignored.
 */
final class ColumnLayout {

    private final Map<ImportColumn, Integer> positions;

    private ColumnLayout(Map<ImportColumn, Integer> positions) {
        this.positions = positions;
    }

    static ColumnLayout of(ImportKind kind, List<String> header) {
        Map<ImportColumn, Integer> positions = new LinkedHashMap<>();
        for (ImportColumn column : kind.columns()) {
            for (int i = 0; i < header.size(); i++) {
                if (column.matches(header.get(i))) {
                    if (positions.containsKey(column)) {
                        throw new FileRefusal(HttpStatus.UNPROCESSABLE_CONTENT, column.name(), "The header names the column "
                                + column.name() + " twice (columns " + (positions.get(column) + 1) + " and " + (i + 1) + ").");
                    }
                    positions.put(column, i);
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (ImportColumn column : kind.columns()) {
            if (column.required() && !positions.containsKey(column)) {
                missing.add(column.name() + (column.aliases().isEmpty() ? "" : " (or " + String.join(", ", column.aliases()) + ")"));
            }
        }
        if (!missing.isEmpty()) {
            throw new FileRefusal(HttpStatus.UNPROCESSABLE_CONTENT, kind.columns().stream()
                    .filter(column -> column.required() && !positions.containsKey(column)).findFirst().orElseThrow().name(),
                    "The header lacks the column" + (missing.size() > 1 ? "s " : " ") + String.join("; ", missing)
                            + ". The first row of the file must name the columns; download the template for the layout.");
        }
        return new ColumnLayout(positions);
    }

    /** A data row's values by column name; blank cells are left out. */
    ImportRow row(int line, List<String> cells) {
        Map<String, String> values = new LinkedHashMap<>();
        positions.forEach((column, position) -> {
            if (position < cells.size()) {
                String value = cells.get(position).strip();
                if (!value.isEmpty()) {
                    values.put(column.name(), value);
                }
            }
        });
        return new ImportRow(line, values);
    }
}
