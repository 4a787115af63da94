package id.terpadu.benefit;

import id.terpadu.access.Caller;
import id.terpadu.access.RowScope;
import id.terpadu.db.codes.BenefitStatus;
import id.terpadu.error.NotFoundException;
import id.terpadu.household.HouseholdFilterField;
import id.terpadu.programme.ReferenceDataRepository;
import org.jooq.Condition;
import org.springframework.stereotype.Component;

import java.time.LocalDate;

import static id.terpadu.db.Tables.BENEFIT;
import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.MEMBER;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.selectOne;

/**
 * The households filter {@code programme}: households that hold the programme today, themselves or
 * through a member; approved or active (a proposal is not held), of the programmes the caller reads.
 */
@Component
class ProgrammeFilter implements HouseholdFilterField {

    private final ReferenceDataRepository referenceData;
    private final RowScope scope;

    ProgrammeFilter(ReferenceDataRepository referenceData, RowScope scope) {
        this.referenceData = referenceData;
        this.scope = scope;
    }

    @Override
    public String name() {
        return "programme";
    }

    @Override
    public Condition condition(Caller caller, Object value) {
        String programme = value.toString();
        if (referenceData.findProgramme(programme).isEmpty()) {
            throw new NotFoundException("filter.programme", "No programme has the code '" + programme + "'.");
        }
        LocalDate today = LocalDate.now();
        Condition current = BENEFIT.PROGRAMME_CODE.eq(programme)
                .and(BENEFIT.STATUS.in(BenefitStatus.APPROVED, BenefitStatus.ACTIVE))
                .and(BENEFIT.STARTS_ON.le(today))
                .and(BENEFIT.ENDS_ON.isNull().or(BENEFIT.ENDS_ON.ge(today)))
                .and(scope.benefits(caller));
        return exists(selectOne().from(BENEFIT).where(current).and(BENEFIT.HOUSEHOLD_ID.eq(HOUSEHOLD.ID)))
                .or(exists(selectOne().from(BENEFIT).join(MEMBER).on(MEMBER.ID.eq(BENEFIT.MEMBER_ID))
                        .where(current).and(MEMBER.HOUSEHOLD_ID.eq(HOUSEHOLD.ID))));
    }
}
