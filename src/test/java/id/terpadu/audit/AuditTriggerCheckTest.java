package id.terpadu.audit;

import id.terpadu.HubTest;
import id.terpadu.access.AccessPolicy;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hub starts only when the policy's audited tables are exactly the tables the migrated
 * database audits, and names the difference otherwise.
 */
class AuditTriggerCheckTest extends HubTest {

    @Test
    void thePolicysAuditedTablesAreTheTablesWithAuditTriggers() {
        assertThat(AuditTriggerCheck.triggersByTable(dsl)).containsKeys("household", "member", "benefit", "member_merge")
                .allSatisfy((table, triggers) -> assertThat(triggers).as(table).isEqualTo(AuditTriggerCheck.TRIGGERS));
        assertThatCode(() -> new AuditTriggerCheck(AccessPolicy.load(), dsl)).doesNotThrowAnyException();
    }

    @Test
    void aPolicyAuditingATableTheDatabaseDoesNotStopsTheHub() throws IOException {
        AccessPolicy policy = policyWith(audited -> audited.put("region", Map.of("type", "Region")));

        assertThatThrownBy(() -> new AuditTriggerCheck(policy, dsl))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("under audited in the policy but without audit triggers")
                .hasMessageEndingWith(": region");
    }

    @Test
    void aTableTheDatabaseAuditsMissingFromThePolicyStopsTheHub() throws IOException {
        AccessPolicy policy = policyWith(audited -> audited.remove("member_move"));

        assertThatThrownBy(() -> new AuditTriggerCheck(policy, dsl))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("audited by the database but not under audited in the policy: member_move");
    }

    @Test
    void aTableWithOnlyOneOfTheTwoTriggersIsNamed() {
        assertThat(AuditTriggerCheck.differences(Set.of("household"),
                Map.of("household", Set.of("audit"))))
                .containsExactly("with only one of the triggers audit and audit_insert: household (only audit)");
    }

    /** The hub's policy with its audited section changed. */
    @SuppressWarnings("unchecked")
    private static AccessPolicy policyWith(Consumer<Map<String, Object>> change) throws IOException {
        Yaml yaml = new Yaml();
        try (InputStream in = AccessPolicy.class.getClassLoader().getResourceAsStream(AccessPolicy.LOCATION)) {
            Map<String, Object> file = yaml.load(in);
            change.accept((Map<String, Object>) file.get("audited"));
            return AccessPolicy.read(new StringReader(yaml.dump(file)));
        }
    }
}
