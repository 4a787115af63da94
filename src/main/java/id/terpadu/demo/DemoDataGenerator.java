package id.terpadu.demo;

import id.terpadu.demo.HouseholdPlanner.Village;
import id.terpadu.region.RegionCode;
import org.jooq.DSLContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static id.terpadu.db.Tables.AUDIT_CONTEXT;
import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.REGION;
import static id.terpadu.db.Tables.VERIFICATION_ROUND;

/**
 * Fills a regency that has no households yet with deterministic demo data: households in its real
 * villages with valid, unique NIK and KK numbers, clusters, JKN, housing, schooling and benefits
 * across the programmes, and empowerment with its participants' outcomes ({@link DemoEmpowerment}).
 * By default Bangli as verified in 2017 (8,995 households, 32,418 persons), with the closed
 * verification rounds of 2015 and 2017 ({@link DemoRounds}), whose 2015 list adds the households
 * that have left it since; benchmarks raise the number of households up to a million.
 *
 * <p>The whole load is one transaction: a hub has either all of the demo data or none of it, so a
 * load that fails half-way (or a stopped application) leaves an empty household table and the next
 * start loads again, instead of a half-filled regency that would never be completed. PostgreSQL
 * handles a transaction of some million rows without trouble; memory stays bounded because
 * households are planned and written {@value #CHUNK} at a time, and their audit entries join the
 * trail's hash chain a chunk at a time ({@link id.terpadu.audit.AuditChain}) rather than all at commit: the hub's
 * other writers wait for the load.
 */
public final class DemoDataGenerator {

    /** Households planned and written together; about 3,600 members and 15,000 rows in all. */
    static final int CHUNK = 1_000;
    private static final short VILLAGE = 4;

    private DemoDataGenerator() {
    }

    private static void write(HouseholdPlanner planner, UnaryOperator<PlannedHousehold> verify, DemoDataWriter writer) {
        List<PlannedHousehold> chunk = new ArrayList<>(CHUNK);
        while (planner.hasNext()) {
            chunk.add(verify.apply(planner.next()));
            if (chunk.size() == CHUNK || !planner.hasNext()) {
                writer.write(chunk);
                writer.chainAuditTrail();
                chunk.clear();
            }
        }
    }

    /**
     * Generates the demo data into the database behind {@code dsl}, in one transaction.
     *
     * @throws IllegalArgumentException when the regency has no villages
     * @throws IllegalStateException    when the regency already has households
     */
    public static DemoDataSummary generate(DSLContext dsl, DemoDataProperties properties) {
        long started = System.nanoTime();
        String regency = RegionCode.normalise(properties.regency())
                .orElseThrow(() -> new IllegalArgumentException("'" + properties.regency() + "' is not a region code"));
        DemoDataSummary summary = dsl.transactionResult(transaction -> {
            DSLContext tx = transaction.dsl();
            // the audit trail records the load as the hub's own, one entry per created row
            tx.selectFrom(AUDIT_CONTEXT.call("system", "system", null, "system", "demoLoad", null)).fetch();
            List<Village> villages = tx.select(REGION.CODE)
                    .from(REGION)
                    .where(REGION.CODE.startsWith(regency + ".").and(REGION.LEVEL.eq(VILLAGE)))
                    .orderBy(REGION.CODE)
                    .fetch(code -> Village.of(code.value1()));
            if (villages.isEmpty()) {
                throw new IllegalArgumentException("Region " + regency + " has no villages");
            }
            if (tx.fetchExists(HOUSEHOLD, HOUSEHOLD.VILLAGE_CODE.startsWith(regency + "."))) {
                throw new IllegalStateException("Region " + regency
                        + " already has households; demo data only goes into an empty regency");
            }
            if (tx.fetchExists(VERIFICATION_ROUND, VERIFICATION_ROUND.NAME.in(DemoRounds.FIRST, DemoRounds.SECOND))) {
                throw new IllegalStateException("The hub already has verification rounds named " + DemoRounds.FIRST
                        + " or " + DemoRounds.SECOND + "; demo data brings its own");
            }
            DemoRounds rounds = new DemoRounds(properties.households(), properties.seed());
            DemoDataWriter writer = new DemoDataWriter(tx, DemoDataWriter.closedRounds(tx));
            IdentitySerials serials = new IdentitySerials();
            DemoEmpowerment empowerment = new DemoEmpowerment(properties.seed());
            write(new HouseholdPlanner(villages, properties.households(), properties.members(), properties.seed(),
                    serials), household -> empowerment.took(rounds.current(household)), writer);
            if (rounds.formerHouseholds() > 0) {
                // the former households draw their own sequence but share the serials, so numbers stay unique
                write(new HouseholdPlanner(villages, rounds.formerHouseholds(), rounds.formerPersons(),
                        properties.seed() * 31 + 2015, serials), household -> empowerment.took(rounds.former(household)), writer);
            }
            return writer.summary(regency, Duration.ofNanos(System.nanoTime() - started));
        });
        // fresh planner statistics for the new rows: without them the first aggregates over a large
        // load (the round statistics, the reports) are planned blind and take seconds, not milliseconds
        dsl.query("ANALYZE").execute();
        return summary;
    }
}
