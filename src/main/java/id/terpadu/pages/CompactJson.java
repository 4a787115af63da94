package id.terpadu.pages;

import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * JSON without the whitespace between its tokens: PostgreSQL writes {@code {"a" : 1, "b" : 2}},
 * the field-by-field answer {@code {"a":1,"b":2}}. Kept as the UTF-8 bytes the database sent and
 * written into the response as they are: a page's answer is never decoded into a string, and its
 * bytes are compacted in one pass. Whitespace inside strings stays; the bytes of a character
 * beyond ASCII all have their high bit set, so none of them is taken for a quote, a backslash or
 * a space.
 */
final class CompactJson implements SerializableString {

    private final byte[] utf8;
    private final int length;

    private CompactJson(byte[] utf8, int length) {
        this.utf8 = utf8;
        this.length = length;
    }

    /** Compacts {@code utf8} in place (the text only shrinks) and keeps it. */
    static CompactJson of(byte[] utf8) {
        int length = 0;
        boolean inString = false;
        boolean escaped = false;
        for (byte b : utf8) {
            if (inString) {
                utf8[length++] = b;
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
                utf8[length++] = b;
            } else if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                utf8[length++] = b;
            }
        }
        return new CompactJson(utf8, length);
    }

    @Override
    public String getValue() {
        return new String(utf8, 0, length, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return getValue();
    }

    @Override
    public int charLength() {
        return getValue().length();
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return Arrays.copyOf(utf8, length);
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
        if (offset + length > buffer.length) {
            return -1;
        }
        System.arraycopy(utf8, 0, buffer, offset, length);
        return length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
        String value = getValue();
        if (offset + value.length() > buffer.length) {
            return -1;
        }
        value.getChars(0, value.length(), buffer, offset);
        return value.length();
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(utf8, 0, length);
        return length;
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        if (length > buffer.remaining()) {
            return -1;
        }
        buffer.put(utf8, 0, length);
        return length;
    }

    // written raw, never as a quoted string; these answer what a quoted string would be

    @Override
    public char[] asQuotedChars() {
        return quoted().asQuotedChars();
    }

    @Override
    public byte[] asQuotedUTF8() {
        return quoted().asQuotedUTF8();
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
        return quoted().appendQuotedUTF8(buffer, offset);
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
        return quoted().appendQuoted(buffer, offset);
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) throws IOException {
        return quoted().writeQuotedUTF8(out);
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) throws IOException {
        return quoted().putQuotedUTF8(buffer);
    }

    private SerializedString quoted() {
        return new SerializedString(getValue());
    }
}
