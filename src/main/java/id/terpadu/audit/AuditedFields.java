package id.terpadu.audit;

import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;
import id.terpadu.access.AccessPolicy;
import id.terpadu.access.Caller;
import id.terpadu.db.DefaultSchema;
import org.jooq.Field;
import org.jooq.Table;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each column of an audited table is in the schema, so a change shows only to the roles that
 * read its field, as the {@link id.terpadu.access.Disclosure} gate shows the field:
 * {@code health_facet.segment} is {@code HealthFacet.segment}. The policy's {@code audited}
 * section names the tables and their types; a column is the field of its camel-case name, or of
 * that name without {@code _id} or {@code _code} ({@code village_code} is {@code village}), or as
 * the policy says. A column that is no field is never shown, unless the policy names it a nested
 * snapshot of other audited rows ({@code member_merge.facets}), shown field by field.
 */
@Component
class AuditedFields {

    /**
     * One audited column: its table, its GraphQL type and field (null when none), who reads it, and
     * whether it holds snapshots of other audited tables' rows.
     */
    record Column(String table, String column, String type, String field, Set<String> readers, boolean nested) {

        /** The name a client sees: the field, or the column of a nested snapshot. */
        String shownAs() {
            return field != null ? field : column;
        }
    }

    private final AccessPolicy policy;
    private final Map<String, Map<String, Column>> tables = new LinkedHashMap<>();

    AuditedFields(AccessPolicy policy, GraphQlSource graphQlSource) {
        this.policy = policy;
        GraphQLSchema schema = graphQlSource.schema();
        policy.auditedTables().forEach((name, audited) -> {
            Table<?> table = DefaultSchema.DEFAULT_SCHEMA.getTable(name);
            if (table == null || !(schema.getType(audited.type()) instanceof GraphQLFieldsContainer type)) {
                throw new IllegalStateException("The access policy audits " + name + " as " + audited.type()
                        + ", but there is no such table or type");
            }
            Map<String, Column> columns = new LinkedHashMap<>();
            for (Field<?> column : table.fields()) {
                boolean nested = audited.nested().contains(column.getName());
                String field = nested ? null : audited.columns().containsKey(column.getName())
                        ? audited.columns().get(column.getName()) : fieldOf(type, column.getName());
                Set<String> readers = field != null ? policy.readers(type.getName(), field)
                        : nested ? policy.readAccess().get(type.getName()).roles() : Set.of();
                columns.put(column.getName(), new Column(name, column.getName(), type.getName(), field, readers, nested));
            }
            tables.put(name, Map.copyOf(columns));
        });
    }

    private static String fieldOf(GraphQLFieldsContainer type, String column) {
        for (String candidate : List.of(column, column.replaceFirst("_(id|code)$", ""))) {
            String camel = camelCase(candidate);
            if (type.getFieldDefinition(camel) != null) {
                return camel;
            }
        }
        return null;
    }

    private static String camelCase(String column) {
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }

    /** The audited tables by name. */
    Set<String> tables() {
        return tables.keySet();
    }

    /** The GraphQL type of an audited table. */
    String typeOf(String table) {
        return policy.auditedTables().get(table).type();
    }

    /** The column of an audited table, or null when the table or column is not audited. */
    Column column(String table, String column) {
        Map<String, Column> columns = tables.get(table);
        return columns == null ? null : columns.get(column);
    }

    /**
     * For each audited table, the columns whose changes the caller may be shown (fields it reads,
     * nested snapshots of a type it reads); tables without any are left out.
     */
    Map<String, List<String>> readableBy(Caller caller) {
        Map<String, List<String>> readable = new LinkedHashMap<>();
        tables.forEach((table, columns) -> {
            List<String> names = columns.values().stream().filter(column -> caller.hasAnyRole(column.readers()))
                    .map(Column::column).sorted().toList();
            if (!names.isEmpty()) {
                readable.put(table, names);
            }
        });
        return readable;
    }
}
