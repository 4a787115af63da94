package id.terpadu.pages;

/**
 * JSON without the whitespace between its tokens: PostgreSQL writes {@code {"a" : 1, "b" : 2}},
 * the field-by-field answer {@code {"a":1,"b":2}}. One pass over the text; whitespace inside
 * strings stays.
 */
final class CompactJson {

    private CompactJson() {
    }

    static String of(String json) {
        StringBuilder compact = new StringBuilder(json.length());
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                compact.append(c);
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                compact.append(c);
            } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                compact.append(c);
            }
        }
        return compact.toString();
    }
}
