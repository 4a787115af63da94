package id.terpadu.imports;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One pass over a file before its rows are checked: the header has the kind's columns, the file
 * holds rows and not more than the limit, which values of the key column (a NIK) appear more
 * than once, and, for a kind whose rows come in groups (a household's members), which groups are
 * not on consecutive lines or are too long to be handed over in one batch. The values are kept as
 * numbers in arrays while scanning, so even a file of a million NIKs costs a few megabytes.
 */
record FileScan(ColumnLayout layout, int rows, Map<Long, Integer> repeatedKeys, Map<Long, String> brokenGroups) {

    /** The most rows a group may have: it is handed to the kind in one batch. */
    static final int MAX_GROUP_ROWS = ImportRow.BATCH_SIZE;

    static FileScan of(Path file, FileFormat format, ImportKind kind, int maxRows) {
        ColumnLayout[] layout = new ColumnLayout[1];
        int[] rows = {0};
        long[][] keys = {new long[1024]};
        int[] keyCount = {0};
        GroupRuns runs = new GroupRuns();
        format.read(file, (line, cells) -> {
            if (layout[0] == null) {
                layout[0] = ColumnLayout.of(kind, cells);
                return;
            }
            rows[0]++;
            if (rows[0] > maxRows) {
                throw FileRefusal.badFile("The file holds more than " + maxRows + " rows; split it into files of at most "
                        + maxRows + " rows.");
            }
            if (kind.keyColumn() != null) {
                Long key = numeric(layout[0].row(line, cells).value(kind.keyColumn()));
                if (key != null) {
                    if (keyCount[0] == keys[0].length) {
                        keys[0] = Arrays.copyOf(keys[0], keys[0].length * 2);
                    }
                    keys[0][keyCount[0]++] = key;
                }
            }
            if (kind.groupColumn() != null) {
                runs.next(numeric(layout[0].row(line, cells).value(kind.groupColumn())));
            }
        });
        if (layout[0] == null) {
            throw FileRefusal.badFile("The file is empty.");
        }
        if (rows[0] == 0) {
            throw FileRefusal.badFile("The file holds a header but no rows.");
        }
        return new FileScan(layout[0], rows[0], repeated(keys[0], keyCount[0]), runs.broken(kind.groupColumn()));
    }

    /** The runs of consecutive rows of one group: a group with two runs is scattered over the file. */
    private static final class GroupRuns {

        private long[] groups = new long[1024];
        private int count;
        private Long current;
        private int length;
        private final Map<Long, String> tooLong = new HashMap<>();

        void next(Long group) {
            if (group != null && group.equals(current)) {
                length++;
                return;
            }
            end();
            current = group;
            length = 1;
        }

        private void end() {
            if (current == null) {
                return;
            }
            if (count == groups.length) {
                groups = Arrays.copyOf(groups, groups.length * 2);
            }
            groups[count++] = current;
            if (length > MAX_GROUP_ROWS) {
                tooLong.put(current, length + " rows in a row give it; at most " + MAX_GROUP_ROWS + " may.");
            }
            current = null;
        }

        Map<Long, String> broken(String column) {
            end();
            Map<Long, String> broken = new HashMap<>();
            repeated(groups, count).keySet().forEach(group -> broken.put(group, "The rows of this " + column
                    + " are not on consecutive lines: put all of its rows together, one after the other."));
            tooLong.forEach((group, reason) -> broken.putIfAbsent(group, "This " + column + " is given on too many rows: " + reason));
            return broken;
        }
    }

    /** The keys given more than once, with how often. */
    private static Map<Long, Integer> repeated(long[] keys, int count) {
        long[] sorted = Arrays.copyOf(keys, count);
        Arrays.sort(sorted);
        Map<Long, Integer> repeated = new HashMap<>();
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                repeated.merge(sorted[i], 1, Integer::sum);
            }
        }
        repeated.replaceAll((key, extra) -> extra + 1);
        return repeated;
    }

    /** A key made of up to 18 digits as a number; null for anything else (the kind refuses it). */
    static Long numeric(String value) {
        if (value == null || value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Long.parseLong(value);
    }

    /** How often a row's key appears in the file; 1 when it is unique (or not a number). */
    int timesGiven(ImportKind kind, ImportRow row) {
        if (kind.keyColumn() == null) {
            return 1;
        }
        Long key = numeric(row.value(kind.keyColumn()));
        return key == null ? 1 : repeatedKeys.getOrDefault(key, 1);
    }

    /** Why a row's group cannot be imported (its rows scattered or too many); null when it can. */
    String groupProblem(ImportKind kind, ImportRow row) {
        if (kind.groupColumn() == null) {
            return null;
        }
        Long group = numeric(row.value(kind.groupColumn()));
        return group == null ? null : brokenGroups.get(group);
    }

}
