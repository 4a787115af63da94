package id.terpadu.audit;

import id.terpadu.access.Caller;
import id.terpadu.access.RowScope;
import id.terpadu.db.tables.records.AuditEntryRecord;
import id.terpadu.db.tables.records.IdentityReadRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static id.terpadu.db.Tables.AUDIT_ENTRY;
import static id.terpadu.db.Tables.BENEFIT;
import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.IDENTITY_READ;
import static id.terpadu.db.Tables.IDENTITY_READ_REQUEST;
import static id.terpadu.db.Tables.MEMBER;
import static org.jooq.impl.DSL.rowNumber;
import static org.jooq.impl.DSL.select;

/** Reads the audit trail: committed entries only (those with a position), as the caller may see them. */
@Repository
class AuditRepository {

    private final DSLContext dsl;
    private final RowScope rowScope;
    private final AuditedFields fields;
    private final List<AuditedRows> auditedRows;

    AuditRepository(DSLContext dsl, RowScope rowScope, AuditedFields fields, List<AuditedRows> auditedRows) {
        this.dsl = dsl;
        this.rowScope = rowScope;
        this.fields = fields;
        this.auditedRows = List.copyOf(auditedRows);
    }

    /**
     * The entries the caller may see: of tables in {@code tables} (all when null) with a
     * changed column it reads, about households and people in its region and benefits of its
     * programmes, and of the rows the features that scope their rows ({@link AuditedRows}) show it.
     */
    Condition visible(Caller caller, Set<String> tables) {
        Condition ofReadableColumns = DSL.falseCondition();
        for (Map.Entry<String, List<String>> readable : fields.readableBy(caller).entrySet()) {
            if (tables == null || tables.contains(readable.getKey())) {
                ofReadableColumns = ofReadableColumns.or(AUDIT_ENTRY.ENTITY_TABLE.eq(readable.getKey())
                        .and(DSL.arrayOverlap(AUDIT_ENTRY.CHANGED_COLUMNS, DSL.val(readable.getValue().toArray(String[]::new), AUDIT_ENTRY.CHANGED_COLUMNS.getDataType()))));
            }
        }
        Condition households = rowScope.households(caller);
        Condition members = rowScope.members(caller);
        Condition benefits = rowScope.benefits(caller);
        Condition ofFeatures = DSL.noCondition();
        for (AuditedRows rows : auditedRows) {
            ofFeatures = ofFeatures.and(AUDIT_ENTRY.ENTITY_TABLE.ne(rows.table()).or(rows.visible(caller, AUDIT_ENTRY.ENTITY_ID)));
        }
        return AUDIT_ENTRY.POSITION.isNotNull()
                .and(ofFeatures)
                .and(ofReadableColumns)
                .and(households == DSL.noCondition() ? DSL.noCondition() : AUDIT_ENTRY.HOUSEHOLD_ID.isNull()
                        .or(AUDIT_ENTRY.HOUSEHOLD_ID.in(select(HOUSEHOLD.ID).from(HOUSEHOLD).where(households))))
                .and(members == DSL.noCondition() ? DSL.noCondition() : AUDIT_ENTRY.MEMBER_ID.isNull()
                        .or(AUDIT_ENTRY.MEMBER_ID.in(select(MEMBER.ID).from(MEMBER).where(members))))
                .and(benefits == DSL.noCondition() ? DSL.noCondition() : AUDIT_ENTRY.ENTITY_TABLE.ne(BENEFIT.getName())
                        .or(AUDIT_ENTRY.ENTITY_ID.in(select(BENEFIT.ID.cast(String.class)).from(BENEFIT).where(benefits))));
    }

    /** Entries after a position, in commit order. */
    List<AuditEntryRecord> after(long position, int limit, Condition visible) {
        return dsl.selectFrom(AUDIT_ENTRY)
                .where(AUDIT_ENTRY.POSITION.gt(position).and(visible))
                .orderBy(AUDIT_ENTRY.POSITION)
                .limit(limit)
                .fetch();
    }

    /** Entries after a position up to another, in commit order. */
    List<AuditEntryRecord> between(long after, long upTo, int limit, Condition visible) {
        return dsl.selectFrom(AUDIT_ENTRY)
                .where(AUDIT_ENTRY.POSITION.gt(after).and(AUDIT_ENTRY.POSITION.le(upTo)).and(visible))
                .orderBy(AUDIT_ENTRY.POSITION)
                .limit(limit)
                .fetch();
    }

    /**
     * For each id, its newest entries before a position (all when null), at most {@code limit}
     * each, in one statement; {@code about} is the household or member column.
     */
    Map<Long, List<AuditEntryRecord>> newestOf(Field<Long> about, Collection<Long> ids, Long before, int limit,
                                               Condition visible) {
        Field<Integer> rank = rowNumber().over().partitionBy(about).orderBy(AUDIT_ENTRY.POSITION.desc()).as("rank");
        Table<?> ranked = select(AUDIT_ENTRY.asterisk(), rank)
                .from(AUDIT_ENTRY)
                .where(about.in(ids).and(visible).and(before == null ? DSL.noCondition() : AUDIT_ENTRY.POSITION.lt(before)))
                .asTable("ranked");
        return dsl.select(ranked.fields(AUDIT_ENTRY.fields()))
                .from(ranked)
                .where(ranked.field(rank).le(limit))
                .orderBy(ranked.field(AUDIT_ENTRY.POSITION).desc())
                .fetchGroups(ranked.field(about), record -> record.into(AUDIT_ENTRY));
    }

    /** Reads of identity numbers by a subject and/or about a member, newest first. */
    List<IdentityReadRecord> identityReads(String subject, String username, Long memberId, int limit) {
        return dsl.selectFrom(IDENTITY_READ)
                .where(subject == null ? DSL.noCondition() : IDENTITY_READ.SUBJECT.eq(subject))
                .and(username == null ? DSL.noCondition() : IDENTITY_READ.USERNAME.eq(username))
                .and(memberId == null ? DSL.noCondition() : IDENTITY_READ.MEMBER_ID.eq(memberId)
                        // the requests that read the person, found by the index of their reads
                        .and(IDENTITY_READ.ID.in(select(IDENTITY_READ_REQUEST.ID).from(IDENTITY_READ_REQUEST)
                                .where(IDENTITY_READ_REQUEST.MEMBER_IDS.contains(new Long[] {memberId})))))
                .orderBy(IDENTITY_READ.ID.desc())
                .limit(limit)
                .fetch();
    }

    /** The id of the member with this NIK, if any (whatever the caller's scope: for the administrator). */
    Long memberIdByNik(String nik) {
        return dsl.select(MEMBER.ID).from(MEMBER).where(MEMBER.NIK.eq(nik)).fetchOne(MEMBER.ID);
    }
}
