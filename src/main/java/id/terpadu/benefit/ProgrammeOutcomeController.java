package id.terpadu.benefit;

import id.terpadu.access.Caller;
import id.terpadu.benefit.ProgrammeOutcomeService.RecordProgrammeOutcomeInput;
import id.terpadu.db.codes.ParticipantOutcome;
import id.terpadu.db.tables.records.BenefitRecord;
import id.terpadu.db.tables.records.HouseholdRecord;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Empowerment: participants' outcomes, and the programmes a household received on its path out of
 * poverty (the rounds of that path are the verification feature's).
 */
@Controller
class ProgrammeOutcomeController {

    private final ProgrammeOutcomeService service;
    private final BenefitRepository benefits;

    ProgrammeOutcomeController(ProgrammeOutcomeService service, BenefitRepository benefits) {
        this.service = service;
        this.benefits = benefits;
    }

    /** A participant's outcome as the schema shows it. */
    record ProgrammeOutcome(ParticipantOutcome result, LocalDate date, String note) {
    }

    @MutationMapping
    BenefitRecord recordProgrammeOutcome(@Argument RecordProgrammeOutcomeInput input, @ContextValue Caller caller) {
        return service.record(caller, input);
    }

    @SchemaMapping(typeName = "Benefit")
    ProgrammeOutcome outcome(BenefitRecord benefit) {
        return benefit.getOutcome() == null ? null
                : new ProgrammeOutcome(benefit.getOutcome(), benefit.getOutcomeOn(), benefit.getOutcomeNote());
    }

    /** The path's source is the household itself. */
    @BatchMapping(typeName = "PathOutOfPoverty")
    List<List<BenefitRecord>> programmes(List<HouseholdRecord> households, @ContextValue Caller caller) {
        Map<Long, List<BenefitRecord>> received = benefits.receivedBy(caller, households.stream().map(HouseholdRecord::getId).toList());
        return households.stream().map(household -> received.getOrDefault(household.getId(), List.of())).toList();
    }
}
