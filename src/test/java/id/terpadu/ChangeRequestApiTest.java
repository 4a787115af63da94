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

/** Helpers to propose, approve and inspect change requests through the API, with real tokens. */
abstract class ChangeRequestApiTest extends ApiTest {

    static final String REQUEST = """
            id kind state summary reason warnings ownData dueAt overdue applied decisionReason version
            programme { code } household { id } member { id } village { code }
            proposedBy { username role region } decidedBy { username role }
            attachments { id fileName contentType size sha256 url }
            """;
    static final LocalDate START = LocalDate.of(2026, 1, 1);

    GraphQlTester.Response call(String user, String document, Object... variables) {
        GraphQlTester.Request<?> request = as(user).document(document);
        for (int i = 0; i < variables.length; i += 2) {
            request = request.variable((String) variables[i], variables[i + 1]);
        }
        return request.execute();
    }

    GraphQlTester.Request<?> request(String user, String document, Object... variables) {
        GraphQlTester.Request<?> request = as(user).document(document);
        for (int i = 0; i < variables.length; i += 2) {
            request = request.variable((String) variables[i], variables[i + 1]);
        }
        return request;
    }

    String proposeBenefit(String user, Map<String, Object> input) {
        return call(user, "mutation($input: ProposeBenefitInput!) { proposeBenefit(input: $input) { id state } }",
                "input", input).path("proposeBenefit.state").entity(String.class).isEqualTo("PENDING")
                .path("proposeBenefit.id").entity(String.class).get();
    }

    GraphQlTester.Request<?> approve(String user, String id, String reason) {
        return request(user, "mutation($id: ID!, $reason: String!) { approveChangeRequest(id: $id, reason: $reason) { "
                + REQUEST + " } }", "id", id, "reason", reason);
    }

    ChangeRequestRecord requestRow(String id) {
        long key = Long.parseLong(new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8).split(":")[1]);
        return dsl.selectFrom(CHANGE_REQUEST).where(CHANGE_REQUEST.ID.eq(key)).fetchSingle();
    }

    Registered household() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        Registered registered = register(family);
        EligibleHouseholds.qualify(dsl, family.kk(), null);
        return registered;
    }

    List<BenefitRecord> benefitsOf(String kk, String programme) {
        return dsl.selectFrom(BENEFIT).where(BENEFIT.HOUSEHOLD_ID.eq(householdRow(kk).getId()), BENEFIT.PROGRAMME_CODE.eq(programme)).fetch();
    }

    Map<String, Object> bltDd(Registered household, String reason) {
        return input("programme", "BLT_DD", "householdId", household.id(), "startsOn", START, "endsOn", START.plusMonths(11),
                "amount", 300_000, "reason", reason);
    }

    /** Uploads a file as evidence, with the user's bearer token. */
    EntityExchangeResult<String> upload(String user, String requestId, String fileName, byte[] content) {
        return client().post().uri("/change-requests/{id}/attachments?fileName={name}", requestId, fileName)
                .header("Authorization", "Bearer " + Tokens.of(user))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(content)
                .exchange().expectBody(String.class).returnResult();
    }

    WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30)).build();
    }

    static byte[] pdf(String text) {
        return ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% " + text + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
    }

}
