package id.terpadu.household;

import id.terpadu.HubTest;
import id.terpadu.TestIdentities;
import id.terpadu.access.Caller;
import id.terpadu.access.Disclosure;
import id.terpadu.access.IdentityReads;
import id.terpadu.db.codes.Relationship;
import id.terpadu.db.codes.Sex;
import id.terpadu.error.ConflictException;
import id.terpadu.error.Disclosable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pointer of a CONFLICT on a registered NIK, for a role that sees identity numbers masked:
 * no such role registers people today, so the check is asked directly, as that caller.
 */
class MemberRegistrationTest extends HubTest {

    @Autowired
    private MemberRegistration registration;

    @Autowired
    private Disclosure disclosure;

    @Test
    void socialOfficeWouldBePointedToThePersonWithNikAndKkMasked() {
        LocalDate born = TestIdentities.birthDate();
        String nik = TestIdentities.nik(true, born);
        String kk = TestIdentities.kk();
        String memberId = graphQl.document("""
                        mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { members { id } } }""")
                .variable("input", Map.of("kk", kk, "villageCode", TestIdentities.VILLAGE, "address", "Jalan Uji 1",
                        "members", List.of(Map.of("nik", nik, "name", "Ni Ketut Uji", "sex", "FEMALE",
                                "birthDate", born.toString(), "relationship", "HEAD"))))
                .execute()
                .path("registerHousehold.members[0].id").entity(String.class).get();
        Caller socialOffice = new Caller("dinsos-subject", "dinsos", "terpadu-cli", Set.of("dinsos"), null);
        IdentityReads reads = new IdentityReads(socialOffice, null);

        assertThatThrownBy(() -> registration.check(socialOffice,
                new NewMemberInput(nik, "Ketut Lain", Sex.FEMALE, born, Relationship.SPOUSE), "input.member"))
                .isInstanceOfSatisfying(ConflictException.class, conflict -> {
                    assertThat(conflict.field()).isEqualTo("input.member.nik");
                    assertThat(conflict.details()).containsEntry("existingId", memberId);
                    // what leaves the hub passes the gate: the numbers masked as the social office sees them
                    assertThat(disclosure.disclose(socialOffice, (Disclosable) conflict.details().get("existingNik"), reads))
                            .contains(masked(nik));
                    assertThat(disclosure.disclose(socialOffice, (Disclosable) conflict.details().get("existingKk"), reads))
                            .contains(masked(kk));
                });
    }
}
