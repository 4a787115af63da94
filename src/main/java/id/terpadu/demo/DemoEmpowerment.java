package id.terpadu.demo;

import id.terpadu.db.codes.BenefitStatus;
import id.terpadu.db.codes.ParticipantOutcome;
import id.terpadu.db.codes.VerificationOutcome;
import id.terpadu.demo.PlannedHousehold.Benefit;
import id.terpadu.demo.PlannedHousehold.Member;
import id.terpadu.demo.PlannedHousehold.RoundResult;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Empowerment of 2015 for the demo households, so that graduation has something to show: some of
 * the poor of 2015 took part in a productive-economy grant (UEP), skills training or a job
 * placement, each with an outcome. Those who left poverty by 2017 mostly came out working; those
 * still poor in 2017 mostly did not. Household grants go only to households still poor in 2017, so
 * a household that left poverty holds no household programme; the others took part as persons.
 * Drawn from a sequence of its own, so every other figure of a seed stays as it was.
 */
final class DemoEmpowerment {

    static final String UEP = "UEP";
    static final String TRAINING = "PELATIHAN";
    static final String PLACEMENT = "PENEMPATAN_KERJA";

    private static final int YEAR = 2015;
    private static final BigDecimal UEP_GRANT = new BigDecimal("5000000.00");
    private static final int STILL_POOR_UEP_PERCENT = 8;
    private static final int STILL_POOR_TRAINING_PERCENT = 6;
    private static final int LEFT_TRAINING_PERCENT = 30;
    private static final int LEFT_PLACEMENT_PERCENT = 12;

    private final SplittableRandom random;

    DemoEmpowerment(long seed) {
        this.random = new SplittableRandom(seed * 17 + YEAR);
    }

    /** The household with the empowerment it took part in, as its rounds of 2015 and 2017 decide. */
    PlannedHousehold took(PlannedHousehold household) {
        VerificationOutcome first = resultOf(household, DemoRounds.FIRST);
        VerificationOutcome second = resultOf(household, DemoRounds.SECOND);
        if (first == null || second == null) {
            return household;
        }
        boolean stillPoor = second == VerificationOutcome.STILL_POOR;
        boolean left = second == VerificationOutcome.LEFT_POVERTY;
        if (!stillPoor && !left) {
            return household;
        }
        List<Benefit> householdBenefits = new ArrayList<>(household.benefits());
        if (stillPoor && random.nextInt(100) < STILL_POOR_UEP_PERCENT) {
            householdBenefits.add(grant(pick(ParticipantOutcome.BUSINESS_CLOSED, ParticipantOutcome.COMPLETED_BUSINESS_RUNNING,
                    ParticipantOutcome.BUSINESS_CLOSED, ParticipantOutcome.DROPPED_OUT)));
        }
        int worker = workingAgeMember(household.members());
        List<Member> members = new ArrayList<>(household.members());
        if (worker >= 0) {
            List<Benefit> personal = new ArrayList<>(members.get(worker).benefits());
            if (stillPoor && random.nextInt(100) < STILL_POOR_TRAINING_PERCENT) {
                personal.add(training(pick(ParticipantOutcome.COMPLETED_NOT_WORKING, ParticipantOutcome.DROPPED_OUT,
                        ParticipantOutcome.COMPLETED_NOT_WORKING, ParticipantOutcome.COMPLETED_WORKING)));
            }
            if (left && random.nextInt(100) < LEFT_TRAINING_PERCENT) {
                personal.add(training(pick(ParticipantOutcome.COMPLETED_WORKING, ParticipantOutcome.COMPLETED_WORKING,
                        ParticipantOutcome.COMPLETED_BUSINESS_RUNNING, ParticipantOutcome.COMPLETED_NOT_WORKING)));
            }
            if (left && random.nextInt(100) < LEFT_PLACEMENT_PERCENT) {
                personal.add(placement(pick(ParticipantOutcome.COMPLETED_WORKING, ParticipantOutcome.COMPLETED_WORKING,
                        ParticipantOutcome.COMPLETED_WORKING, ParticipantOutcome.DROPPED_OUT)));
            }
            Member member = members.get(worker);
            members.set(worker, new Member(member.nik(), member.name(), member.sex(), member.birthDate(), member.relationship(),
                    member.health(), member.education(), List.copyOf(personal)));
        }
        return new PlannedHousehold(household.kk(), household.villageCode(), household.address(), household.rt(),
                household.rw(), household.status(), List.copyOf(members), household.social(), household.housing(),
                List.copyOf(householdBenefits), household.verification());
    }

    private static VerificationOutcome resultOf(PlannedHousehold household, String round) {
        return household.verification().stream().filter(result -> result.round().equals(round))
                .map(RoundResult::result).findFirst().orElse(null);
    }

    /** The first member aged 18 to 55 in the programmes' year, or -1. */
    private static int workingAgeMember(List<Member> members) {
        LocalDate midYear = LocalDate.of(YEAR, 7, 1);
        for (int i = 0; i < members.size(); i++) {
            int age = Period.between(members.get(i).birthDate(), midYear).getYears();
            if (age >= 18 && age <= 55) {
                return i;
            }
        }
        return -1;
    }

    private ParticipantOutcome pick(ParticipantOutcome... outcomes) {
        return outcomes[random.nextInt(outcomes.length)];
    }

    private Benefit grant(ParticipantOutcome outcome) {
        LocalDate startsOn = LocalDate.of(YEAR, 3 + random.nextInt(4), 1);
        return new Benefit(UEP, startsOn, LocalDate.of(YEAR, 12, 31), BenefitStatus.STOPPED, UEP_GRANT,
                "Productive-economy grant (UEP) for a small business, with mentoring.",
                outcome == ParticipantOutcome.DROPPED_OUT ? "Left the mentoring." : "Grant period ended.",
                outcome, LocalDate.of(YEAR + 1, 1 + random.nextInt(6), 15));
    }

    private Benefit training(ParticipantOutcome outcome) {
        LocalDate startsOn = LocalDate.of(YEAR, 2 + random.nextInt(8), 1);
        LocalDate endsOn = startsOn.plusMonths(2).minusDays(1);
        return new Benefit(TRAINING, startsOn, endsOn, BenefitStatus.STOPPED, null,
                "Skills training (sewing, welding or food processing) for a working-age person.",
                outcome == ParticipantOutcome.DROPPED_OUT ? "Left the course." : "Course completed.",
                outcome, outcome == ParticipantOutcome.DROPPED_OUT ? startsOn.plusWeeks(3) : endsOn.plusMonths(3));
    }

    private Benefit placement(ParticipantOutcome outcome) {
        LocalDate startsOn = LocalDate.of(YEAR, 6 + random.nextInt(6), 1);
        return new Benefit(PLACEMENT, startsOn, startsOn.plusMonths(1).minusDays(1), BenefitStatus.STOPPED, null,
                "Placed with a garment or food-processing employer in the regency.",
                outcome == ParticipantOutcome.DROPPED_OUT ? "Left the job in the first month." : "Placement completed.",
                outcome, startsOn.plusMonths(outcome == ParticipantOutcome.DROPPED_OUT ? 0 : 6));
    }
}
