package id.terpadu.access;

import id.terpadu.Fast;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The policy file declares recurring role lists once, as groups, and the hub expands them when
 * it reads the file. The expanded policy is kept in {@code access/policy-matrix.txt}, written from
 * the file before it had groups: a rewrite of the file that changes what any role may do fails
 * here, and a deliberate change of the policy updates that file too, so a review sees the change
 * role by role.
 */
@Fast
class RoleGroupsTest {

    private static final String ROLES = """
            roles: {uptpk: "integrating unit", dinsos: "social office", bappeda: "planning agency"}
            """;
    private static final String REST = """
            read:
              Query: {roles: %s}
            masked: {fields: [], unmaskedFor: [uptpk]}
            write: {}
            benefits: {}
            """;

    @Test
    void theExpandedPolicyGrantsExactlyWhatThePolicyWithoutGroupsGranted() throws IOException {
        String before = Files.readString(Path.of("src/test/resources/access/policy-matrix.txt"), StandardCharsets.UTF_8);

        assertThat(PolicyMatrix.of(AccessPolicy.load())).isEqualTo(before);
    }

    @Test
    void theFileNamesTheAgenciesOnce() throws IOException {
        String file = Files.readString(PolicyFile.LOCATION, StandardCharsets.UTF_8);

        assertThat(file.split("uptpk, dinsos, dinkes, perkim, disdik, desa", -1)).hasSize(2);
    }

    @Test
    void aGroupStandsForItsRolesAndForTheRolesOfTheGroupsItNames() {
        AccessPolicy policy = policy(ROLES + """
                groups: {offices: [dinsos], staff: [uptpk, offices]}
                """, "[staff, bappeda]");

        assertThat(policy.readers("Query", "anything")).containsExactlyInAnyOrder("uptpk", "dinsos", "bappeda");
    }

    @Test
    void aGroupNamedLikeARoleStopsTheHub() {
        assertThatThrownBy(() -> policy(ROLES + """
                groups: {dinsos: [uptpk]}
                """, "[dinsos]"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("group 'dinsos'").hasMessageContaining("is a role");
    }

    @Test
    void anUnknownRoleOrGroupStopsTheHubSayingWhere() {
        assertThatThrownBy(() -> policy(ROLES, "[uptpk, agencis]"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'agencis' in read.Query.roles")
                .hasMessageContaining("neither a role under roles nor a group under groups");
        assertThatThrownBy(() -> policy(ROLES + """
                groups: {offices: [dinsos, dinkes]}
                """, "[offices]"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'dinkes' in groups.offices");
    }

    @Test
    void aGroupThatContainsItselfStopsTheHub() {
        assertThatThrownBy(() -> policy(ROLES + """
                groups: {a: [uptpk, b], b: [a]}
                """, "[a]"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("contains itself");
    }

    private static AccessPolicy policy(String rolesAndGroups, String queryRoles) {
        return AccessPolicy.read(new StringReader(rolesAndGroups + REST.formatted(queryRoles)));
    }
}
