package id.terpadu.demo;

import id.terpadu.db.codes.HouseholdStatus;
import id.terpadu.db.codes.VerificationOutcome;
import id.terpadu.demo.PlannedHousehold.RoundResult;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Bangli's verification rounds of 2015 and 2017 for the demo households. The households of today
 * are the poor of 2017 (STILL_POOR when already poor in 2015, else NEW), with their members as
 * counted; the poor of 2015 are some of them, with the persons counted then, and the former
 * households that have since left poverty (still ACTIVE, no longer enrolled in household
 * programmes), moved or died out (DISSOLVED). At Bangli's scale the rounds give exactly the
 * regency's figures; at other scales the same ratios, rounded.
 */
final class DemoRounds {

    static final String FIRST = "2015";
    static final String SECOND = "2017";
    /** Households in Bangli's 2015 round. */
    static final int BANGLI_2015_HOUSEHOLDS = 11_055;
    /** Persons in Bangli's 2015 round. */
    static final int BANGLI_2015_PERSONS = 36_821;

    /** Of today's poor households, the share already poor in 2015. */
    private static final int CONTINUING_PERCENT = 70;
    /** Persons a former household had in 2015, on average. */
    private static final double FORMER_HOUSEHOLD_SIZE = 3.0;
    private static final int FOUND_NEW_IN_2015_PERCENT = 15;
    /** How the former households left the list: left poverty, moved, died out. */
    private static final int[] DEPARTURE_WEIGHTS = {55, 25, 20};
    private static final VerificationOutcome[] DEPARTURES = {VerificationOutcome.LEFT_POVERTY, VerificationOutcome.MOVED,
            VerificationOutcome.DECEASED};

    private final int households;
    private final int continuing;
    private final int former;
    private final int formerPersons;
    private final byte[] continuingPersons;
    private final SplittableRandom random;

    private int seen;
    private int chosen;

    /**
     * @param households today's (2017's) poor households
     * @param seed       the demo seed; the rounds draw from their own sequence, so the households stay
     *                   exactly those of the same seed without rounds
     */
    DemoRounds(int households, long seed) {
        this.households = households;
        int households2015 = scaled(households, BANGLI_2015_HOUSEHOLDS);
        int persons2015 = scaled(households, BANGLI_2015_PERSONS);
        this.continuing = Math.clamp(Math.round(households * CONTINUING_PERCENT / 100.0), 1, households);
        this.former = households2015 - continuing;
        // persons of the former households, such that each household of 2015 has one to nine persons
        int persons = Math.clamp(Math.round(former * FORMER_HOUSEHOLD_SIZE), former, HouseholdSizes.MAX * former);
        persons = Math.clamp(persons, persons2015 - HouseholdSizes.MAX * continuing, persons2015 - continuing);
        this.formerPersons = persons;
        this.random = new SplittableRandom(seed).split().split();
        this.continuingPersons = HouseholdSizes.draw(continuing, persons2015 - formerPersons, random.split());
    }

    /** Bangli's figure at this scale, rounded like {@link DemoDataProperties#members()}. */
    static int scaled(int households, int bangliFigure) {
        return (int) ((2L * households * bangliFigure + DemoDataProperties.BANGLI_HOUSEHOLDS)
                / (2L * DemoDataProperties.BANGLI_HOUSEHOLDS));
    }

    /** Households that were poor in 2015 and are no longer on the list. */
    int formerHouseholds() {
        return former;
    }

    /** Their persons as counted in 2015. */
    int formerPersons() {
        return formerPersons;
    }

    /** One of today's households (in the order planned) with its results: continuing ones drawn exactly. */
    PlannedHousehold current(PlannedHousehold household) {
        boolean continues = random.nextInt(households - seen) < continuing - chosen;
        seen++;
        String cluster = household.social().cluster();
        RoundResult now = new RoundResult(SECOND, continues ? VerificationOutcome.STILL_POOR : VerificationOutcome.NEW,
                household.members().size(), cluster);
        if (!continues) {
            return household.verified(HouseholdStatus.ACTIVE, household.benefits(), List.of(now));
        }
        RoundResult then = new RoundResult(FIRST, firstOutcome(), continuingPersons[chosen++], cluster);
        return household.verified(HouseholdStatus.ACTIVE, household.benefits(), List.of(then, now));
    }

    /** A former household: poor in 2015, gone from the list in 2017. */
    PlannedHousehold former(PlannedHousehold household) {
        String cluster = household.social().cluster();
        int persons = household.members().size();
        VerificationOutcome departure = DEPARTURES[weighted()];
        RoundResult then = new RoundResult(FIRST, firstOutcome(), persons, cluster);
        RoundResult now = new RoundResult(SECOND, departure, departure == VerificationOutcome.DECEASED ? 0 : persons,
                cluster);
        HouseholdStatus status = departure == VerificationOutcome.LEFT_POVERTY ? HouseholdStatus.ACTIVE
                : HouseholdStatus.DISSOLVED;
        return household.verified(status, List.of(), List.of(then, now));
    }

    private VerificationOutcome firstOutcome() {
        return random.nextInt(100) < FOUND_NEW_IN_2015_PERCENT ? VerificationOutcome.NEW
                : VerificationOutcome.STILL_POOR;
    }

    private int weighted() {
        int pick = random.nextInt(100);
        int index = 0;
        while (pick >= DEPARTURE_WEIGHTS[index]) {
            pick -= DEPARTURE_WEIGHTS[index];
            index++;
        }
        return index;
    }
}
