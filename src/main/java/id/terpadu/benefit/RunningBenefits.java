package id.terpadu.benefit;

import id.terpadu.access.Caller;
import id.terpadu.db.codes.BenefitStatus;
import id.terpadu.db.tables.records.BenefitRecord;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static id.terpadu.db.Tables.BENEFIT;
import static id.terpadu.db.Tables.MEMBER;

/** The benefits a household or person still receives on a day: what a death or a dissolution leaves to stop. */
@Component
public class RunningBenefits {

    private final DSLContext dsl;
    private final BenefitRepository benefits;

    RunningBenefits(DSLContext dsl, BenefitRepository benefits) {
        this.dsl = dsl;
        this.benefits = benefits;
    }

    /** The benefit, when the caller reads it. */
    public Optional<BenefitRecord> find(Caller caller, long id) {
        return benefits.findById(caller, id);
    }

    /** The household a benefit is for: its own, or its person's. */
    public long householdOf(BenefitRecord benefit) {
        return benefit.getHouseholdId() != null ? benefit.getHouseholdId()
                : dsl.select(MEMBER.HOUSEHOLD_ID).from(MEMBER).where(MEMBER.ID.eq(benefit.getMemberId())).fetchSingle().value1();
    }

    /** Approved or active enrolments of the person, or of the household when {@code memberId} is null, running on or after the day. */
    public List<BenefitRecord> of(Long householdId, Long memberId, LocalDate day) {
        return dsl.selectFrom(BENEFIT)
                .where(memberId != null ? BENEFIT.MEMBER_ID.eq(memberId) : BENEFIT.HOUSEHOLD_ID.eq(householdId))
                .and(BENEFIT.STATUS.in(BenefitStatus.APPROVED, BenefitStatus.ACTIVE))
                .and(BENEFIT.ENDS_ON.isNull().or(BENEFIT.ENDS_ON.ge(day)))
                .orderBy(BENEFIT.ID)
                .fetch();
    }

}
