package id.terpadu.card;

import id.terpadu.access.Caller;
import id.terpadu.access.RowScope;
import id.terpadu.database.VersionedTable;
import id.terpadu.db.tables.records.FamilyCardRecord;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static id.terpadu.db.Tables.FAMILY_CARD;
import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.MEMBER;
import static id.terpadu.db.Tables.SOCIAL_FACET;

/** Family cards, as a caller sees them: those of households in its region. */
@Repository
class FamilyCardRepository {

    static final VersionedTable<FamilyCardRecord> TABLE = new VersionedTable<>(
            FAMILY_CARD, FAMILY_CARD.ID, FAMILY_CARD.VERSION, FAMILY_CARD.UPDATED_AT, "The card");

    private final DSLContext dsl;
    private final RowScope scope;

    FamilyCardRepository(DSLContext dsl, RowScope scope) {
        this.dsl = dsl;
        this.scope = scope;
    }

    Optional<FamilyCardRecord> findById(Caller caller, long id) {
        return dsl.select(FAMILY_CARD.asterisk()).from(FAMILY_CARD).join(HOUSEHOLD).on(HOUSEHOLD.ID.eq(FAMILY_CARD.HOUSEHOLD_ID))
                .where(FAMILY_CARD.ID.eq(id)).and(scope.households(caller))
                .fetchOptionalInto(FAMILY_CARD);
    }

    List<FamilyCardRecord> findByHouseholds(Collection<Long> householdIds) {
        return dsl.selectFrom(FAMILY_CARD).where(FAMILY_CARD.HOUSEHOLD_ID.in(householdIds))
                .orderBy(FAMILY_CARD.REVOKED_AT.desc().nullsFirst(), FAMILY_CARD.ID.desc()).fetch();
    }

    /** A card by its number, whoever asks: for the check of a scanned card, which answers validity and type only. */
    Optional<FamilyCardRecord> findByNumber(String number) {
        return dsl.selectFrom(FAMILY_CARD).where(FAMILY_CARD.NUMBER.eq(number)).fetchOptional();
    }

    /** The household's card in force, locked until the transaction ends. */
    Optional<FamilyCardRecord> inForce(long householdId) {
        return dsl.selectFrom(FAMILY_CARD).where(FAMILY_CARD.HOUSEHOLD_ID.eq(householdId)).and(FAMILY_CARD.REVOKED_AT.isNull())
                .forUpdate().fetchOptional();
    }

    /** The household's cluster as the social office assigned it; empty when none. */
    Optional<String> clusterOf(long householdId) {
        return dsl.select(SOCIAL_FACET.CLUSTER_CODE).from(SOCIAL_FACET).where(SOCIAL_FACET.HOUSEHOLD_ID.eq(householdId))
                .fetchOptional(SOCIAL_FACET.CLUSTER_CODE).filter(code -> code != null);
    }

    /** The household's members now, by id. */
    Long[] memberIdsOf(long householdId) {
        return dsl.select(MEMBER.ID).from(MEMBER).where(MEMBER.HOUSEHOLD_ID.eq(householdId)).orderBy(MEMBER.ID)
                .fetchArray(MEMBER.ID);
    }

    long nextSerial() {
        return dsl.nextval(DSL.sequence(DSL.name("family_card_serial"), Long.class));
    }

    FamilyCardRecord insert(FamilyCardRecord card) {
        return dsl.insertInto(FAMILY_CARD).set(card).returning().fetchSingle();
    }
}
