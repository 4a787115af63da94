package id.terpadu.desk;

import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The family's card: issued by UPT-PK of its household's cluster, printed credit-card size with a
 * QR code whose signed token any signed-in role (or the public check) verifies; reissued and the old
 * one revoked when the members change; forged, changed, expired and revoked tokens are not valid.
 */
class FamilyCardTest extends DeskTest {

    private static final String CARD_FIELDS = "id number version cluster { code } members { id } validFrom validUntil revokedAt "
            + "revokeReason qrToken replacedBy { number }";

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void aPrintedCardVerifiesUntilItIsRevoked() {
        Household family = poor(uniqueName(), "MELATI");
        Reply issued = issue("uptpk", Map.of("householdId", family.id()));
        assertThat(issued.errors()).as(issued.body()).isEmpty();
        String number = issued.data("issueCard.number");
        assertThat(number).startsWith("MELATI-");
        assertThat((List<String>) issued.data("issueCard.members[*].id")).containsExactlyInAnyOrder(family.head().id(), family.child().id());
        String token = issued.data("issueCard.qrToken");
        assertThat(token).doesNotContain(family.kk()).doesNotContain(family.head().nik());
        assertThat(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8))
                .isEqualTo(number + "|" + issued.data("issueCard.validUntil"));

        for (String role : List.of("dinkes", "bappeda", "admin", "desa-b")) {
            Reply scanned = ok(role, "query($token: String!) { verifyCard(token: $token) { valid cardType } }", "token", token);
            assertThat((Map<String, Object>) scanned.data("verifyCard")).as(role)
                    .isEqualTo(Map.of("valid", true, "cardType", "MELATI"));
        }
        Reply publicCheck = get("/public/cards/check?token=" + token);
        assertThat((Map<String, Object>) publicCheck.at("$")).isEqualTo(Map.of("valid", true, "cardType", "MELATI"));

        // printed: one credit-card-size page with the QR code, its back listing the members, in Indonesian
        byte[] pdf = Base64.getDecoder().decode((String) ok("uptpk", "query($id: ID!) { node(id: $id) { ... on FamilyCard { pdf } } }",
                "id", issued.data("issueCard.id")).data("node.pdf"));
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PdfReader reader = new PdfReader(pdf)) {
            assertThat(reader.getNumberOfPages()).isEqualTo(2);
            Rectangle size = reader.getPageSize(1);
            assertThat(size.getWidth()).isCloseTo(242.65f, within(0.5f));
            assertThat(size.getHeight()).isCloseTo(153.07f, within(0.5f));
            String front = new PdfTextExtractor(reader).getTextFromPage(1);
            assertThat(front).contains("KARTU MELATI").contains(number).contains("Berlaku").contains(family.kk());
            assertThat(new PdfTextExtractor(reader).getTextFromPage(2)).contains("Anggota keluarga");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        // the social office prints it too, with the KK masked as it sees KKs
        byte[] social = Base64.getDecoder().decode((String) ok("dinsos", "query($id: ID!) { node(id: $id) { ... on FamilyCard { pdf } } }",
                "id", issued.data("issueCard.id")).data("node.pdf"));
        try (PdfReader reader = new PdfReader(social)) {
            assertThat(new PdfTextExtractor(reader).getTextFromPage(1)).doesNotContain(family.kk()).contains(masked(family.kk()));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }

        Reply revoked = ok("uptpk", "mutation($input: RevokeCardInput!) { revokeCard(input: $input) { revokedAt revokeReason } }",
                "input", pairs("id", issued.data("issueCard.id"), "expectedVersion", 1, "reason", "Card reported lost"));
        assertThat((String) revoked.data("revokeCard.revokeReason")).isEqualTo("Card reported lost");
        assertThat((Map<String, Object>) ok("dinkes", "query($token: String!) { verifyCard(token: $token) { valid cardType } }",
                "token", token).data("verifyCard")).containsEntry("valid", false).containsEntry("cardType", null);
        assertThat((Map<String, Object>) get("/public/cards/check?token=" + token).at("$")).isEqualTo(Map.of("valid", false));
    }

    @Test
    void aChangeOfMembersReissuesTheCardAndRevokesTheOldOneWhichIsKept() {
        Household family = poor(uniqueName(), "MENUR");
        Reply first = issue("uptpk", Map.of("householdId", family.id()));
        String oldToken = first.data("issueCard.qrToken");
        Reply unchanged = issue("uptpk", Map.of("householdId", family.id()));
        assertThat(unchanged.classifications()).containsExactly("CONFLICT");
        assertThat(unchanged.fields()).containsExactly("input.reason");

        LocalDate born = LocalDate.of(2020, 2, 2);
        long version = ((Number) ok("uptpk", "query($id: ID!) { node(id: $id) { ... on Household { version } } }", "id", family.id())
                .data("node.version")).longValue();
        ok("uptpk", "mutation($input: AddMemberInput!) { addMember(input: $input) { id } }", "input", pairs(
                "householdId", family.id(), "expectedVersion", version, "member", pairs("nik", id.terpadu.TestIdentities.nik(false, born),
                        "name", "Komang Baru", "sex", "MALE", "birthDate", born, "relationship", "CHILD")));
        Reply second = issue("uptpk", Map.of("householdId", family.id()));
        assertThat(second.errors()).as(second.body()).isEmpty();
        assertThat((List<?>) second.data("issueCard.members")).hasSize(3);
        assertThat((Map<String, Object>) ok("dinkes", "query($token: String!) { verifyCard(token: $token) { valid } }",
                "token", oldToken).data("verifyCard")).containsEntry("valid", false);
        assertThat((Map<String, Object>) ok("dinkes", "query($token: String!) { verifyCard(token: $token) { valid cardType } }",
                "token", second.data("issueCard.qrToken")).data("verifyCard")).containsEntry("valid", true).containsEntry("cardType", "MENUR");

        Reply cards = ok("dinsos", "query($id: ID!) { node(id: $id) { ... on Household { cards { number revokedAt revokeReason "
                + "replacedBy { number } } } } }", "id", family.id());
        assertThat((List<String>) cards.data("node.cards[*].number"))
                .containsExactly(second.data("issueCard.number"), first.data("issueCard.number"));
        assertThat((String) cards.data("node.cards[1].revokeReason")).isEqualTo("Members changed.");
        assertThat((String) cards.data("node.cards[1].replacedBy.number")).isEqualTo(second.data("issueCard.number"));
        // the card's history is the household's
        assertThat((List<String>) ok("uptpk", "query($id: ID!) { node(id: $id) { ... on Household { history(first: 50) "
                + "{ edges { node { type } } } } } }", "id", family.id()).data("node.history.edges[*].node.type")).contains("FamilyCard");

        // only UPT-PK issues cards; the health office does not read them
        assertThat(issue("dinsos", Map.of("householdId", family.id())).classifications()).containsExactly("FORBIDDEN");
        assertThat(ask("dinkes", "query($id: ID!) { node(id: $id) { ... on Household { cards { number } } } }", "id", family.id())
                .errors()).isNotEmpty();
    }

    @Test
    void forgedChangedAndExpiredTokensAreNotValidAndNeverAnError() {
        Household family = poor(uniqueName(), "MELATI");
        Reply issued = issue("uptpk", Map.of("householdId", family.id()));
        String token = issued.data("issueCard.qrToken");
        String[] parts = token.split("\\.");
        String number = issued.data("issueCard.number");
        String longer = Base64.getUrlEncoder().withoutPadding().encodeToString((number + "|2099-12-31").getBytes(StandardCharsets.UTF_8));
        String forgedKey = "K1." + longer + "." + tag("K1." + longer, new byte[32]);
        List<String> forged = List.of(
                "", "not a token", "K1..", "K2." + parts[1] + "." + parts[2],
                // the validity stretched, the old tag kept
                "K1." + longer + "." + parts[2],
                // signed with another key
                forgedKey,
                token + "A", "K1." + parts[1] + "." + parts[2].substring(1),
                "x".repeat(900));
        for (String fake : forged) {
            Reply scanned = ask("dinkes", "query($token: String!) { verifyCard(token: $token) { valid cardType } }", "token", fake);
            assertThat(scanned.errors()).as(fake).isEmpty();
            assertThat((Map<String, Object>) scanned.data("verifyCard")).as(fake).containsEntry("valid", false).containsEntry("cardType", null);
        }

        // a genuine card past its last valid day
        clock.advance(Duration.ofDays(365L * 3));
        assertThat((Map<String, Object>) ok("dinkes", "query($token: String!) { verifyCard(token: $token) { valid cardType } }",
                "token", token).data("verifyCard")).containsEntry("valid", false).containsEntry("cardType", null);
        clock.reset();
        assertThat((Map<String, Object>) ok("dinkes", "query($token: String!) { verifyCard(token: $token) { valid } }",
                "token", token).data("verifyCard")).containsEntry("valid", true);
    }

    private Household poor(String name, String cluster) {
        Household family = household(APUAN, name);
        ok("uptpk", "mutation($input: AssignClusterInput!) { assignCluster(input: $input) { version } }",
                "input", pairs("householdId", family.id(), "expectedVersion", 1, "cluster", cluster, "reason", "Verified at the desk"));
        return family;
    }

    private Reply issue(String user, Map<String, Object> input) {
        return ask(user, "mutation($input: IssueCardInput!) { issueCard(input: $input) { " + CARD_FIELDS + " } }", "input", input);
    }

    private static String tag(String signed, byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
