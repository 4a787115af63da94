package id.terpadu.access;

import id.terpadu.sql.RenderedStatement;
import id.terpadu.sql.RenderedStatements;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Insert;
import org.jooq.Name;
import org.jooq.Record1;
import org.jooq.Record9;
import org.jooq.Select;
import org.jooq.SelectSelectStep;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

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
 * before); a number no one holds is logged without one: someone looked it up. A statement that
 * answers a whole request in SQL logs the numbers it discloses itself, in the same statement
 * ({@link #loggingItsReads}).
 */
@Component
public class IdentityReadLog {

    /**
     * The slots of a statement that logs its own reads ({@link #loggingItsReads}): who reads, through
     * which operation, in which request; bound to {@link #reader}'s values, in this order.
     */
    public static final List<String> READER_SLOTS = List.of("reader_subject", "reader_username", "reader_client",
            "reader_roles", "reader_operation", "reader_request");
    private static final String[] SLOTS = Stream.concat(READER_SLOTS.stream(), Stream.of("fields", "kinds", "numbers", "holders"))
            .toArray(String[]::new);
    private static final Name ANSWER = DSL.name("answer");
    private static final Name LOGGED = DSL.name("logged");

    /**
     * The whole numbers of one field that a statement's answer discloses, as a column of the answer:
     * the ids of the households (KK) or members (NIK) they belong to, one per number, in the order to
     * log them (null or empty: none).
     *
     * @param type  the type that holds the field ({@code Household})
     * @param field the field ({@code kk})
     */
    public record Disclosed(String type, String field, Field<Long[]> holders) {
    }

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
        List<Object> values = new ArrayList<>(Arrays.asList(reader(request)));
        values.addAll(Arrays.asList(fields, kinds, numbers, holders));
        statements.execute(insert, values.toArray());
    }

    /** The values of {@link #READER_SLOTS} for a request: who reads, through which operation, in which request. */
    public static Object[] reader(IdentityReads request) {
        Caller caller = request.caller();
        return new Object[]{caller.subject(), caller.username(), caller.client(),
                String.join(",", caller.roles().stream().sorted().toList()), request.operation(), request.requestId()};
    }

    /**
     * The statement {@code answer} (of one row), answering its column {@code result}, that logs the
     * whole numbers its columns {@code disclosed} hold as one request's reads, in the same statement: the
     * answer and the log of what it disclosed are one, and the hub neither receives the numbers nor sends
     * them back. The reads are logged in the order of {@code disclosed}, each column's in its own order,
     * and nothing is logged when the answer discloses none. Its slots are {@link #READER_SLOTS}, which every
     * run binds to the {@link #reader} of its request.
     */
    public static <T> Select<Record1<T>> loggingItsReads(Select<?> answer, Field<T> result, List<Disclosed> disclosed) {
        if (disclosed.isEmpty()) {
            throw new IllegalArgumentException("A statement that discloses no whole numbers has nothing to log");
        }
        CommonTableExpression<?> answered = ANSWER.as(answer);
        Field<String[]> fields = null;
        Field<Long[]> members = null;
        Field<Long[]> households = null;
        Field<Integer> total = inline(0);
        for (Disclosed column : disclosed) {
            Field<Long[]> holders = DSL.field(DSL.name(ANSWER.last(), column.holders().getName()), SQLDataType.BIGINT.array());
            Field<Integer> count = coalesce(DSL.cardinality(holders), inline(0));
            Field<String[]> field = DSL.function("array_fill", SQLDataType.VARCHAR.array(),
                    inline(column.type() + "." + column.field()).cast(SQLDataType.VARCHAR), DSL.array(count));
            Field<Long[]> none = DSL.function("array_fill", SQLDataType.BIGINT.array(), DSL.castNull(SQLDataType.BIGINT), DSL.array(count));
            boolean person = IdentityKind.of(column.field()) == IdentityKind.NIK;
            fields = fields == null ? field : DSL.arrayConcat(fields, field);
            members = concat(members, person ? holders : none);
            households = concat(households, person ? none : holders);
            total = total.plus(count);
        }
        CommonTableExpression<?> logged = LOGGED.as(DSL.insertInto(IDENTITY_READ_REQUEST, IDENTITY_READ_REQUEST.SUBJECT,
                        IDENTITY_READ_REQUEST.USERNAME, IDENTITY_READ_REQUEST.CLIENT, IDENTITY_READ_REQUEST.ROLES,
                        IDENTITY_READ_REQUEST.OPERATION, IDENTITY_READ_REQUEST.REQUEST_ID, IDENTITY_READ_REQUEST.FIELDS,
                        IDENTITY_READ_REQUEST.MEMBER_IDS, IDENTITY_READ_REQUEST.HOUSEHOLD_IDS)
                .select(reads(fields, members, households).from(DSL.table(ANSWER)).where(total.gt(inline(0))))
                .returning(IDENTITY_READ_REQUEST.ID));
        // a data-modifying WITH runs once and to its end whether or not the answer reads it
        return DSL.with(answered, logged).select(DSL.field(DSL.name(ANSWER.last(), result.getName()), result.getDataType()))
                .from(DSL.table(ANSWER));
    }

    private static Field<Long[]> concat(Field<Long[]> before, Field<Long[]> next) {
        return before == null ? next : DSL.arrayConcat(before, next);
    }

    /** The columns of a request's row of reads: the reader's slots, then the reads as three parallel arrays. */
    private static SelectSelectStep<Record9<String, String, String, String, String, String, String[], Long[], Long[]>> reads(
            Field<String[]> fields, Field<Long[]> members, Field<Long[]> households) {
        return select(readerSlot(0), readerSlot(1), readerSlot(2), readerSlot(3), readerSlot(4), readerSlot(5), fields, members, households);
    }

    private static Field<String> readerSlot(int slot) {
        return DSL.param(READER_SLOTS.get(slot), SQLDataType.VARCHAR);
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
                .select(reads(DSL.arrayAgg(field).orderBy(n),
                        DSL.arrayAgg(DSL.when(kind.eq(inline(IdentityKind.NIK.name())), member)).orderBy(n),
                        DSL.arrayAgg(DSL.when(kind.eq(inline(IdentityKind.KK.name())), household)).orderBy(n))
                        .from(read));
    }
}
