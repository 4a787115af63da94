package id.terpadu.access;

/** The two identity numbers of the hub: a person's NIK and a family card's KK, 16 digits each. */
public enum IdentityKind {
    NIK, KK;

    /** The kind an identity field of the policy holds, by its name ({@code nik}, {@code kk}, {@code keepNik}). */
    static IdentityKind of(String field) {
        String name = field.toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith("nik")) {
            return NIK;
        }
        if (name.endsWith("kk")) {
            return KK;
        }
        throw new IllegalStateException("The identity field " + field + " holds neither a NIK nor a KK");
    }
}
