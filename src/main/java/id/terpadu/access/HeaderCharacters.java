package id.terpadu.access;

/**
 * The characters Spring Security's firewall allows in header names and values by default (the
 * regular expression {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}: every code point assigned in
 * Unicode and none a control character), checked code point by code point, printable ASCII first.
 */
final class HeaderCharacters {

    private HeaderCharacters() {
    }

    static boolean allowed(String text) {
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                i++;
                continue;
            }
            int codePoint = text.codePointAt(i);
            if (!Character.isDefined(codePoint) || Character.getType(codePoint) == Character.CONTROL) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
