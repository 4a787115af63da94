package id.terpadu.audit;

import graphql.GraphQLContext;
import id.terpadu.access.Caller;
import id.terpadu.access.Disclosure;
import id.terpadu.access.IdentityReads;
import id.terpadu.db.tables.records.AuditEntryRecord;
import id.terpadu.error.BadRequestException;
import id.terpadu.graphql.GlobalId;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns stored audit entries into what a caller may see of them: every old and new value passes the
 * {@link Disclosure} gate as the field it is, so a change shows only the fields the caller reads,
 * identity numbers masked as for it, and a nested snapshot (a merged record's facets) only the
 * fields of each snapshot the caller reads.
 */
@Component
class AuditEntryViews {

    private static final String CURSOR_TYPE = "Change";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AuditedFields fields;
    private final Disclosure disclosure;

    AuditEntryViews(AuditedFields fields, Disclosure disclosure) {
        this.fields = fields;
        this.disclosure = disclosure;
    }

    /** The entry as the caller sees it; the whole identity numbers it shows are noted in the request's reads. */
    AuditEntryView view(AuditEntryRecord entry, Caller caller, GraphQLContext context) {
        IdentityReads reads = IdentityReads.of(context);
        List<AuditEntryView.FieldChange> changes = new ArrayList<>();
        JsonNode diff = JSON.readTree(entry.getChanges().data());
        for (Map.Entry<String, JsonNode> change : diff.properties()) {
            AuditedFields.Column column = fields.column(entry.getEntityTable(), change.getKey());
            if (column == null) {
                continue;
            }
            Optional<String> before = shown(column, change.getValue().get(0), caller, reads);
            Optional<String> after = shown(column, change.getValue().get(1), caller, reads);
            if (before.isPresent() || after.isPresent()) {
                changes.add(new AuditEntryView.FieldChange(column.shownAs(), before.orElse(null), after.orElse(null)));
            }
        }
        changes.sort(Comparator.comparing(AuditEntryView.FieldChange::field));
        return new AuditEntryView(cursorOf(entry.getPosition()), String.valueOf(entry.getPosition()), fields.typeOf(entry.getEntityTable()),
                entry.getEntityId(), entry.getAction(), entry.getOperation(),
                new AuditEntryView.Actor(entry.getSubject(), entry.getUsername(), entry.getClient(), entry.getRoles()),
                entry.getRequestId(), entry.getOccurredAt(), List.copyOf(changes));
    }

    /** A value of a column as the caller may see it, as JSON text for non-text values; empty when hidden or absent. */
    private Optional<String> shown(AuditedFields.Column column, JsonNode value, Caller caller, IdentityReads reads) {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (column.nested()) {
            return caller.hasAnyRole(column.readers()) ? nested(value, caller, reads).map(JsonNode::toString) : Optional.empty();
        }
        if (column.field() == null) {
            return Optional.empty();
        }
        return disclosure.field(caller, column.type(), column.field(), text(value), reads).map(Object::toString);
    }

    /**
     * A snapshot of other audited rows ({@code {"health_facet": {...}, ...}}) with each row's columns
     * passed through the gate as their own type's fields; empty when the caller reads none of them.
     */
    private Optional<JsonNode> nested(JsonNode snapshot, Caller caller, IdentityReads reads) {
        ObjectNode shown = JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> row : snapshot.properties()) {
            if (!row.getValue().isObject()) {
                continue;
            }
            ObjectNode shownRow = JSON.createObjectNode();
            for (Map.Entry<String, JsonNode> cell : row.getValue().properties()) {
                AuditedFields.Column column = fields.column(row.getKey(), cell.getKey());
                if (column != null && !column.nested() && column.field() != null && !cell.getValue().isNull()) {
                    disclosure.field(caller, column.type(), column.field(), text(cell.getValue()), reads)
                            .ifPresent(value -> shownRow.set(column.field(), cell.getValue().isString()
                                    ? JSON.getNodeFactory().stringNode(value.toString()) : cell.getValue()));
                }
            }
            if (!shownRow.isEmpty()) {
                shown.set(fields.typeOf(row.getKey()), shownRow);
            }
        }
        return shown.isEmpty() ? Optional.empty() : Optional.of(shown);
    }

    /** The tables of these GraphQL types; all audited tables when none are given. */
    Set<String> tables(List<String> types) {
        if (types == null) {
            return null;
        }
        Set<String> tables = new LinkedHashSet<>();
        for (int i = 0; i < types.size(); i++) {
            String type = types.get(i);
            Set<String> ofType = fields.tables().stream().filter(table -> fields.typeOf(table).equals(type))
                    .collect(Collectors.toSet());
            if (ofType.isEmpty()) {
                throw new BadRequestException("types[" + i + "]", "'" + type + "' is not a type whose changes the hub records.");
            }
            tables.addAll(ofType);
        }
        return tables;
    }

    /** The cursor that resumes the change feed after this position. */
    static String cursorOf(long position) {
        return GlobalId.encode(CURSOR_TYPE, position);
    }

    /** The position a cursor of the change feed stands for. */
    static long position(String cursor, String argument) {
        return GlobalId.decode(cursor).filter(id -> id.type().equals(CURSOR_TYPE)).map(GlobalId::id)
                .orElseThrow(() -> new BadRequestException(argument, "This is not a cursor of the change feed."));
    }

    private static String text(JsonNode value) {
        return value.isString() ? value.stringValue() : value.toString();
    }
}
