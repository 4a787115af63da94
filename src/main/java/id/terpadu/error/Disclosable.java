package id.terpadu.error;

/**
 * A value that a refusal carries and that not every caller may read: the hub shows it to a caller
 * only as far as the access policy lets that caller read it, and otherwise leaves it out (or says
 * less, see {@link HubException#revealing}).
 */
public sealed interface Disclosable {

    /**
     * A value of a field of the schema ({@code SocialFacet.decile}, {@code Member.nik}): shown to
     * the roles that read the field, an identity number masked as those roles see it.
     */
    record FieldValue(String type, String field, Object value) implements Disclosable {
    }

    /** A value about a benefit (its global ID): shown to the roles that read benefits of its programme. */
    record OfBenefit(String programme, Object value) implements Disclosable {
    }
}
