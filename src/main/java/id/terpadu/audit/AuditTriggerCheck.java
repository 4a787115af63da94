package id.terpadu.audit;

import id.terpadu.access.AccessPolicy;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.jooq.impl.DSL.currentSchema;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

/**
 * Refuses to start when the policy's {@code audited:} list and the database's audit triggers
 * disagree. A table the migrations audit ({@code SELECT audit_table(...)} creates the triggers
 * {@code audit} and {@code audit_insert}) but the policy does not name would record changes that
 * no history or change feed shows; a table the policy names without the triggers would show a
 * history that never grows.
 */
@Component
class AuditTriggerCheck {

    /** The two triggers {@code audit_table(...)} puts on a table (migration V11). */
    static final Set<String> TRIGGERS = Set.of("audit", "audit_insert");

    private static final Table<?> PG_TRIGGER = table(name("pg_catalog", "pg_trigger")).as("t");
    private static final Table<?> PG_CLASS = table(name("pg_catalog", "pg_class")).as("c");
    private static final Table<?> PG_NAMESPACE = table(name("pg_catalog", "pg_namespace")).as("n");
    private static final Field<String> TABLE_NAME = field(name("c", "relname"), String.class);
    private static final Field<String> TRIGGER_NAME = field(name("t", "tgname"), String.class);

    AuditTriggerCheck(AccessPolicy policy, DSLContext dsl) {
        List<String> differences = differences(policy.auditedTables().keySet(), triggersByTable(dsl));
        if (!differences.isEmpty()) {
            throw new IllegalStateException("The access policy's audited tables and the database's audit triggers "
                    + "disagree: " + String.join("; ", differences));
        }
    }

    /** The audit triggers of the hub's schema, by table. */
    static Map<String, Set<String>> triggersByTable(DSLContext dsl) {
        return dsl.select(TABLE_NAME, TRIGGER_NAME)
                .from(PG_TRIGGER)
                .join(PG_CLASS).on(field(name("c", "oid")).eq(field(name("t", "tgrelid"))))
                .join(PG_NAMESPACE).on(field(name("n", "oid")).eq(field(name("c", "relnamespace"))))
                .where(TRIGGER_NAME.in(TRIGGERS))
                .and(field(name("n", "nspname"), String.class).eq(currentSchema()))
                .fetchGroups(TABLE_NAME, TRIGGER_NAME)
                .entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> Set.copyOf(entry.getValue()), (a, b) -> a, TreeMap::new));
    }

    /** What differs between the audited tables of a policy and the triggers found, in words; empty when they agree. */
    static List<String> differences(Set<String> audited, Map<String, Set<String>> triggersByTable) {
        List<String> differences = new ArrayList<>();
        Set<String> unlisted = new TreeSet<>(triggersByTable.keySet());
        unlisted.removeAll(audited);
        if (!unlisted.isEmpty()) {
            differences.add("audited by the database but not under audited in the policy: " + String.join(", ", unlisted));
        }
        Set<String> untriggered = new TreeSet<>(audited);
        untriggered.removeAll(triggersByTable.keySet());
        if (!untriggered.isEmpty()) {
            differences.add("under audited in the policy but without audit triggers (SELECT audit_table(...) in a migration): "
                    + String.join(", ", untriggered));
        }
        Set<String> half = new TreeSet<>();
        triggersByTable.forEach((table, triggers) -> {
            if (!triggers.containsAll(TRIGGERS)) {
                half.add(table + " (only " + String.join(", ", new TreeSet<>(triggers)) + ")");
            }
        });
        if (!half.isEmpty()) {
            differences.add("with only one of the triggers audit and audit_insert: " + String.join(", ", half));
        }
        return differences;
    }
}
