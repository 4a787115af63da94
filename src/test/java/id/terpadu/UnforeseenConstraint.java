package id.terpadu;

import org.jooq.DSLContext;

import static id.terpadu.db.Tables.MEMBER;
import static org.jooq.impl.DSL.constraint;

/**
 * A check on {@code member.name} that the hub knows nothing of, added for one test and dropped
 * after: the database then refuses a person whose name holds the word, after the hub's own checks
 * let it through, so a test sees how an unexpected failure is answered, logged and rolled back.
 */
public final class UnforeseenConstraint implements AutoCloseable {

    private static final String NAME = "test_unforeseen_member_name";

    private final DSLContext dsl;

    private UnforeseenConstraint(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Refuses every new or changed person whose name contains {@code word}. */
    public static UnforeseenConstraint refusingNamesWith(DSLContext dsl, String word) {
        dsl.alterTable(MEMBER).dropConstraintIfExists(NAME).execute();
        dsl.alterTable(MEMBER).add(constraint(NAME).check(MEMBER.NAME.notContains(word))).execute();
        return new UnforeseenConstraint(dsl);
    }

    @Override
    public void close() {
        dsl.alterTable(MEMBER).dropConstraintIfExists(NAME).execute();
    }
}
