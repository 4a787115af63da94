package id.terpadu.input;

import java.util.Map;
import java.util.Optional;

/**
 * Checks one text against its {@link TextRule}: characters a database or another agency's system
 * cannot keep or show (control characters, broken UTF-16, unassigned and private-use code
 * points), line breaks in one-line fields, the length in characters, and free text with nothing
 * visible in it.
 */
final class TextCheck {

    /** Characters that Unicode draws as nothing but classifies as letters or marks (Default_Ignorable). */
    private static final int[][] FILLERS = {
            {0x034F, 0x034F}, {0x115F, 0x1160}, {0x17B4, 0x17B5}, {0x180B, 0x180F}, {0x2800, 0x2800},
            {0x3164, 0x3164}, {0xFE00, 0xFE0F}, {0xFFA0, 0xFFA0}, {0xE0100, 0xE01EF}};

    private TextCheck() {
    }

    static Optional<InputRefusal> check(String field, String text, TextRule rule, boolean required) {
        int length = 0;
        boolean visible = false;
        boolean onlyWhitespace = true;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            length++;
            Optional<InputRefusal> refusal = character(field, codePoint, length, rule);
            if (refusal.isPresent()) {
                return refusal;
            }
            visible |= !invisible(codePoint);
            onlyWhitespace &= Character.isWhitespace(codePoint);
            i += Character.charCount(codePoint);
        }
        if (length > rule.maxLength()) {
            return Optional.of(new InputRefusal(field, "maxLength",
                    field + " holds " + String.format("%,d", length) + " characters; it may hold at most "
                            + String.format("%,d", rule.maxLength()) + ".",
                    Map.of("maximum", rule.maxLength(), "actual", length)));
        }
        // an optional text of spaces only means none, as the services read it
        if (rule.freeText() && !visible && (required || !onlyWhitespace)) {
            return Optional.of(new InputRefusal(field, "blank",
                    field + " holds no visible characters: write it out."));
        }
        return Optional.empty();
    }

    private static Optional<InputRefusal> character(String field, int codePoint, int position, TextRule rule) {
        String where = " (" + codePointName(codePoint) + " at character " + position + ")";
        return switch (Character.getType(codePoint)) {
            case Character.SURROGATE -> Optional.of(new InputRefusal(field, "brokenCharacter", field
                    + " holds half of a character" + where + ": send the text as whole Unicode characters."));
            case Character.CONTROL -> lineBreak(codePoint)
                    ? rule.multiLine() ? Optional.empty() : Optional.of(oneLine(field, where))
                    : Optional.of(new InputRefusal(field, "controlCharacter",
                            field + " holds a control character" + where + ", which the hub does not store: remove it."));
            case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR ->
                    rule.multiLine() ? Optional.empty() : Optional.of(oneLine(field, where));
            case Character.UNASSIGNED -> Optional.of(new InputRefusal(field, "unassignedCharacter",
                    field + " holds a code point that Unicode does not assign" + where + ": remove it."));
            case Character.PRIVATE_USE -> Optional.of(new InputRefusal(field, "privateUseCharacter",
                    field + " holds a private-use character" + where + ", which other agencies' systems cannot show: remove it."));
            default -> Optional.empty();
        };
    }

    private static InputRefusal oneLine(String field, String where) {
        return new InputRefusal(field, "lineBreak",
                field + " is one line of text, without line breaks or tabs" + where + ".");
    }

    private static boolean lineBreak(int codePoint) {
        return codePoint == '\n' || codePoint == '\r' || codePoint == '\t';
    }

    /** Spaces, format characters (zero-width space, joiners, direction marks) and fillers. */
    static boolean invisible(int codePoint) {
        int type = Character.getType(codePoint);
        if (Character.isWhitespace(codePoint) || type == Character.FORMAT || type == Character.SPACE_SEPARATOR
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
            return true;
        }
        for (int[] range : FILLERS) {
            if (codePoint >= range[0] && codePoint <= range[1]) {
                return true;
            }
        }
        return false;
    }

    private static String codePointName(int codePoint) {
        return String.format("U+%04X", codePoint);
    }
}
