package id.terpadu.access;

import org.springframework.stereotype.Component;

/**
 * NIK and KK numbers that leave the hub outside a schema field (the pointer of a CONFLICT to the
 * record already registered), masked exactly as the policy masks {@code Member.nik} and
 * {@code Household.kk} for the caller.
 */
@Component
public class IdentityDisclosure {

    private final AccessPolicy policy;

    IdentityDisclosure(AccessPolicy policy) {
        this.policy = policy;
    }

    public String nik(Caller caller, String nik) {
        return policy.masks(caller, "Member", "nik") ? IdentityMasking.mask(nik) : nik;
    }

    public String kk(Caller caller, String kk) {
        return policy.masks(caller, "Household", "kk") ? IdentityMasking.mask(kk) : kk;
    }
}
