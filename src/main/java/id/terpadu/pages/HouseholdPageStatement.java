package id.terpadu.pages;

import graphql.normalized.ExecutableNormalizedField;
import id.terpadu.access.Caller;
import id.terpadu.access.Disclosure;
import id.terpadu.access.IdentityReadLog;
import id.terpadu.access.RowScope;
import id.terpadu.benefit.BenefitOrder;
import id.terpadu.household.HouseholdPages;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.JSONEntry;
import org.jooq.Name;
import org.jooq.Record1;
import org.jooq.Record3;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import static id.terpadu.db.Tables.BENEFIT;
import static id.terpadu.db.Tables.HEALTH_FACET;
import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.HOUSEHOLD_KK_HISTORY;
import static id.terpadu.db.Tables.MEMBER;
import static id.terpadu.db.Tables.MEMBER_MERGE;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.jsonArray;
import static org.jooq.impl.DSL.jsonArrayAgg;
import static org.jooq.impl.DSL.jsonObject;
import static org.jooq.impl.DSL.key;
import static org.jooq.impl.DSL.select;

/**
 * One households page as one SQL statement that builds its JSON, for one caller: the selection of
 * the request, field by field, each only when the policy grants it to the caller, identity numbers
 * masked in the database for the roles that see them masked, and the caller's row scope on every
 * table it reads. The look-ups {@code household(kk:)} and {@code member(nik:)} compile the same
 * way, the household as a page of one. The statement logs the whole KKs and NIKs it discloses
 * in the identity-read log itself ({@link IdentityReadLog#loggingItsReads}). Anything outside the
 * shapes it knows is {@link NotCompilable}.
 */
final class HouseholdPageStatement {

    private static final String TYPENAME = "__typename";
    private static final Field<byte[]> MASKING_PADS = DSL.field(select(DSL.function("identity_mask_pads", SQLDataType.BLOB)));

    private static final Name PAGE = DSL.name("page");
    private static final Field<Long> ROW = DSL.field(DSL.name(PAGE.last(), "n"), SQLDataType.BIGINT);
    private static final Name GIVEN = DSL.name("given");
    private static final Field<String> GIVEN_NUMBER = DSL.field(DSL.name(GIVEN.last(), "number"), HOUSEHOLD.KK.getDataType());
    /** The number a look-up gives, read where a condition needs it. */
    private static final Field<String> GIVEN_VALUE = DSL.field(select(GIVEN_NUMBER).from(DSL.table(GIVEN)));
    private static final Name FOUND = DSL.name("found");
    private static final Field<Long> FOUND_ID = DSL.field(DSL.name(FOUND.last(), "id"), SQLDataType.BIGINT);
    private static final Field<Integer> RANK = DSL.field(DSL.name("rank"), SQLDataType.INTEGER);
    private static final Name TOTAL = DSL.name("total");
    private static final Field<Integer> TOTAL_COUNT = DSL.field(DSL.name(TOTAL.last(), "count"), SQLDataType.INTEGER);

    /** The answer's columns: the {@code data} of the answer. */
    static final Field<JSON> DATA = DSL.field(DSL.name("data"), SQLDataType.JSON);
    /** The households whose whole KKs the answer holds (null: none disclosed). */
    private static final Field<Long[]> KK_HOUSEHOLDS = DSL.field(DSL.name("kk_households"), SQLDataType.BIGINT.array());
    /** The members whose whole NIKs the answer holds (null: none disclosed). */
    private static final Field<Long[]> NIK_MEMBERS = DSL.field(DSL.name("nik_members"), SQLDataType.BIGINT.array());

    /**
     * A compiled statement, of one row and one column, {@link #DATA}.
     *
     * @param logsReads whether it logs the whole numbers it discloses itself, and so has the slots
     *                  {@link IdentityReadLog#READER_SLOTS}
     */
    record Compiled(Select<Record1<JSON>> select, boolean logsReads) {
    }

    private final Caller caller;
    private final RowScope scope;
    private final Disclosure disclosure;
    private final int size;
    private final Field<Long> after;
    private final Field<Long> id = onPage(HOUSEHOLD.ID);
    private final Condition shown;
    private boolean kkDisclosed;
    private boolean nikDisclosed;
    private boolean totalAsked;

    /**
     * @param after the household the page continues after (a value or a parameter), or null for the first page
     */
    HouseholdPageStatement(Caller caller, RowScope scope, Disclosure disclosure, int size, Field<Long> after) {
        this.caller = caller;
        this.scope = scope;
        this.disclosure = disclosure;
        this.size = size;
        this.after = after;
        this.shown = ROW.le((long) size);
    }

    /**
     * The statement of the page. The selection is compiled first, so that a filter is only looked at
     * (a region looked up) for a selection that compiles.
     *
     * @param rootKey    the response key of the {@code households} field
     * @param connection the selection of the connection
     * @param filter     the condition of the page's filter on {@code household}, as the field-by-field page has it
     */
    Compiled answering(String rootKey, List<ExecutableNormalizedField> connection,
                                                        Supplier<Condition> filter) {
        Field<JSON> data = jsonObject(key(rootKey).value(connection(connection)));
        Condition condition = filter.get();
        CommonTableExpression<?> page = page(select(pageColumns()).from(HOUSEHOLD)
                .where(condition)
                .and(scope.households(caller))
                .and(after == null ? DSL.noCondition() : HOUSEHOLD.ID.gt(after))
                .orderBy(HOUSEHOLD.ID)
                .limit(size + 1));
        List<CommonTableExpression<?>> tables = new ArrayList<>(List.of(page));
        if (totalAsked) {
            // the households of all pages: the filter within the caller's scope, as the field-by-field count has it
            tables.add(TOTAL.as(select(DSL.count().as(TOTAL_COUNT.getName())).from(HOUSEHOLD)
                    .where(condition).and(scope.households(caller))));
        }
        return withDisclosed(tables, page, data);
    }

    /**
     * The statement of {@code household(kk:)}: the household the caller may see that holds this KK
     * now, or else the latest that held it before, as the field-by-field look-up finds it: a
     * statement of a page of one household.
     *
     * @param rootKey   the response key of the {@code household} field
     * @param selection the selection of the household
     * @param kk        the KK looked up (a value or a parameter)
     */
    Compiled answeringHousehold(String rootKey, List<ExecutableNormalizedField> selection,
                                                                 Field<String> kk) {
        Field<JSON> household = object("Household", selection, this::household);
        // the current holder first, then the households that held it before, latest first: two
        // branches, so that each is an index look-up (with OR, the history's would scan the table)
        CommonTableExpression<?> page = page(select(lookupColumns(0)).from(HOUSEHOLD)
                .where(HOUSEHOLD.KK.eq(GIVEN_VALUE))
                .and(scope.households(caller))
                .unionAll(select(lookupColumns(1)).from(HOUSEHOLD)
                        .where(HOUSEHOLD.ID.in(select(HOUSEHOLD_KK_HISTORY.HOUSEHOLD_ID)
                                .from(HOUSEHOLD_KK_HISTORY).where(HOUSEHOLD_KK_HISTORY.KK.eq(GIVEN_VALUE))))
                        .and(scope.households(caller)))
                .orderBy(RANK, DSL.field(DSL.name(HOUSEHOLD.ID.getName())).desc())
                .limit(1));
        Field<JSON> data = jsonObject(key(rootKey).value(DSL.field(select(household).from(page).where(shown))));
        return withDisclosed(new ArrayList<>(List.of(given(kk), page)), page, data);
    }

    /**
     * The statement of {@code member(nik:)}: the person the caller may see who holds this NIK, or
     * else the record a person of this NIK was merged into, as the field-by-field look-up finds them.
     *
     * @param rootKey   the response key of the {@code member} field
     * @param selection the selection of the person
     * @param nik       the NIK looked up (a value or a parameter)
     */
    Compiled answeringMember(String rootKey, List<ExecutableNormalizedField> selection,
                                                              Field<String> nik) {
        Field<JSON> member = object("Member", selection, this::member);
        // the holder first, then the record a person of this NIK was merged into: two branches, so
        // that each is an index look-up (with OR, the merges' would scan the table)
        CommonTableExpression<?> found = FOUND.as(select(MEMBER.ID.as(FOUND_ID.getName()), inline(0).as(RANK.getName())).from(MEMBER)
                .where(MEMBER.NIK.eq(GIVEN_VALUE))
                .and(scope.members(caller))
                .unionAll(select(MEMBER.ID, inline(1)).from(MEMBER)
                        .where(MEMBER.ID.in(select(MEMBER_MERGE.KEPT_MEMBER_ID).from(MEMBER_MERGE).where(MEMBER_MERGE.NIK.eq(GIVEN_VALUE))))
                        .and(scope.members(caller)))
                .orderBy(RANK)
                .limit(1));
        Condition isFound = MEMBER.ID.eq(DSL.field(select(FOUND_ID).from(DSL.table(FOUND))));
        Field<JSON> data = jsonObject(key(rootKey).value(DSL.field(select(member).from(MEMBER).where(isFound))));
        Field<Long[]> nikMembers = nikDisclosed
                ? DSL.field(select(DSL.arrayAgg(MEMBER.ID)).from(MEMBER).where(isFound))
                : DSL.castNull(SQLDataType.BIGINT.array());
        return compiled(DSL.with(given(nik), found).select(data.as(DATA.getName()),
                DSL.castNull(SQLDataType.BIGINT.array()).as(KK_HOUSEHOLDS.getName()), nikMembers.as(NIK_MEMBERS.getName())));
    }

    /**
     * The statement that answers the {@link #DATA} of {@code answer} and logs the whole numbers its
     * other columns hold, KKs first: the order the field-by-field path reads them in does not matter,
     * the reads of a request are a set.
     */
    private Compiled compiled(Select<Record3<JSON, Long[], Long[]>> answer) {
        List<IdentityReadLog.Disclosed> disclosed = new ArrayList<>();
        if (kkDisclosed) {
            disclosed.add(new IdentityReadLog.Disclosed("Household", "kk", KK_HOUSEHOLDS));
        }
        if (nikDisclosed) {
            disclosed.add(new IdentityReadLog.Disclosed("Member", "nik", NIK_MEMBERS));
        }
        return disclosed.isEmpty() ? new Compiled(DSL.select(DATA).from(answer.asTable("answer")), false)
                : new Compiled(IdentityReadLog.loggingItsReads(answer, DATA, disclosed), true);
    }

    /**
     * The number a look-up gives, once, for the statement's conditions to read, of the type of the
     * columns it is compared with (so that their indexes serve).
     */
    private static CommonTableExpression<?> given(Field<String> number) {
        return GIVEN.as(select(number.cast(GIVEN_NUMBER.getDataType()).as(GIVEN_NUMBER.getName())));
    }

    /** The columns of the household a look-up finds: a page of one, with its rank among the candidates. */
    private static List<Field<?>> lookupColumns(int rank) {
        List<Field<?>> columns = new ArrayList<>(List.of(HOUSEHOLD.fields()));
        columns.add(inline(1L).as(ROW.getName()));
        columns.add(inline(rank).as(RANK.getName()));
        return columns;
    }

    /** The columns of the page's households, with their row number in the registration order. */
    private static List<Field<?>> pageColumns() {
        List<Field<?>> columns = new ArrayList<>(List.of(HOUSEHOLD.fields()));
        columns.add(DSL.rowNumber().over(DSL.orderBy(HOUSEHOLD.ID)).as(ROW.getName()));
        return columns;
    }

    private static CommonTableExpression<?> page(Select<?> households) {
        return PAGE.as(households);
    }

    /**
     * The statement over the page: its {@code data}, and the holders of the whole KKs and NIKs it
     * disclosed. Grouped by nothing: one row, also for an empty page or a selection without
     * aggregates.
     */
    private Compiled withDisclosed(List<CommonTableExpression<?>> tables,
                                                                    CommonTableExpression<?> page, Field<JSON> data) {
        // the households and people whose whole numbers the page holds, each in one order
        Field<Long[]> kkHouseholds = kkDisclosed
                ? DSL.arrayAgg(id).orderBy(id).filterWhere(shown)
                : DSL.castNull(SQLDataType.BIGINT.array());
        // the members of the shown households, of the ages the caller sees (their region is the page's)
        Field<Long[]> nikMembers = nikDisclosed
                ? DSL.field(select(DSL.arrayAgg(MEMBER.ID).orderBy(MEMBER.ID)).from(MEMBER)
                        .where(MEMBER.HOUSEHOLD_ID.in(select(id).from(page).where(shown)))
                        .and(scope.membersOfHouseholdInScope(caller)))
                : DSL.castNull(SQLDataType.BIGINT.array());
        return compiled(DSL.with(tables).select(data.as(DATA.getName()), kkHouseholds.as(KK_HOUSEHOLDS.getName()),
                nikMembers.as(NIK_MEMBERS.getName())).from(page).groupBy());
    }

    private Field<JSON> connection(List<ExecutableNormalizedField> selection) {
        return object("HouseholdConnection", selection, field -> switch (field.getName()) {
            case "edges" -> coalesce(jsonArrayAgg(object("HouseholdEdge", field.getChildren(), this::edge))
                    .orderBy(id).filterWhere(shown), jsonArray());
            case "pageInfo" -> object("PageInfo", field.getChildren(), this::pageInfo);
            case "totalCount" -> {
                totalAsked = true;
                yield DSL.field(select(TOTAL_COUNT).from(DSL.table(TOTAL)));
            }
            default -> throw new NotCompilable("HouseholdConnection." + field.getName());
        });
    }

    private Field<?> edge(ExecutableNormalizedField field) {
        return switch (field.getName()) {
            case "cursor" -> cursor(id);
            case "node" -> object("Household", field.getChildren(), this::household);
            default -> throw new NotCompilable("HouseholdEdge." + field.getName());
        };
    }

    private Field<?> pageInfo(ExecutableNormalizedField field) {
        return switch (field.getName()) {
            case "hasNextPage" -> DSL.field(DSL.count().gt(size));
            case "hasPreviousPage" -> inline(after != null);
            case "startCursor" -> cursor(DSL.min(id).filterWhere(shown));
            case "endCursor" -> cursor(DSL.max(id).filterWhere(shown));
            default -> throw new NotCompilable("PageInfo." + field.getName());
        };
    }

    private Field<?> household(ExecutableNormalizedField field) {
        return switch (field.getName()) {
            case "id" -> globalId("Household", id);
            case "kk" -> {
                boolean masked = disclosure.masks(caller, "Household", "kk");
                kkDisclosed |= !masked;
                yield masked ? mask(onPage(HOUSEHOLD.KK)) : onPage(HOUSEHOLD.KK);
            }
            case "address" -> onPage(HOUSEHOLD.ADDRESS);
            case "rt" -> onPage(HOUSEHOLD.RT);
            case "rw" -> onPage(HOUSEHOLD.RW);
            case "status" -> onPage(HOUSEHOLD.STATUS);
            case "version" -> onPage(HOUSEHOLD.VERSION);
            case "members" -> list(select(coalesce(jsonArrayAgg(object("Member", field.getChildren(), this::member))
                    .orderBy(HouseholdPages.MEMBERS_IN_ORDER), jsonArray()))
                    .from(MEMBER).where(MEMBER.HOUSEHOLD_ID.eq(id)).and(scope.membersOfHouseholdInScope(caller)));
            case "benefits" -> benefits(field, BENEFIT.HOUSEHOLD_ID.eq(id));
            default -> throw new NotCompilable("Household." + field.getName());
        };
    }

    private Field<?> member(ExecutableNormalizedField field) {
        return switch (field.getName()) {
            case "id" -> globalId("Member", MEMBER.ID);
            case "nik" -> {
                boolean masked = disclosure.masks(caller, "Member", "nik");
                nikDisclosed |= !masked;
                yield masked ? mask(MEMBER.NIK) : MEMBER.NIK;
            }
            case "name" -> MEMBER.NAME;
            case "sex" -> MEMBER.SEX;
            case "birthDate" -> MEMBER.BIRTH_DATE;
            case "relationship" -> MEMBER.RELATIONSHIP;
            case "status" -> MEMBER.STATUS;
            case "diedOn" -> MEMBER.DIED_ON;
            case "version" -> MEMBER.VERSION;
            case "health" -> DSL.field(select(object("HealthFacet", field.getChildren(), this::health))
                    .from(HEALTH_FACET).where(HEALTH_FACET.MEMBER_ID.eq(MEMBER.ID)));
            case "benefits" -> benefits(field, BENEFIT.MEMBER_ID.eq(MEMBER.ID));
            default -> throw new NotCompilable("Member." + field.getName());
        };
    }

    private Field<?> health(ExecutableNormalizedField field) {
        return switch (field.getName()) {
            case "jknNumber" -> HEALTH_FACET.JKN_NUMBER;
            case "segment" -> HEALTH_FACET.SEGMENT;
            case "active" -> HEALTH_FACET.ACTIVE;
            case "since" -> HEALTH_FACET.SINCE;
            case "version" -> HEALTH_FACET.VERSION;
            default -> throw new NotCompilable("HealthFacet." + field.getName());
        };
    }

    private Field<JSON> benefits(ExecutableNormalizedField field, Condition of) {
        return list(select(coalesce(jsonArrayAgg(object("Benefit", field.getChildren(), this::benefit))
                .orderBy(BenefitOrder.NEWEST_FIRST), jsonArray()))
                .from(BENEFIT).where(of).and(scope.benefitsOfHolderInScope(caller)));
    }

    private Field<?> benefit(ExecutableNormalizedField field) {
        return switch (field.getName()) {
            case "id" -> globalId("Benefit", BENEFIT.ID);
            case "programme" -> object("Programme", field.getChildren(), programme -> switch (programme.getName()) {
                case "code" -> BENEFIT.PROGRAMME_CODE;
                default -> throw new NotCompilable("Programme." + programme.getName());
            });
            case "startsOn" -> BENEFIT.STARTS_ON;
            case "endsOn" -> BENEFIT.ENDS_ON;
            case "status" -> BENEFIT.STATUS;
            case "reason" -> BENEFIT.REASON;
            case "stopReason" -> BENEFIT.STOP_REASON;
            case "version" -> BENEFIT.VERSION;
            // GraphQL's Float: the double the field-by-field answer gives, written as it writes it
            case "amount" -> DSL.function("graphql_float", SQLDataType.JSON, BENEFIT.AMOUNT);
            default -> throw new NotCompilable("Benefit." + field.getName());
        };
    }

    /**
     * A JSON object of the selected fields of an object of this type, in the order asked, under their
     * response keys; each field only when the policy grants it to the caller.
     */
    private Field<JSON> object(String type, List<ExecutableNormalizedField> selection,
                               Function<ExecutableNormalizedField, Field<?>> value) {
        List<JSONEntry<?>> entries = new ArrayList<>();
        for (ExecutableNormalizedField field : selection) {
            if (!field.getObjectTypeNames().equals(Set.of(type))) {
                throw new NotCompilable("a field of another type than " + type);
            }
            if (field.getName().equals(TYPENAME)) {
                entries.add(key(field.getResultKey()).value(inline(type)));
                continue;
            }
            if (!field.getResolvedArguments().isEmpty()) {
                throw new NotCompilable(type + "." + field.getName() + " with arguments");
            }
            if (!disclosure.reads(caller, type, field.getName())) {
                throw new NotCompilable(type + "." + field.getName() + " is not granted");
            }
            entries.add(key(field.getResultKey()).value(value.apply(field)));
        }
        return jsonObject(entries);
    }

    private static Field<JSON> list(Select<? extends Record1<JSON>> subquery) {
        return DSL.field(subquery);
    }

    private Field<String> mask(Field<String> number) {
        return DSL.function("identity_mask", SQLDataType.VARCHAR, number, MASKING_PADS);
    }

    /** A column of the page of households. */
    private static <T> Field<T> onPage(Field<T> column) {
        return DSL.field(DSL.name(PAGE.last(), column.getName()), column.getDataType());
    }

    private static Field<String> globalId(String type, Field<Long> rowId) {
        return base64url(DSL.concat(inline(type + ":"), rowId.cast(SQLDataType.VARCHAR)));
    }

    private static Field<String> cursor(Field<Long> householdId) {
        return base64url(DSL.concat(inline(HouseholdPages.REGISTERED_CURSOR_PREFIX), householdId.cast(SQLDataType.VARCHAR)));
    }

    private static Field<String> base64url(Field<String> plain) {
        return DSL.function("base64url", SQLDataType.VARCHAR, plain);
    }
}
