package id.terpadu.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import id.terpadu.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Keycloak realm in {@code keycloak/} and the access policy name the same roles, every role
 * has its demo user, and the village operators' tokens carry the region of their own village:
 * a role added to one and not the other fails here, not in production.
 */
class RealmPolicyDriftTest {

    private static final Path REALM = Path.of("keycloak/terpadu-realm.json");
    private static final Path REGIONS = Path.of("db/data/regions-kepmendagri-2025.csv");
    private static final PolicyFile POLICY = PolicyFile.read();

    @Test
    void realmExportAndPolicyNameTheSameRoles() throws IOException {
        Set<String> realmRoles = StreamSupport.stream(realm().path("roles").path("realm").spliterator(), false)
                .map(role -> role.path("name").asText())
                .collect(Collectors.toSet());
        assertThat(realmRoles).containsExactlyInAnyOrderElementsOf(POLICY.roles());
    }

    @Test
    void everyPolicyRoleHasADemoUserOfItsName() throws IOException {
        Map<String, List<String>> usersRoles = StreamSupport.stream(realm().path("users").spliterator(), false)
                .collect(Collectors.toMap(user -> user.path("username").asText(), user ->
                        StreamSupport.stream(user.path("realmRoles").spliterator(), false).map(JsonNode::asText).toList()));
        for (String role : POLICY.roles()) {
            assertThat(usersRoles).as("demo user %s", role).containsKey(role);
            assertThat(usersRoles.get(role)).as("roles of demo user %s", role).containsExactly(role);
        }
        assertThat(usersRoles.get("desa-a")).containsExactly("desa");
        assertThat(usersRoles.get("desa-b")).containsExactly("desa");
    }

    @ParameterizedTest
    @MethodSource("policyRoles")
    void demoUserOfEachRoleGetsATokenWithThatRoleOnly(String role) throws ParseException {
        Set<String> policyRolesInToken = realmRoles(claims(Tokens.of(role))).stream()
                .filter(POLICY.roles()::contains)
                .collect(Collectors.toSet());
        assertThat(policyRolesInToken).containsExactly(role);
    }

    @Test
    void villageOperatorsTokensCarryTwoDifferentVillagesOfBangli() throws Exception {
        String regionA = claims(Tokens.of("desa-a")).getStringClaim("region");
        String regionB = claims(Tokens.of("desa-b")).getStringClaim("region");
        assertThat(regionA).isEqualTo(AccessTest.APUAN);
        assertThat(regionB).isEqualTo(AccessTest.LANGGAHAN);
        assertThat(regionA).isNotEqualTo(regionB);
        Map<String, String> villages = bangliVillages();
        assertThat(villages).containsKeys(regionA, regionB);
        assertThat(villages.get(regionA)).isEqualTo("Apuan");
        assertThat(villages.get(regionB)).isEqualTo("Langgahan");
        assertThat(realmRoles(claims(Tokens.of("desa-b")))).contains("desa");
    }

    @Test
    void healthInsurersServiceAccountActsAsTheHealthOfficeInTheRegency() throws Exception {
        JWTClaimsSet claims = claims(Tokens.of(Tokens.SERVICE_ACCOUNT));
        assertThat(claims.getStringClaim("azp")).isEqualTo("bpjs-sync");
        assertThat(realmRoles(claims).stream().filter(POLICY.roles()::contains)).containsExactly("dinkes");
        assertThat(claims.getStringClaim("region")).isEqualTo("51.06");
        assertThat(claims.getAudience()).contains("terpadu-hub");
    }

    static Stream<String> policyRoles() {
        return POLICY.roles().stream();
    }

    private static JsonNode realm() throws IOException {
        return new ObjectMapper().readTree(REALM.toFile());
    }

    static JWTClaimsSet claims(String token) throws ParseException {
        return SignedJWT.parse(token).getJWTClaimsSet();
    }

    @SuppressWarnings("unchecked")
    private static List<String> realmRoles(JWTClaimsSet claims) throws ParseException {
        Map<String, Object> realmAccess = claims.getJSONObjectClaim("realm_access");
        return realmAccess == null ? List.of() : (List<String>) realmAccess.get("roles");
    }

    /** The villages of Bangli (51.06) in the official region list, code to name. */
    private static Map<String, String> bangliVillages() throws IOException {
        try (Stream<String> lines = Files.lines(REGIONS)) {
            return lines.map(line -> line.split(",", 2))
                    .filter(fields -> fields.length == 2 && fields[0].matches("51\\.06\\.[0-9]{2}\\.[0-9]{4}"))
                    .collect(Collectors.toMap(fields -> fields[0], fields -> fields[1].strip()));
        }
    }
}
