package id.terpadu.imports;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One column of a kind's layout: its name (the template's header), whether every row must give it,
 * the header names that are accepted for it too (the Indonesian ones agencies' files use), and
 * whether it holds an identity number that leaves the hub only through the disclosure gate.
 */
public record ImportColumn(String name, boolean required, String description, List<String> aliases, Identity identity) {

    /** Which identity number a column holds. */
    public enum Identity { NONE, NIK, KK }

    public static ImportColumn required(String name, String description, String... aliases) {
        return new ImportColumn(name, true, description, List.of(aliases), Identity.NONE);
    }

    public static ImportColumn optional(String name, String description, String... aliases) {
        return new ImportColumn(name, false, description, List.of(aliases), Identity.NONE);
    }

    /** The same column, holding identity numbers of this kind. */
    public ImportColumn identity(Identity kind) {
        return new ImportColumn(name, required, description, aliases, kind);
    }

    /** Whether a file's header names this column: its name or an alias, ignoring case, spaces, dots and underscores. */
    boolean matches(String header) {
        String wanted = key(header);
        return Stream.concat(Stream.of(name), aliases.stream()).anyMatch(name -> key(name).equals(wanted));
    }

    static String key(String header) {
        String plain = Normalizer.normalize(header == null ? "" : header, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return plain.replaceAll("[^\\p{L}\\p{N}]", "");
    }
}
