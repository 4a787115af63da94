package id.terpadu.audit;

import graphql.GraphQLContext;
import id.terpadu.access.Caller;
import id.terpadu.access.IdentityMasking;
import id.terpadu.access.IdentityReads;
import id.terpadu.db.tables.records.AuditEntryRecord;
import id.terpadu.error.BadRequestException;
import id.terpadu.graphql.GlobalId;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns stored audit entries into what a caller may see of them. */
@Component
class AuditEntryViews {

    private static final String CURSOR_TYPE = "Change";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AuditedFields fields;

    AuditEntryViews(AuditedFields fields) {
        this.fields = fields;
    }

    /** The entry as the caller sees it; its whole identity numbers are noted as read in the request's context. */
    AuditEntryView view(AuditEntryRecord entry, Caller caller, GraphQLContext context) {
        List<AuditEntryView.FieldChange> changes = new ArrayList<>();
        JsonNode diff = JSON.readTree(entry.getChanges().data());
        for (Map.Entry<String, JsonNode> change : diff.properties()) {
            AuditedFields.Column column = fields.column(entry.getEntityTable(), change.getKey());
            if (column == null || !caller.hasAnyRole(column.readers())) {
                continue;
            }
            String before = text(change.getValue().get(0));
            String after = text(change.getValue().get(1));
            if (fields.masks(caller, column)) {
                before = IdentityMasking.mask(before);
                after = IdentityMasking.mask(after);
            } else if (column.masked() && context != null) {
                IdentityReads.record(context, new IdentityReads.Read(column.type() + "." + column.field(),
                        "Member".equals(column.type()) ? entry.getMemberId() : null,
                        "Member".equals(column.type()) ? null : entry.getHouseholdId()));
            }
            changes.add(new AuditEntryView.FieldChange(column.shownAs(), before, after));
        }
        changes.sort(java.util.Comparator.comparing(AuditEntryView.FieldChange::field));
        return new AuditEntryView(cursorOf(entry.getPosition()), String.valueOf(entry.getPosition()), fields.typeOf(entry.getEntityTable()),
                entry.getEntityId(), entry.getAction(), entry.getOperation(),
                new AuditEntryView.Actor(entry.getSubject(), entry.getUsername(), entry.getClient(), entry.getRoles()),
                entry.getRequestId(), entry.getOccurredAt(), List.copyOf(changes));
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
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isString() ? value.stringValue() : value.toString();
    }
}
