package id.terpadu.input;

import java.util.Map;

/**
 * What a text argument may hold, decided by its field's name so that a new input with a
 * {@code name} or a {@code reason} gets the rules of the others: the longest it may be, in
 * characters (Unicode code points), whether it may span lines, and whether it is free text that
 * must show something when given.
 *
 * @param maxLength  the most characters it may hold
 * @param multiLine  whether line breaks and tabs are allowed
 * @param freeText   whether it is written by a person (a name, an address, a reason), so that one
 *                   holding only invisible characters is refused
 */
record TextRule(int maxLength, boolean multiLine, boolean freeText) {

    /** Any text without a rule of its own: codes, numbers, cursors. */
    static final TextRule DEFAULT = new TextRule(1_000, false, false);

    private static final TextRule ONE_LINE = new TextRule(200, false, true);
    private static final TextRule PARAGRAPHS = new TextRule(1_000, true, true);

    private static final Map<String, TextRule> BY_FIELD = Map.of(
            // a person's, a round's or a searched name; an address (the database keeps text, the
            // KTP prints far fewer characters)
            "name", ONE_LINE,
            "address", ONE_LINE,
            // the insurer's list a JKN sync comes from
            "source", ONE_LINE,
            "reason", PARAGRAPHS,
            "description", PARAGRAPHS,
            // a village's verification note (VerificationService keeps 500 too)
            "note", new TextRule(500, true, true),
            // an auditor's signed checkpoint, as the hub wrote it: lines of text
            "statement", new TextRule(1_000, true, false));

    /** The rule of an argument or input field of this name. */
    static TextRule of(String fieldName) {
        return BY_FIELD.getOrDefault(fieldName, DEFAULT);
    }
}
