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
        // compacted in place: the text only shrinks, so the write position never passes the read one
        char[] text = json.toCharArray();
        int length = 0;
        boolean inString = false;
        boolean escaped = false;
        for (char c : text) {
            if (inString) {
                text[length++] = c;
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                text[length++] = c;
            } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                text[length++] = c;
            }
        }
        return new String(text, 0, length);
    }
}
