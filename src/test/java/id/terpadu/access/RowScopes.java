package id.terpadu.access;

/** The row scope of a policy, for repository tests outside this package (the hub makes it as a bean). */
public final class RowScopes {

    private RowScopes() {
    }

    public static RowScope of(AccessPolicy policy) {
        return new RowScope(policy);
    }
}
