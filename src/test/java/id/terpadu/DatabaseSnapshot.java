package id.terpadu;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static id.terpadu.db.Tables.AUDIT_ENTRY;
import static id.terpadu.db.Tables.BENEFIT;
import static id.terpadu.db.Tables.EDUCATION_FACET;
import static id.terpadu.db.Tables.ELIGIBILITY_RULE;
import static id.terpadu.db.Tables.EXCLUSION_RULE;
import static id.terpadu.db.Tables.HEALTH_FACET;
import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.HOUSEHOLD_KK_HISTORY;
import static id.terpadu.db.Tables.HOUSING_FACET;
import static id.terpadu.db.Tables.MEMBER;
import static id.terpadu.db.Tables.MEMBER_MERGE;
import static id.terpadu.db.Tables.MEMBER_MOVE;
import static id.terpadu.db.Tables.SOCIAL_FACET;
import static id.terpadu.db.Tables.VERIFICATION_RESULT;
import static id.terpadu.db.Tables.VERIFICATION_ROUND;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.sum;

/**
 * What the hub's tables hold, in a few numbers per table (rows, highest key, sum of versions, last
 * change): two equal snapshots around a refused request show that it wrote nothing. Tests run one
 * after another, so no other test writes in between.
 */
record DatabaseSnapshot(Map<String, List<Object>> tables) {

    private static final List<Table<?>> WRITTEN_BY_THE_API = List.of(HOUSEHOLD, HOUSEHOLD_KK_HISTORY, MEMBER,
            MEMBER_MOVE, MEMBER_MERGE, SOCIAL_FACET, HEALTH_FACET, HOUSING_FACET, EDUCATION_FACET, BENEFIT, EXCLUSION_RULE,
            ELIGIBILITY_RULE, VERIFICATION_ROUND, VERIFICATION_RESULT, AUDIT_ENTRY);
    /** Columns that change when a row without a version is replaced or closed. */
    private static final List<String> CHANGE_STAMPS = List.of("recorded_at", "closed_at");

    static DatabaseSnapshot take(DSLContext dsl) {
        Map<String, List<Object>> tables = new LinkedHashMap<>();
        for (Table<?> table : WRITTEN_BY_THE_API) {
            List<Field<?>> figures = new ArrayList<>();
            figures.add(count());
            figures.add(max(table.getPrimaryKey().getFields().getFirst()));
            Field<Long> version = table.field("version", Long.class);
            if (version != null) {
                figures.add(sum(version));
            }
            // the rules have no version: a change shows in the last change time
            Field<?> updatedAt = table.field("updated_at");
            if (updatedAt != null) {
                figures.add(max(updatedAt));
            }
            CHANGE_STAMPS.stream().map(table::field).filter(Objects::nonNull).forEach(stamp -> figures.add(max(stamp)));
            tables.put(table.getName(), dsl.select(figures).from(table).fetchSingle().intoList());
        }
        return new DatabaseSnapshot(tables);
    }
}
