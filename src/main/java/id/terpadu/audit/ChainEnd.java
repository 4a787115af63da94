package id.terpadu.audit;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import static id.terpadu.db.Tables.AUDIT_CHAIN_HEAD;

/**
 * The position of the hash chain's committed end: every position up to it has committed, in commit
 * order. One row to read. The greatest position in the trail is not it: a long load chains its
 * entries before it commits, so positions past the end may still be rolled back. The sealer stops
 * here, and the change feed delivers up to here.
 */
@Component
class ChainEnd {

    private final DSLContext dsl;

    ChainEnd(DSLContext dsl) {
        this.dsl = dsl;
    }

    long position() {
        return dsl.select(AUDIT_CHAIN_HEAD.POSITION).from(AUDIT_CHAIN_HEAD).fetchSingle(AUDIT_CHAIN_HEAD.POSITION);
    }
}
