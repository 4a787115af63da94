package id.terpadu;

import id.terpadu.db.codes.BenefitStatus;
import id.terpadu.db.codes.ChangeRequestState;
import id.terpadu.db.tables.records.BenefitRecord;
import id.terpadu.db.tables.records.ChangeRequestRecord;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.GraphQlResponse;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static id.terpadu.db.Tables.AUDIT_ENTRY;
import static id.terpadu.db.Tables.BENEFIT;
import static id.terpadu.db.Tables.CHANGE_REQUEST;
import static id.terpadu.db.Tables.CHANGE_REQUEST_ATTACHMENT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proposals and approvals with real tokens: a village proposes, the agency the policy names
 * approves, and the approval applies the change through the same rules as a direct write, checked
 * again at that moment.
 */
class ChangeRequestTest extends ChangeRequestApiTest {

    @Test
    void villageProposesBltDdWithTheMinutesAndTheSocialOfficeApprovesIt() throws Exception {
        Registered household = household();
        String id = proposeBenefit("desa", bltDd(household, "Musdes 12 January: the family lost its income"));

        byte[] minutes = pdf("Berita acara musyawarah desa " + token());
        EntityExchangeResult<String> uploaded = upload("desa", id, "berita-acara-musdes.pdf", minutes);
        assertThat(uploaded.getStatus().value()).as(uploaded.getResponseBody()).isEqualTo(201);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(minutes));
        assertThat(uploaded.getResponseBody()).contains("application/pdf").contains(sha256);

        // the social office's queue: pending BLT-DD requests, oldest first, with the due date and the minutes
        GraphQlTester.Response queue = call("dinsos", "query($region: String) { changeRequests(state: PENDING, kinds: [ENROL_BENEFIT], "
                + "region: $region, first: 100) { totalCount edges { node { " + REQUEST + " } } } }", "region", TestIdentities.VILLAGE);
        List<String> ids = queue.path("changeRequests.edges[*].node.id").entityList(String.class).get();
        assertThat(ids).contains(id);
        assertThat(ids).isSortedAccordingTo((a, b) -> Long.compare(requestRow(a).getId(), requestRow(b).getId()));
        String node = "changeRequests.edges[?(@.node.id == '" + id + "')].node";
        queue.path(node + ".programme.code").entityList(String.class).containsExactly("BLT_DD")
                .path(node + ".proposedBy.username").entityList(String.class).containsExactly("desa")
                .path(node + ".proposedBy.role").entityList(String.class).containsExactly("desa")
                .path(node + ".overdue").entityList(Boolean.class).containsExactly(false)
                .path(node + ".attachments[*].sha256").entityList(String.class).containsExactly(sha256)
                .path(node + ".attachments[*].contentType").entityList(String.class).containsExactly("application/pdf");
        OffsetDateTime due = OffsetDateTime.parse(queue.path(node + ".dueAt").entityList(String.class).get().getFirst());
        assertThat(due).isAfter(OffsetDateTime.now().plusDays(13));

        // nothing is enrolled until the decision
        assertThat(benefitsOf(household.kk(), "BLT_DD")).isEmpty();

        approve("dinsos", id, "Verified against the DTSEN list").execute()
                .path("approveChangeRequest.state").entity(String.class).isEqualTo("APPROVED")
                .path("approveChangeRequest.decidedBy.username").entity(String.class).isEqualTo("dinsos")
                .path("approveChangeRequest.decisionReason").entity(String.class).isEqualTo("Verified against the DTSEN list")
                .path("approveChangeRequest.applied").entity(String.class).satisfies(applied -> assertThat(applied).contains("BLT_DD"));

        List<BenefitRecord> enrolled = benefitsOf(household.kk(), "BLT_DD");
        assertThat(enrolled).singleElement().satisfies(benefit -> {
            assertThat(benefit.getStatus()).isEqualTo(BenefitStatus.ACTIVE);
            assertThat(benefit.getStartsOn()).isEqualTo(START);
            assertThat(benefit.getReason()).isEqualTo("Musdes 12 January: the family lost its income");
        });

        // the evidence is read by those who read the request, and by no one else
        EntityExchangeResult<byte[]> download = client().get().uri(uploaded.getResponseBody().replaceAll(".*\"url\":\"([^\"]+)\".*", "$1"))
                .header("Authorization", "Bearer " + Tokens.of("dinsos")).exchange().expectBody(byte[].class).returnResult();
        assertThat(download.getStatus().value()).isEqualTo(200);
        assertThat(download.getResponseBody()).isEqualTo(minutes);
        EntityExchangeResult<byte[]> refused = client().get().uri(uploaded.getResponseBody().replaceAll(".*\"url\":\"([^\"]+)\".*", "$1"))
                .header("Authorization", "Bearer " + Tokens.of("dinkes")).exchange().expectBody(byte[].class).returnResult();
        assertThat(refused.getStatus().value()).isEqualTo(404);

        // the audit trail: the proposal by the village, the decision and the enrolment by the social office
        ChangeRequestRecord row = requestRow(id);
        assertThat(dsl.select(AUDIT_ENTRY.OPERATION, AUDIT_ENTRY.USERNAME, AUDIT_ENTRY.ACTION).from(AUDIT_ENTRY)
                .where(AUDIT_ENTRY.ENTITY_TABLE.eq("change_request"), AUDIT_ENTRY.ENTITY_ID.eq(row.getId().toString()))
                .orderBy(AUDIT_ENTRY.ID).fetch().map(r -> r.value1() + " " + r.value2() + " " + r.value3()))
                .containsExactly("proposeBenefit desa INSERT", "approveChangeRequest dinsos UPDATE");
        assertThat(dsl.fetchCount(AUDIT_ENTRY, AUDIT_ENTRY.ENTITY_TABLE.eq("benefit")
                .and(AUDIT_ENTRY.ENTITY_ID.eq(enrolled.getFirst().getId().toString()))
                .and(AUDIT_ENTRY.OPERATION.eq("approveChangeRequest")).and(AUDIT_ENTRY.USERNAME.eq("dinsos")))).isEqualTo(1);

        // the household's history shows each step to the social office
        GraphQlTester.Response history = call("dinsos", "query($id: ID!) { node(id: $id) { ... on Household { history(first: 20) { "
                + "edges { node { type action operation actor { username } changes { field after } } } } } } }", "id", household.id());
        List<String> steps = history.path("node.history.edges[*].node.operation").entityList(String.class).get();
        assertThat(steps).contains("proposeBenefit", "approveChangeRequest");
        history.path("node.history.edges[?(@.node.type == 'ChangeRequest' && @.node.action == 'UPDATE')].node.changes[*].after")
                .entityList(String.class).contains("APPROVED");
        history.path("node.history.edges[?(@.node.type == 'Benefit')].node.actor.username").entityList(String.class).contains("dinsos");

        // and the change feed
        GraphQlTester.Response feed = call("dinsos", "{ changes(types: [\"ChangeRequest\"], first: 100, after: \""
                + cursorBefore(row) + "\") { edges { node { key action operation } } } }");
        feed.path("changes.edges[?(@.node.key == '" + row.getId() + "')].node.operation").entityList(String.class)
                .contains("proposeBenefit", "approveChangeRequest");
    }

    /** A change feed cursor just before the request's first audit entry. */
    private String cursorBefore(ChangeRequestRecord row) {
        Long position = dsl.select(AUDIT_ENTRY.POSITION).from(AUDIT_ENTRY)
                .where(AUDIT_ENTRY.ENTITY_TABLE.eq("change_request"), AUDIT_ENTRY.ENTITY_ID.eq(row.getId().toString()))
                .orderBy(AUDIT_ENTRY.POSITION).limit(1).fetchSingle().value1();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("Change:" + (position - 1)).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theProposerNeverDecidesItsOwnRequest() {
        Registered household = household();
        String id = proposeBenefit("dinsos", input("programme", "PKH", "householdId", household.id(), "startsOn", START,
                "reason", "Pregnant mother, decile 1"));

        ResponseError refusal = refusedWithoutWrites(approve("dinsos", id, "Looks fine"), "FORBIDDEN", "id");
        assertThat(refusal.getMessage()).contains("Four eyes");
        refusedWithoutWrites(request("dinsos", "mutation($id: ID!) { rejectChangeRequest(id: $id, reason: \"No\") { id } }",
                "id", id), "FORBIDDEN", "id");
        assertThat(requestRow(id).getState()).isEqualTo(ChangeRequestState.PENDING);
        assertThat(benefitsOf(household.kk(), "PKH")).isEmpty();

        // an agency that does not decide PKH may not approve it either
        refusedWithoutWrites(approve("dinkes", id, "Not mine"), "NOT_FOUND", "id");
    }

    @Test
    void anApprovalFailsWhenAConflictingEnrolmentLandedAfterTheProposalAndTheRequestStaysPending() {
        Registered household = household();
        String id = proposeBenefit("desa", bltDd(household, "Musdes: no other aid"));
        assertThat(requestRow(id).getWarnings()).isEmpty();

        // a pending proposal blocks no approved enrolment: PKH lands after it
        graphQl.documentName("enrolBenefit").variable("input", input("programme", "PKH", "kk", household.kk(),
                "startsOn", START, "status", "ACTIVE", "reason", "DTSEN decile 1")).execute()
                .path("enrolBenefit.status").entity(String.class).isEqualTo("ACTIVE");

        ResponseError refusal = refusedWithoutWrites(approve("dinsos", id, "Approved at the desk"), "CONFLICT", "id");
        assertThat(refusal.getMessage()).contains("cannot be applied now").contains("BLT_DD_NOT_WITH_PKH");
        assertThat(requestRow(id).getState()).isEqualTo(ChangeRequestState.PENDING);
        assertThat(benefitsOf(household.kk(), "BLT_DD")).isEmpty();

        // proposing it again now warns, and still stores the proposal for the decision
        String again = call("desa", "mutation($input: ProposeBenefitInput!) { proposeBenefit(input: $input) { id state warnings } }",
                "input", bltDd(household, "Musdes again")).path("proposeBenefit.warnings[0]").entity(String.class)
                .satisfies(warning -> assertThat(warning).contains("BLT_DD_NOT_WITH_PKH"))
                .path("proposeBenefit.id").entity(String.class).get();
        assertThat(requestRow(again).getState()).isEqualTo(ChangeRequestState.PENDING);
    }

    @Test
    void aProposedBenefitDoesNotBlockAnApprovedEnrolment() {
        Registered household = household();
        graphQl.documentName("enrolBenefit").variable("input", input("programme", "BLT_DD", "kk", household.kk(),
                "startsOn", START, "status", "PROPOSED", "reason", "Village list")).execute()
                .path("enrolBenefit.status").entity(String.class).isEqualTo("PROPOSED");

        graphQl.documentName("enrolBenefit").variable("input", input("programme", "PKH", "kk", household.kk(),
                "startsOn", START, "status", "ACTIVE", "reason", "DTSEN decile 1")).execute()
                .path("enrolBenefit.status").entity(String.class).isEqualTo("ACTIVE");
    }

    @Test
    void twoConflictingApprovalsAtOnceOneWinsAndNothingIsHalfApplied() throws Exception {
        Registered household = household();
        String bltDd = proposeBenefit("desa", bltDd(household, "Musdes"));
        String pkh = proposeBenefit("uptpk", input("programme", "PKH", "householdId", household.id(), "startsOn", START,
                "reason", "Decile 1"));

        // the approver sees that the two are about the same household
        call("dinsos", "query($region: String) { changeRequests(state: PENDING, region: $region, first: 100) { edges { node { id conflicts { id } } } } }",
                "region", TestIdentities.VILLAGE)
                .path("changeRequests.edges[?(@.node.id == '" + bltDd + "')].node.conflicts[*].id").entityList(String.class).containsExactly(pkh);

        List<GraphQlResponse> responses = Race.of(List.of(approve("dinsos", bltDd, "Approved"), approve("dinsos", pkh, "Approved")));

        long won = responses.stream().filter(response -> response.getErrors().isEmpty()).count();
        assertThat(won).as("%s", responses).isEqualTo(1);
        GraphQlResponse lost = responses.stream().filter(response -> !response.getErrors().isEmpty()).findFirst().orElseThrow();
        assertThat(lost.getErrors().getFirst().getExtensions()).containsEntry("classification", "CONFLICT").containsEntry("field", "id");
        assertThat(List.of(requestRow(bltDd).getState(), requestRow(pkh).getState()))
                .containsExactlyInAnyOrder(ChangeRequestState.APPROVED, ChangeRequestState.PENDING);
        assertThat(benefitsOf(household.kk(), "BLT_DD").size() + benefitsOf(household.kk(), "PKH").size()).isEqualTo(1);
    }

    @Test
    void twoApprovalsOfOneRequestAtOnceApplyItOnce() throws Exception {
        Registered household = household();
        String id = proposeBenefit("desa", bltDd(household, "Musdes"));

        List<GraphQlResponse> responses = Race.of(2, clerk -> approve("dinsos", id, "Approved " + clerk));

        assertThat(responses.stream().filter(response -> response.getErrors().isEmpty()).count()).isEqualTo(1);
        assertThat(benefitsOf(household.kk(), "BLT_DD")).hasSize(1);
    }

    @Test
    void aProposerOutsideItsRegionFindsNothingToProposeFor() {
        Registered household = household();
        // desa-b works in Langgahan: the Apuan household does not exist for it
        refusedWithoutWrites(request("desa-b", "mutation($input: ProposeBenefitInput!) { proposeBenefit(input: $input) { id } }",
                "input", bltDd(household, "Musdes")), "NOT_FOUND", "input.householdId");
        Family elsewhere = Family.of(TestIdentities.VILLAGE, token());
        refusedWithoutWrites(request("desa-b", "mutation($input: ProposeRegistrationInput!) { proposeRegistration(input: $input) { id } }",
                "input", Map.of("household", elsewhere.input(), "reason", "Musdes")), "FORBIDDEN", "input.household.villageCode");
        // and desa-b's queue holds no Apuan request
        String id = proposeBenefit("desa", bltDd(household, "Musdes"));
        call("desa-b", "{ changeRequests(first: 100) { edges { node { id } } } }")
                .path("changeRequests.edges[*].node.id").entityList(String.class).doesNotContain(id);
    }

    @Test
    void aWrongOrOversizedAttachmentIsRefusedAndNothingIsStored() {
        Registered household = household();
        String id = proposeBenefit("desa", bltDd(household, "Musdes"));
        int before = dsl.fetchCount(CHANGE_REQUEST_ATTACHMENT);

        EntityExchangeResult<String> text = upload("desa", id, "berita-acara.pdf", "just a text file, not a PDF".getBytes(StandardCharsets.UTF_8));
        assertThat(text.getStatus().value()).isEqualTo(400);
        assertThat(text.getResponseBody()).contains("\"classification\":\"BAD_REQUEST\"").contains("\"field\":\"file\"")
                .contains("PDF, JPEG or PNG");

        byte[] huge = new byte[6 * 1024 * 1024];
        System.arraycopy(pdf("big").clone(), 0, huge, 0, 9);
        EntityExchangeResult<String> oversized = upload("desa", id, "scan.pdf", huge);
        assertThat(oversized.getStatus().value()).isEqualTo(400);
        assertThat(oversized.getResponseBody()).contains("larger than");

        // a file sent as a form (curl's --data-binary without a type) is told how to send it
        EntityExchangeResult<String> form = client().post().uri("/change-requests/{id}/attachments?fileName=x.pdf", id)
                .header("Authorization", "Bearer " + Tokens.of("desa"))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue(pdf("as a form"))
                .exchange().expectBody(String.class).returnResult();
        assertThat(form.getStatus().value()).isEqualTo(415);
        assertThat(form.getResponseBody()).contains("\"field\":\"file\"").contains("not as a form");

        EntityExchangeResult<String> outsider = upload("desa-b", id, "berita-acara.pdf", pdf("other village"));
        assertThat(outsider.getStatus().value()).isEqualTo(404);
        assertThat(dsl.fetchCount(CHANGE_REQUEST_ATTACHMENT)).isEqualTo(before);

        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
        EntityExchangeResult<String> photo = upload("desa", id, "kk.jpg", png);
        assertThat(photo.getStatus().value()).isEqualTo(201);
        assertThat(photo.getResponseBody()).contains("image/png");
    }

    @Test
    void rejectedAndWithdrawnRequestsApplyNothing() {
        Registered household = household();
        String rejected = proposeBenefit("desa", bltDd(household, "Musdes"));
        call("dinsos", "mutation($id: ID!) { rejectChangeRequest(id: $id, reason: \"Decile 9\") { state decisionReason } }", "id", rejected)
                .path("rejectChangeRequest.state").entity(String.class).isEqualTo("REJECTED");
        refusedWithoutWrites(approve("dinsos", rejected, "Changed my mind"), "CONFLICT", "id");

        String withdrawn = proposeBenefit("desa", bltDd(household, "Musdes"));
        refusedWithoutWrites(request("desa-a", "mutation($id: ID!) { withdrawChangeRequest(id: $id, reason: \"Mistake\") { state } }",
                "id", withdrawn), "FORBIDDEN", "id");
        call("desa", "mutation($id: ID!) { withdrawChangeRequest(id: $id, reason: \"Typed twice\") { state } }", "id", withdrawn)
                .path("withdrawChangeRequest.state").entity(String.class).isEqualTo("WITHDRAWN");
        assertThat(benefitsOf(household.kk(), "BLT_DD")).isEmpty();
    }

    @Test
    void overdueRequestsAreFlaggedAndCounted() {
        Registered household = household();
        String id = proposeBenefit("desa", bltDd(household, "Musdes"));
        dsl.update(CHANGE_REQUEST).set(CHANGE_REQUEST.DUE_AT, OffsetDateTime.now().minusHours(1))
                .where(CHANGE_REQUEST.ID.eq(requestRow(id).getId())).execute();

        call("dinsos", "query($region: String) { changeRequests(state: PENDING, region: $region, first: 100) { edges { node { id overdue } } } }",
                "region", TestIdentities.VILLAGE)
                .path("changeRequests.edges[?(@.node.id == '" + id + "')].node.overdue").entityList(Boolean.class).containsExactly(true);
        call("dinsos", "{ changeRequestCounts { kind state count overdue } }")
                .path("changeRequestCounts[?(@.kind == 'ENROL_BENEFIT' && @.state == 'PENDING')].overdue")
                .entityList(Integer.class).satisfies(overdue -> assertThat(overdue.getFirst()).isPositive());
    }

    @Test
    void thePlanningOfficeSeesNoChangeRequests() {
        call("bappeda", "{ changeRequests { totalCount } }").errors().satisfy(errors ->
                assertThat(errors).singleElement().satisfies(error -> assertThat(error.getErrorType().toString()).isEqualTo("ValidationError")));
    }
}
