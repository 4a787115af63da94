package id.terpadu.desk;

import id.terpadu.TestIdentities;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * With real tokens: a data correction and a missed family at the desk open the matching change
 * request instead of writing the change; the service request shows it and is resolved by its
 * decision (or goes back to the desk when it is withdrawn).
 */
class DeskChangeRequestTest extends DeskTest {

    private static final String LINKED_FIELDS = REQUEST_FIELDS + " household { id } "
            + "changeRequest { id kind state ownData dueAt summary proposedBy { username } }";

    @Test
    void aPersonsCorrectionOfTheirOwnDataOpensAnIdentityCorrectionDueIn72HoursAndItsApprovalResolvesTheRequest() {
        String name = uniqueName();
        Household family = household(APUAN, name);
        String id = open("desa", pairs("kind", "DATA_CORRECTION", "memberId", family.head().id(), "reporterMemberId", family.head().id(),
                "description", "My name is misspelt on the register.")).data("openServiceRequest.id");

        Reply proposed = propose("desa", pairs("id", id, "expectedVersion", 1,
                "correction", pairs("name", "Wayan " + name + " Putra"), "reason", "KTP shows the full name."));
        assertThat(proposed.errors()).as(proposed.body()).isEmpty();
        assertThat((String) proposed.data("proposeServiceRequestChange.state")).isEqualTo("OPEN");
        assertThat((String) proposed.data("proposeServiceRequestChange.changeRequest.kind")).isEqualTo("CORRECT_IDENTITY");
        assertThat((String) proposed.data("proposeServiceRequestChange.changeRequest.state")).isEqualTo("PENDING");
        assertThat((Boolean) proposed.data("proposeServiceRequestChange.changeRequest.ownData")).isTrue();
        assertThat(OffsetDateTime.parse(proposed.data("proposeServiceRequestChange.changeRequest.dueAt")))
                .isCloseTo(OffsetDateTime.now(ZoneOffset.UTC).plusHours(72), within(Duration.ofMinutes(2)));
        String change = proposed.data("proposeServiceRequestChange.changeRequest.id");
        assertThat((List<String>) proposed.data("proposeServiceRequestChange.steps[*].step")).containsExactly("OPENED", "CHANGE_PROPOSED");
        assertThat((List<String>) proposed.data("proposeServiceRequestChange.steps[*].note")).contains(change);
        // the desk wrote nothing: the name is as before until UPT-PK decides
        assertThat(memberName(family.head().id())).isEqualTo("Wayan " + name);

        // one change request per request at a time
        Reply again = propose("desa", pairs("id", id, "expectedVersion", version(proposed, "proposeServiceRequestChange"),
                "correction", pairs("name", "Wayan"), "reason", "Again."));
        assertThat(again.classifications()).containsExactly("CONFLICT");
        assertThat(again.fields()).containsExactly("input.id");

        // nor is it referred to an agency while the change request waits
        Reply referred = step("desa", "referServiceRequest", pairs("id", id, "expectedVersion",
                version(proposed, "proposeServiceRequestChange"), "agency", "DINSOS"));
        assertThat(referred.classifications()).containsExactly("CONFLICT");

        ok("uptpk", "mutation($id: ID!, $reason: String!) { approveChangeRequest(id: $id, reason: $reason) { state } }",
                "id", change, "reason", "KTP checked.");
        assertThat(memberName(family.head().id())).isEqualTo("Wayan " + name + " Putra");
        Reply resolved = request("desa", id);
        assertThat((String) resolved.data("serviceRequest.state")).isEqualTo("RESOLVED");
        assertThat((String) resolved.data("serviceRequest.outcome")).isEqualTo("CORRECTED");
        assertThat((String) resolved.data("serviceRequest.outcomeNote")).contains(change, "approved", "KTP checked.");
        assertThat((String) resolved.data("serviceRequest.changeRequest.state")).isEqualTo("APPROVED");
        assertThat((List<String>) resolved.data("serviceRequest.steps[*].step")).containsExactly("OPENED", "CHANGE_PROPOSED", "RESOLVED");
        assertThat((List<String>) resolved.data("serviceRequest.steps[*].actor")).last().isEqualTo("uptpk");
    }

    @Test
    void aCorrectionAskedBySomeoneElseIsNotOwnDataAndARejectionResolvesItAsNotEligible() {
        Household family = household(APUAN, uniqueName());
        String id = open("desa", pairs("kind", "DATA_CORRECTION", "memberId", family.child().id(), "reporterMemberId", family.head().id(),
                "description", "The child's birth date is wrong.")).data("openServiceRequest.id");
        // the correction is checked as any proposal is: a birth date the NIK contradicts is refused, named in this input
        Reply contradicted = propose("desa", pairs("id", id, "expectedVersion", 1,
                "correction", pairs("birthDate", family.child().birthDate().plusDays(1)), "reason", "Akta kelahiran."));
        assertThat(contradicted.classifications()).containsExactly("BAD_REQUEST");
        assertThat(contradicted.fields()).containsExactly("input.correction.birthDate");

        Reply proposed = propose("desa", pairs("id", id, "expectedVersion", 1,
                "correction", pairs("name", "Putu Ayu"), "reason", "Akta kelahiran."));
        assertThat(proposed.errors()).as(proposed.body()).isEmpty();
        assertThat((Boolean) proposed.data("proposeServiceRequestChange.changeRequest.ownData")).isFalse();
        String change = proposed.data("proposeServiceRequestChange.changeRequest.id");

        ok("uptpk", "mutation($id: ID!, $reason: String!) { rejectChangeRequest(id: $id, reason: $reason) { state } }",
                "id", change, "reason", "The birth certificate shows the registered date.");
        Reply resolved = request("uptpk", id);
        assertThat((String) resolved.data("serviceRequest.state")).isEqualTo("RESOLVED");
        assertThat((String) resolved.data("serviceRequest.outcome")).isEqualTo("NOT_ELIGIBLE");
        assertThat((String) resolved.data("serviceRequest.outcomeNote")).contains("rejected", "registered date");
    }

    @Test
    void aMissedFamilyOpensAHouseholdRegistrationWhoseApprovalLinksTheNewHouseholdAndFoundsTheComplaint() {
        String name = uniqueName();
        String reporterNik = TestIdentities.nik(false, LocalDate.of(1975, 3, 4));
        String id = open("desa", pairs("kind", "EXCLUSION_ERROR", "reporterNik", reporterNik, "reporterName", "Made " + name,
                "reporterBirthDate", LocalDate.of(1975, 3, 4), "description", "The family next door was missed.")).data("openServiceRequest.id");

        Reply proposed = propose("desa", pairs("id", id, "expectedVersion", 1, "household", missedHousehold(name),
                "reason", "Musdes found the family poor."));
        assertThat(proposed.errors()).as(proposed.body()).isEmpty();
        assertThat((String) proposed.data("proposeServiceRequestChange.changeRequest.kind")).isEqualTo("REGISTER_HOUSEHOLD");
        String change = proposed.data("proposeServiceRequestChange.changeRequest.id");
        assertThat((Object) proposed.data("proposeServiceRequestChange.household")).isNull();

        Reply approved = ok("uptpk", "mutation($id: ID!, $reason: String!) { approveChangeRequest(id: $id, reason: $reason) { household { id } } }",
                "id", change, "reason", "Verified.");
        String household = approved.data("approveChangeRequest.household.id");
        Reply resolved = request("desa", id);
        assertThat((String) resolved.data("serviceRequest.state")).isEqualTo("RESOLVED");
        assertThat((String) resolved.data("serviceRequest.outcome")).isEqualTo("FOUNDED");
        assertThat((String) resolved.data("serviceRequest.household.id")).isEqualTo(household);
    }

    @Test
    void aWithdrawnChangeRequestLeavesTheRequestOpenAtTheDeskFreeForAnother() {
        String name = uniqueName();
        String id = open("desa", pairs("kind", "EXCLUSION_ERROR", "reporterNik", TestIdentities.nik(true, LocalDate.of(1980, 5, 6)),
                "reporterName", "Ni " + name, "reporterBirthDate", LocalDate.of(1980, 5, 6),
                "description", "A widow's family was missed.")).data("openServiceRequest.id");
        Reply proposed = propose("desa", pairs("id", id, "expectedVersion", 1, "household", missedHousehold(name), "reason", "Musdes."));
        assertThat(proposed.errors()).as(proposed.body()).isEmpty();
        String change = proposed.data("proposeServiceRequestChange.changeRequest.id");

        ok("desa", "mutation($id: ID!, $reason: String!) { withdrawChangeRequest(id: $id, reason: $reason) { state } }",
                "id", change, "reason", "The KK number was wrong.");
        Reply open = request("desa", id);
        assertThat((String) open.data("serviceRequest.state")).isEqualTo("OPEN");
        assertThat((Object) open.data("serviceRequest.changeRequest")).isNull();
        assertThat((List<String>) open.data("serviceRequest.steps[*].step")).containsExactly("OPENED", "CHANGE_PROPOSED", "CHANGE_WITHDRAWN");

        Reply again = propose("desa", pairs("id", id, "expectedVersion", ((Number) open.data("serviceRequest.version")).longValue(),
                "household", missedHousehold(name), "reason", "Musdes, with the right KK."));
        assertThat(again.errors()).as(again.body()).isEmpty();
        assertThat((String) again.data("proposeServiceRequestChange.changeRequest.state")).isEqualTo("PENDING");
    }

    @Test
    void aRequestWaitingOnItsPendingChangeRequestIsNotResolvedByHandUntilTheChangeRequestIsWithdrawn() {
        String name = uniqueName();
        String id = open("desa", pairs("kind", "EXCLUSION_ERROR", "reporterNik", TestIdentities.nik(false, LocalDate.of(1978, 9, 10)),
                "reporterName", "Komang " + name, "reporterBirthDate", LocalDate.of(1978, 9, 10),
                "description", "A family at the end of the lane was missed.")).data("openServiceRequest.id");
        Reply proposed = propose("desa", pairs("id", id, "expectedVersion", 1, "household", missedHousehold(name), "reason", "Musdes."));
        assertThat(proposed.errors()).as(proposed.body()).isEmpty();
        String change = proposed.data("proposeServiceRequestChange.changeRequest.id");
        long version = version(proposed, "proposeServiceRequestChange");

        // the desk that took it and UPT-PK's desk alike: the decision on the change request resolves it
        for (String desk : List.of("desa", "uptpk")) {
            Reply refused = step(desk, "resolveServiceRequest", pairs("id", id, "expectedVersion", version,
                    "outcome", "UNFOUNDED", "note", "Closed at the desk."));
            assertThat(refused.classifications()).as(refused.body()).containsExactly("CONFLICT");
            assertThat(refused.fields()).containsExactly("input.id");
            assertThat((List<String>) refused.at("$.errors[*].message")).singleElement().asString()
                    .contains(change, "decision", "Withdraw");
        }
        Reply waiting = request("desa", id);
        assertThat((String) waiting.data("serviceRequest.state")).isEqualTo("OPEN");
        assertThat((Object) waiting.data("serviceRequest.outcome")).isNull();
        assertThat((String) waiting.data("serviceRequest.changeRequest.state")).isEqualTo("PENDING");
        assertThat((List<String>) waiting.data("serviceRequest.steps[*].step")).containsExactly("OPENED", "CHANGE_PROPOSED");
        assertThat(((Number) waiting.data("serviceRequest.version")).longValue()).isEqualTo(version);

        // withdrawn, the request is the desk's again and may be resolved by hand
        ok("desa", "mutation($id: ID!, $reason: String!) { withdrawChangeRequest(id: $id, reason: $reason) { state } }",
                "id", change, "reason", "The family moved away before the meeting.");
        Reply open = request("desa", id);
        Reply resolved = step("desa", "resolveServiceRequest", pairs("id", id,
                "expectedVersion", ((Number) open.data("serviceRequest.version")).longValue(),
                "outcome", "UNFOUNDED", "note", "The family moved away."));
        assertThat(resolved.errors()).as(resolved.body()).isEmpty();
        assertThat((String) resolved.data("resolveServiceRequest.state")).isEqualTo("RESOLVED");
        assertThat((String) resolved.data("resolveServiceRequest.outcome")).isEqualTo("UNFOUNDED");
    }

    @Test
    void onlyACorrectionOrAMissedFamilyOpensAChangeRequestWithItsOwnInputAndNothingIsWrittenOtherwise() {
        Household family = household(APUAN, uniqueName());
        String food = open("desa", pairs("kind", "FOOD_AID", "householdId", family.id(), "reporterMemberId", family.head().id(),
                "description", "Rice aid.")).data("openServiceRequest.id");
        Reply wrongKind = propose("desa", pairs("id", food, "expectedVersion", 1, "correction", pairs("name", "X"), "reason", "No."));
        assertThat(wrongKind.classifications()).containsExactly("BAD_REQUEST");
        assertThat(wrongKind.fields()).containsExactly("input.id");

        String correction = open("desa", pairs("kind", "DATA_CORRECTION", "memberId", family.child().id(),
                "reporterMemberId", family.head().id(), "description", "Wrong sex.")).data("openServiceRequest.id");
        Reply noValues = propose("desa", pairs("id", correction, "expectedVersion", 1, "household", missedHousehold("x"), "reason", "No."));
        assertThat(noValues.classifications()).containsExactly("BAD_REQUEST");
        assertThat(noValues.fields()).containsExactly("input.household");
        Reply office = propose("dinkes", pairs("id", correction, "expectedVersion", 1, "correction", pairs("sex", "MALE"), "reason", "No."));
        assertThat(office.classifications()).containsExactly("FORBIDDEN");
        // another village's operator does not see the request at all
        Reply otherVillage = propose("desa-b", pairs("id", correction, "expectedVersion", 1, "correction", pairs("sex", "MALE"), "reason", "No."));
        assertThat(otherVillage.classifications()).containsExactly("NOT_FOUND");
        Reply unchanged = request("desa", correction);
        assertThat(((Number) unchanged.data("serviceRequest.version")).longValue()).isEqualTo(1);
        assertThat((Object) unchanged.data("serviceRequest.changeRequest")).isNull();
    }

    private Map<String, Object> missedHousehold(String name) {
        LocalDate birth = LocalDate.of(1970, 2, 3);
        return pairs("kk", TestIdentities.kk(), "villageCode", APUAN, "address", "Jalan " + name + " 9", "rt", "003", "rw", "001",
                "members", List.of(pairs("nik", TestIdentities.nik(false, birth), "name", "Ketut " + name, "sex", "MALE",
                        "birthDate", birth, "relationship", "HEAD")));
    }

    private Reply propose(String user, Map<String, Object> input) {
        return ask(user, "mutation($input: ProposeServiceRequestChangeInput!) { proposeServiceRequestChange(input: $input) { "
                + LINKED_FIELDS + " } }", "input", input);
    }

    private Reply request(String user, String id) {
        return ok(user, "query($id: ID!) { serviceRequest(id: $id) { " + LINKED_FIELDS + " } }", "id", id);
    }

    private String memberName(String memberId) {
        return ok("uptpk", "query($id: ID!) { node(id: $id) { ... on Member { name } } }", "id", memberId).data("node.name");
    }
}
