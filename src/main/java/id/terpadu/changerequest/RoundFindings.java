package id.terpadu.changerequest;

import id.terpadu.access.Caller;
import id.terpadu.benefit.RunningBenefits;
import id.terpadu.db.codes.ChangeRequestKind;
import id.terpadu.db.codes.MemberStatus;
import id.terpadu.db.codes.Relationship;
import id.terpadu.db.codes.VerificationOutcome;
import id.terpadu.db.tables.records.BenefitRecord;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.db.tables.records.VerificationResultRecord;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.MEMBER;
import static id.terpadu.db.Tables.VERIFICATION_RESULT;

/**
 * A closed verification round's results turned into work, never applied without a decision: a
 * DECEASED household opens the record of its head's death (the date the verifiers recorded it, to
 * be confirmed), a MOVED one its dissolution as moved away, and LEFT_POVERTY lists the household's
 * running benefits as stop requests for review by their agencies. Opened by whoever closed the round.
 */
@Component
public class RoundFindings {

    private final DSLContext dsl;
    private final ChangeRequestService service;
    private final ChangeRequestScope scope;
    private final RunningBenefits running;
    private final BenefitRequests benefits;

    RoundFindings(DSLContext dsl, ChangeRequestService service, ChangeRequestScope scope, RunningBenefits running,
                  BenefitRequests benefits) {
        this.dsl = dsl;
        this.service = service;
        this.scope = scope;
        this.running = running;
        this.benefits = benefits;
    }

    /** Opens the requests of a round that is closing, in its transaction; answers how many. */
    @Transactional
    public int open(Caller closer, long roundId, String roundName) {
        List<Proposal> proposals = new ArrayList<>();
        for (VerificationResultRecord result : dsl.selectFrom(VERIFICATION_RESULT).where(VERIFICATION_RESULT.ROUND_ID.eq(roundId))
                .and(VERIFICATION_RESULT.RESULT.in(VerificationOutcome.DECEASED, VerificationOutcome.MOVED, VerificationOutcome.LEFT_POVERTY))
                .orderBy(VERIFICATION_RESULT.ID).fetch()) {
            HouseholdRecord household = dsl.selectFrom(HOUSEHOLD).where(HOUSEHOLD.ID.eq(result.getHouseholdId())).fetchSingle();
            String found = "Verification round " + roundName + " found the household " + result.getResult()
                    + (result.getNote() == null ? "." : ": " + result.getNote());
            switch (result.getResult()) {
                case DECEASED -> head(household.getId()).ifPresent(head -> proposals.add(new Proposal(ChangeRequestKind.RECORD_DEATH,
                        null, household.getId(), head.getId(), household.getVillageCode(),
                        "Record the death of the head, found by verification round " + roundName + " (confirm the date: the verifiers recorded it on "
                                + result.getRecordedAt().toLocalDate() + ").",
                        new LifeEventRequests.Death(head.getId(), head.getVersion(), result.getRecordedAt().toLocalDate(), null),
                        found, false)));
                case MOVED -> proposals.add(new Proposal(ChangeRequestKind.DISSOLVE_HOUSEHOLD, null, household.getId(), null,
                        household.getVillageCode(), "Dissolve the household: the family moved out, as verification round "
                        + roundName + " found.",
                        new LifeEventRequests.Dissolution(household.getId(), household.getVersion(), true), found, false));
                case LEFT_POVERTY -> {
                    for (BenefitRecord benefit : runningOf(household.getId())) {
                        LocalDate today = LocalDate.now();
                        proposals.add(benefits.stopProposal(benefit, household.getVillageCode(), benefit.getVersion(),
                                benefit.getStartsOn().isAfter(today) ? benefit.getStartsOn() : today,
                                found + " Review whether " + benefit.getProgrammeCode() + " continues."));
                    }
                }
                default -> {
                }
            }
        }
        for (Proposal proposal : proposals) {
            service.open(closer, role(closer, proposal), proposal, roundId);
        }
        return proposals.size();
    }

    /** The role the closer opens a request as: one that proposes it, else its first. */
    private String role(Caller closer, Proposal proposal) {
        String role = scope.proposingRole(closer, proposal.kind(), proposal.programme());
        return role != null ? role : closer.roles().stream().sorted().findFirst().orElse("uptpk");
    }

    private java.util.Optional<MemberRecord> head(long householdId) {
        return dsl.selectFrom(MEMBER).where(MEMBER.HOUSEHOLD_ID.eq(householdId), MEMBER.RELATIONSHIP.eq(Relationship.HEAD),
                MEMBER.STATUS.eq(MemberStatus.LIVING)).fetchOptional();
    }

    /** The running benefits of the household and of its living members. */
    private List<BenefitRecord> runningOf(long householdId) {
        List<BenefitRecord> all = new ArrayList<>(running.of(householdId, null, LocalDate.now()));
        for (Long memberId : dsl.select(MEMBER.ID).from(MEMBER).where(MEMBER.HOUSEHOLD_ID.eq(householdId),
                MEMBER.STATUS.eq(MemberStatus.LIVING)).fetch(MEMBER.ID)) {
            all.addAll(running.of(null, memberId, LocalDate.now()));
        }
        all.sort(java.util.Comparator.comparing(BenefitRecord::getId));
        return all;
    }
}
