package id.terpadu.keycloak;

import id.terpadu.Fast;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The organisation in the realm file matches the hub's roles and the official region codes: a group
 * per agency carrying its role and one administrators' group beside it, whose permissions cover that
 * agency's group alone; a group per district and village of Bangli carrying its region code, under
 * the regency's group, all of them open to the agency administrators' membership permission; and
 * the production settings for accounts (lifetimes, brute-force detection, events, password policy).
 */
@Fast
class RealmOrganisationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REGIONS = Path.of("db/data/regions-kepmendagri-2025.csv");
    private static final Map<String, String> AGENCIES = Map.of("uptpk", "UPT-PK", "dinsos", "Dinas Sosial",
            "dinkes", "Dinas Kesehatan", "perkim", "Dinas Perkim", "disdik", "Dinas Pendidikan", "desa", "Operator desa",
            "bappeda", "Bappeda");

    private static JsonNode realm() throws IOException {
        return JSON.readTree(Files.readString(Path.of("keycloak/terpadu-realm.json")));
    }

    private static Map<String, JsonNode> groupsByPath(JsonNode groups, Map<String, JsonNode> into) {
        for (JsonNode group : groups) {
            into.put(group.get("path").asString(), group);
            groupsByPath(group.path("subGroups"), into);
        }
        return into;
    }

    @Test
    void everyAgencyHasAGroupCarryingItsRoleAndAnAdministratorsGroupWhosePermissionCoversItAlone() throws IOException {
        JsonNode realm = realm();
        Map<String, JsonNode> groups = groupsByPath(realm.get("groups"), new HashMap<>());
        Map<String, JsonNode> permissions = permissions(realm);
        for (Map.Entry<String, String> agency : AGENCIES.entrySet()) {
            JsonNode group = groups.get("/" + agency.getValue());
            assertThat(group).as(agency.getValue()).isNotNull();
            assertThat(group.get("realmRoles")).extracting(JsonNode::asString).containsExactly(agency.getKey());
            JsonNode admins = groups.get("/Admin " + agency.getValue());
            assertThat(admins.get("realmRoles")).isEmpty();
            assertThat(admins.path("clientRoles").path("realm-management")).extracting(JsonNode::asString)
                    .containsExactlyInAnyOrder("query-users", "query-groups");

            JsonNode permission = permissions.get(agency.getValue() + ": its staff");
            assertThat(list(permission, "resources")).containsExactly(group.get("id").asString());
            assertThat(list(permission, "scopes")).doesNotContain("manage");
            assertThat(list(permission, "applyPolicies")).containsExactly("Administrators of " + agency.getValue());
        }
        assertThat(groups.get("/Administrator hub").path("clientRoles").path("realm-management")).extracting(JsonNode::asString)
                .containsExactly("realm-admin");
        assertThat(realm.get("adminPermissionsEnabled").asBoolean()).isTrue();
    }

    @Test
    void everyDistrictAndVillageOfBangliHasAGroupCarryingItsRegion() throws IOException {
        JsonNode realm = realm();
        Map<String, JsonNode> groups = groupsByPath(realm.get("groups"), new HashMap<>());
        Map<String, String> regions;
        try (Stream<String> lines = Files.lines(REGIONS)) {
            regions = lines.map(line -> line.split(",", 2)).filter(fields -> fields[0].startsWith("51.06"))
                    .collect(Collectors.toMap(fields -> fields[0], fields -> fields[1].strip()));
        }
        Map<String, String> regionOfPath = new HashMap<>();
        groups.forEach((path, group) -> {
            JsonNode region = group.path("attributes").path("region");
            if (!region.isEmpty()) {
                regionOfPath.put(path, region.get(0).asString());
            }
        });
        assertThat(regionOfPath.values()).containsExactlyInAnyOrderElementsOf(regions.keySet());
        regionOfPath.forEach((path, code) -> {
            String name = path.substring(path.lastIndexOf('/') + 1);
            assertThat(name.equals(regions.get(code)) || name.endsWith(" " + regions.get(code))).as("%s names %s", path, code).isTrue();
            String parent = path.substring(0, path.lastIndexOf('/'));
            if (!parent.isEmpty()) {
                assertThat(code).as(path).startsWith(regionOfPath.get(parent) + ".");
            }
        });
        assertThat(regionOfPath.keySet().stream().filter(path -> path.chars().filter(c -> c == '/').count() == 3)).hasSize(72);

        Set<String> regionGroupIds = regionOfPath.keySet().stream().map(path -> groups.get(path).get("id").asString())
                .collect(Collectors.toSet());
        JsonNode membership = permissions(realm).get("Regions: membership");
        assertThat(list(membership, "resources")).containsExactlyInAnyOrderElementsOf(regionGroupIds);
        assertThat(list(membership, "scopes")).containsExactlyInAnyOrder("view", "manage-membership");
    }

    @Test
    void accountsHaveOfficeLifetimesBruteForceDetectionEventsAndAPasswordPolicy() throws IOException {
        JsonNode realm = realm();
        assertThat(realm.get("accessTokenLifespan").asInt()).isLessThanOrEqualTo(300);
        assertThat(realm.get("ssoSessionIdleTimeout").asInt()).isEqualTo(1800);
        assertThat(realm.get("ssoSessionMaxLifespan").asInt()).isEqualTo(36000);
        assertThat(realm.get("bruteForceProtected").asBoolean()).isTrue();
        assertThat(realm.get("failureFactor").asInt()).isBetween(3, 10);
        assertThat(realm.get("eventsEnabled").asBoolean()).isTrue();
        assertThat(realm.get("adminEventsEnabled").asBoolean()).isTrue();
        assertThat(realm.get("adminEventsDetailsEnabled").asBoolean()).isTrue();
        assertThat(realm.get("eventsExpiration").asLong()).isGreaterThanOrEqualTo(365L * 24 * 3600);
        for (JsonNode client : realm.get("clients")) {
            assertThat(client.path("attributes").path("access.token.lifespan").isMissingNode())
                    .as("%s keeps the realm's token lifetime", client.get("clientId").asString()).isTrue();
        }
        String policy = JSON.readTree(Files.readString(Path.of("keycloak/terpadu-realm-settings.json"))).get("passwordPolicy").asString();
        assertThat(policy).contains("length(12)", "notUsername", "passwordHistory(");
    }

    private static Map<String, JsonNode> permissions(JsonNode realm) {
        JsonNode adminPermissions = StreamSupport.stream(realm.get("clients").spliterator(), false)
                .filter(client -> client.get("clientId").asString().equals("admin-permissions")).findFirst().orElseThrow();
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode policy : adminPermissions.path("authorizationSettings").path("policies")) {
            byName.put(policy.get("name").asString(), policy);
        }
        return byName;
    }

    private static List<String> list(JsonNode policy, String field) {
        List<String> values = new ArrayList<>();
        JSON.readTree(policy.path("config").path(field).asString()).forEach(value -> values.add(value.asString()));
        return values;
    }
}
