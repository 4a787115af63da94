package id.terpadu.access;

import id.terpadu.error.Disclosable;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The one gate every value the hub discloses passes, whatever the path: the fields of answers (by
 * the caller's schema and the masking of identity fields), the old and new values of history and
 * the change feed, the values refusals carry. It asks the access policy whether the caller reads a
 * field, masks identity numbers for the roles that see them masked, and notes every whole number
 * that leaves (or that a caller who sees them masked looks up) in the request's identity reads.
 */
@Component
public class Disclosure {

    private final AccessPolicy policy;
    private final IdentityMask mask;

    Disclosure(AccessPolicy policy, MaskingKey key) {
        this.policy = policy;
        this.mask = new IdentityMask(key.bytes());
    }

    /** Whether the caller reads this field of this type. */
    public boolean reads(Caller caller, String type, String field) {
        return policy.canRead(caller, type, field);
    }

    /** Whether the caller reads benefits of this programme. */
    public boolean readsBenefitsOf(Caller caller, String programme) {
        return policy.readsBenefitsOf(caller, programme);
    }

    /** Whether this field is an identity number the caller sees masked. */
    public boolean masks(Caller caller, String type, String field) {
        return policy.masks(caller, type, field);
    }

    /**
     * A value of a field as it may leave the hub for the caller: empty when the caller may not read
     * the field; an identity number masked for a role that sees it masked, otherwise whole and noted
     * in the request's identity reads.
     */
    public Optional<Object> field(Caller caller, String type, String field, Object value, IdentityReads reads) {
        if (!reads(caller, type, field)) {
            return Optional.empty();
        }
        if (value instanceof String number && policy.maskedFields().contains(type + "." + field)) {
            return Optional.of(identity(caller, type, field, number, reads));
        }
        return Optional.ofNullable(value);
    }

    /**
     * An identity number of a field the caller reads: masked for a role that sees it masked, otherwise
     * whole and noted in the request's identity reads.
     */
    public String identity(Caller caller, String type, String field, String number, IdentityReads reads) {
        return identity(caller, type, field, number, null, reads);
    }

    /**
     * The same for a number read together with the id of the member or household it belongs to
     * ({@code holder}), which the identity-read log then need not look up.
     */
    public String identity(Caller caller, String type, String field, String number, Long holder, IdentityReads reads) {
        if (number == null) {
            return null;
        }
        if (policy.masks(caller, type, field)) {
            return mask.mask(number);
        }
        reads.add(new IdentityReads.Read(type + "." + field, IdentityKind.of(field), number, holder));
        return number;
    }

    /** The masked form of an identity number, as the roles that see it masked are shown it. */
    public String masked(String number) {
        return mask.mask(number);
    }

    /** Whether a refusal's value may be shown to the caller. */
    public boolean discloses(Caller caller, Disclosable disclosable) {
        return switch (disclosable) {
            case Disclosable.FieldValue value -> reads(caller, value.type(), value.field());
            case Disclosable.OfBenefit benefit -> readsBenefitsOf(caller, benefit.programme());
        };
    }

    /** A refusal's value as it may leave the hub for the caller; empty when it may not. */
    public Optional<Object> disclose(Caller caller, Disclosable disclosable, IdentityReads reads) {
        return switch (disclosable) {
            case Disclosable.FieldValue value -> field(caller, value.type(), value.field(), value.value(), reads);
            case Disclosable.OfBenefit benefit -> readsBenefitsOf(caller, benefit.programme())
                    ? Optional.ofNullable(benefit.value()) : Optional.empty();
        };
    }

    /**
     * A whole identity number the caller gave to look a record up with. For a role that sees such
     * numbers masked, the answer confirms a number it may not read: it is noted as a read, and
     * counted by the limits on such look-ups.
     */
    public void lookedUp(Caller caller, IdentityKind kind, String number, IdentityReads reads) {
        if (number != null && seesMasked(caller, kind)) {
            reads.add(new IdentityReads.Read(kind == IdentityKind.NIK ? "lookup by NIK" : "lookup by KK", kind, number));
        }
    }

    /** Whether the caller sees numbers of this kind masked (in every field that holds one). */
    public boolean seesMasked(Caller caller, IdentityKind kind) {
        return policy.maskedFields().stream()
                .filter(coordinate -> IdentityKind.of(coordinate.substring(coordinate.indexOf('.') + 1)) == kind)
                .anyMatch(coordinate -> {
                    String[] parts = coordinate.split("\\.");
                    return policy.masks(caller, parts[0], parts[1]);
                });
    }
}
