package id.terpadu.region;

import java.util.Optional;
import java.util.regex.Pattern;

/** Kemendagri region codes, written with dots ({@code 51.06.01.2001}) or without ({@code 5106012001}). */
public final class RegionCode {

    private static final Pattern DOTTED = Pattern.compile("[0-9]{2}(\\.[0-9]{2}(\\.[0-9]{2}(\\.[0-9]{4})?)?)?");
    private static final Pattern COMPACT = Pattern.compile("[0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{10}");

    private RegionCode() {
    }

    /** The code in its official dotted form, or empty when the text cannot be a region code. */
    public static Optional<String> normalise(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String code = text.strip();
        if (DOTTED.matcher(code).matches()) {
            return Optional.of(code);
        }
        if (!COMPACT.matcher(code).matches()) {
            return Optional.empty();
        }
        StringBuilder dotted = new StringBuilder(code.substring(0, 2));
        for (int start = 2; start < code.length(); ) {
            int end = start == 6 ? start + 4 : start + 2;
            dotted.append('.').append(code, start, end);
            start = end;
        }
        return Optional.of(dotted.toString());
    }
}
