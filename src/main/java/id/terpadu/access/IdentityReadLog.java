package id.terpadu.access;

import id.terpadu.sql.RenderedStatement;
import id.terpadu.sql.RenderedStatements;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Insert;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Component;

import java.util.List;

import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.HOUSEHOLD_KK_HISTORY;
import static id.terpadu.db.Tables.IDENTITY_READ_REQUEST;
import static id.terpadu.db.Tables.MEMBER;
import static id.terpadu.db.Tables.MEMBER_MERGE;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;

/**
 * Writes a request's reads of whole identity numbers in one statement with the same text for every
 * request (the numbers go as arrays), as one row that holds each read with the person or the
 * household its number belongs to (the view {@code identity_read} shows a row per read): as the
 * reader knew it, or else looked up (also a NIK merged into another record, a KK a household held
 * before); a number no one holds is logged without one: someone looked it up.
 */
@Component
public class IdentityReadLog {

    private static final String[] SLOTS = {"subject", "username", "client", "roles", "operation", "request", "fields",
            "kinds", "numbers", "holders"};

    private final RenderedStatements statements;
    private final RenderedStatement insert;

    IdentityReadLog(DSLContext dsl, RenderedStatements statements) {
        this.statements = statements;
        this.insert = RenderedStatement.of(dsl, insert(), SLOTS);
    }

    public void write(IdentityReads request) {
        List<IdentityReads.Read> reads = request.reads();
        if (reads.isEmpty()) {
            return;
        }
        // the reads as four arrays, bound as four parameters whatever their number: the statement's
        // text is the same for every request (rendered once, prepared once per connection), and the
        // hub neither renders nor binds a row of values per number
        String[] fields = new String[reads.size()];
        String[] kinds = new String[reads.size()];
        String[] numbers = new String[reads.size()];
        Long[] holders = new Long[reads.size()];
        for (int i = 0; i < reads.size(); i++) {
            IdentityReads.Read read = reads.get(i);
            fields[i] = read.field();
            kinds[i] = read.kind().name();
            numbers[i] = read.number();
            holders[i] = read.holder();
        }
        Caller caller = request.caller();
        statements.execute(insert, caller.subject(), caller.username(), caller.client(),
                String.join(",", caller.roles().stream().sorted().toList()), request.operation(), request.requestId(),
                fields, kinds, numbers, holders);
    }

    /** The statement, with a parameter for each of {@link #SLOTS}. */
    private static Insert<?> insert() {
        Table<?> read = DSL.table("unnest({0}, {1}, {2}, {3}) with ordinality",
                        DSL.param("fields", SQLDataType.VARCHAR.array()), DSL.param("kinds", SQLDataType.VARCHAR.array()),
                        DSL.param("numbers", SQLDataType.VARCHAR.array()), DSL.param("holders", SQLDataType.BIGINT.array()))
                .as("read", "field", "kind", "number", "holder", "n");
        Field<String> field = DSL.field(DSL.name("read", "field"), String.class);
        Field<String> kind = DSL.field(DSL.name("read", "kind"), String.class);
        Field<String> number = DSL.field(DSL.name("read", "number"), String.class);
        Field<Long> holder = DSL.field(DSL.name("read", "holder"), Long.class);
        Field<Long> n = DSL.field(DSL.name("read", "n"), Long.class);
        // a known holder is taken as it is: the look-ups after it run only for a number read without one
        Field<Long> member = coalesce(holder,
                field(select(MEMBER.ID).from(MEMBER).where(MEMBER.NIK.eq(number))),
                field(select(MEMBER_MERGE.KEPT_MEMBER_ID).from(MEMBER_MERGE).where(MEMBER_MERGE.NIK.eq(number))));
        Field<Long> household = coalesce(holder,
                field(select(HOUSEHOLD.ID).from(HOUSEHOLD).where(HOUSEHOLD.KK.eq(number))),
                field(select(DSL.max(HOUSEHOLD_KK_HISTORY.HOUSEHOLD_ID)).from(HOUSEHOLD_KK_HISTORY).where(HOUSEHOLD_KK_HISTORY.KK.eq(number))));
        // one row for the request: the reads as three arrays in one order (the view identity_read unnests them)
        return DSL.insertInto(IDENTITY_READ_REQUEST, IDENTITY_READ_REQUEST.SUBJECT, IDENTITY_READ_REQUEST.USERNAME,
                        IDENTITY_READ_REQUEST.CLIENT, IDENTITY_READ_REQUEST.ROLES, IDENTITY_READ_REQUEST.OPERATION,
                        IDENTITY_READ_REQUEST.REQUEST_ID, IDENTITY_READ_REQUEST.FIELDS, IDENTITY_READ_REQUEST.MEMBER_IDS,
                        IDENTITY_READ_REQUEST.HOUSEHOLD_IDS)
                .select(select(DSL.param("subject", SQLDataType.VARCHAR), DSL.param("username", SQLDataType.VARCHAR),
                        DSL.param("client", SQLDataType.VARCHAR), DSL.param("roles", SQLDataType.VARCHAR),
                        DSL.param("operation", SQLDataType.VARCHAR), DSL.param("request", SQLDataType.VARCHAR),
                        DSL.arrayAgg(field).orderBy(n),
                        DSL.arrayAgg(DSL.when(kind.eq(inline(IdentityKind.NIK.name())), member)).orderBy(n),
                        DSL.arrayAgg(DSL.when(kind.eq(inline(IdentityKind.KK.name())), household)).orderBy(n))
                        .from(read));
    }
}
