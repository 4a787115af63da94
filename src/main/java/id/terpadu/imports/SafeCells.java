package id.terpadu.imports;

/**
 * Values as they go into a spreadsheet the hub hands out: a value that a spreadsheet would take for
 * a formula (it begins with {@code = + - @}, a tab or a line break) is prefixed with an apostrophe,
 * so opening the file never runs what someone typed into the data.
 */
final class SafeCells {

    private SafeCells() {
    }

    static String of(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' || first == '\n'
                ? "'" + value : value;
    }
}
