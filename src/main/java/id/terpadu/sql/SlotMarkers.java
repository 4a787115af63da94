package id.terpadu.sql;

import java.util.List;

/**
 * The named parameters of a statement jOOQ rendered for PostgreSQL, {@code :name}, made JDBC's bind
 * markers, {@code ?}. Only the statement's own text is read: string literals ({@code '…'}, a quote
 * doubled within) and quoted names ({@code "…"}) are copied as they are, whatever they hold, and a
 * cast's {@code ::} is no parameter. So a value inlined into the text can never become a marker.
 */
final class SlotMarkers {

    private SlotMarkers() {
    }

    /**
     * The text with each named parameter replaced by {@code ?}, the parameters' names added to
     * {@code names} in the order of their markers.
     *
     * @throws IllegalArgumentException when a literal or a quoted name is not closed
     */
    static String replace(String sql, List<String> names) {
        StringBuilder text = new StringBuilder(sql.length());
        int at = 0;
        while (at < sql.length()) {
            char c = sql.charAt(at);
            if (c == '\'' || c == '"') {
                int end = closing(sql, at, c);
                text.append(sql, at, end);
                at = end;
            } else if (c == ':' && at + 1 < sql.length() && sql.charAt(at + 1) == ':') {
                text.append("::");
                at += 2;
            } else if (c == ':' && at + 1 < sql.length() && Character.isJavaIdentifierStart(sql.charAt(at + 1))) {
                int end = at + 1;
                while (end < sql.length() && Character.isJavaIdentifierPart(sql.charAt(end))) {
                    end++;
                }
                names.add(sql.substring(at + 1, end));
                text.append('?');
                at = end;
            } else {
                text.append(c);
                at++;
            }
        }
        return text.toString();
    }

    /** The position after the quote that closes the one at {@code start}; a doubled quote does not close. */
    private static int closing(String sql, int start, char quote) {
        int at = start + 1;
        while (at < sql.length()) {
            if (sql.charAt(at) == quote) {
                if (at + 1 < sql.length() && sql.charAt(at + 1) == quote) {
                    at += 2;
                    continue;
                }
                return at + 1;
            }
            at++;
        }
        throw new IllegalArgumentException("A statement with a literal or quoted name that is not closed");
    }
}
