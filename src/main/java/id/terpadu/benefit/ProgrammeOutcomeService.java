package id.terpadu.benefit;

import id.terpadu.access.Caller;
import id.terpadu.access.RowScope;
import id.terpadu.database.VersionedRows;
import id.terpadu.db.codes.BenefitStatus;
import id.terpadu.db.codes.ParticipantOutcome;
import id.terpadu.db.codes.ProgrammeKind;
import id.terpadu.db.tables.records.BenefitRecord;
import id.terpadu.db.tables.records.ProgrammeRecord;
import id.terpadu.error.BadRequestException;
import id.terpadu.error.ConflictException;
import id.terpadu.error.ForbiddenException;
import id.terpadu.error.NotFoundException;
import id.terpadu.graphql.GlobalId;
import id.terpadu.programme.ReferenceDataRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;

/**
 * Records what came of a participant's enrolment in an empowerment programme: the agency running
 * the programme (the one whose benefits it enrols, in the access policy) records it, once the
 * enrolment went beyond a proposal. One transaction per call.
 */
@Service
@Transactional
class ProgrammeOutcomeService {

    static final int MAX_NOTE = 500;

    private final BenefitRepository benefits;
    private final ReferenceDataRepository referenceData;
    private final VersionedRows versionedRows;
    private final RowScope scope;
    private final Clock clock;

    ProgrammeOutcomeService(BenefitRepository benefits, ReferenceDataRepository referenceData, VersionedRows versionedRows,
                            RowScope scope, Clock clock) {
        this.benefits = benefits;
        this.referenceData = referenceData;
        this.versionedRows = versionedRows;
        this.scope = scope;
        this.clock = clock;
    }

    BenefitRecord record(Caller caller, RecordProgrammeOutcomeInput input) {
        BenefitRecord benefit = GlobalId.decode(input.benefitId())
                .filter(id -> id.type().equals("Benefit"))
                .flatMap(id -> benefits.findById(caller, id.id()))
                .orElseThrow(() -> new NotFoundException("input.benefitId", "No benefit has this ID."));
        ProgrammeRecord programme = referenceData.findProgramme(benefit.getProgrammeCode())
                .orElseThrow(() -> new NotFoundException("input.benefitId", "No benefit has this ID."));
        if (!scope.writesBenefitsOf(caller, programme.getCode())) {
            throw new ForbiddenException("input.benefitId", "Only the agency running " + programme.getCode()
                    + " records its participants' outcomes.");
        }
        if (programme.getKind() != ProgrammeKind.EMPOWERMENT) {
            throw new BadRequestException("input.benefitId", programme.getCode()
                    + " is aid, not an empowerment programme: its enrolments have no outcome.");
        }
        if (benefit.getStatus() == BenefitStatus.PROPOSED) {
            throw new ConflictException("input.benefitId",
                    "The enrolment is only proposed: an outcome is recorded once the participation was approved.");
        }
        if (input.result() == null) {
            throw new BadRequestException("input.result", "Say what came of the participation.");
        }
        if (input.date() == null) {
            throw new BadRequestException("input.date", "Give the day the outcome was found.");
        }
        if (input.date().isBefore(benefit.getStartsOn())) {
            throw new BadRequestException("input.date", "The outcome cannot come before the enrolment started ("
                    + benefit.getStartsOn() + ").");
        }
        if (input.date().isAfter(LocalDate.now(clock))) {
            throw new BadRequestException("input.date", "The day lies in the future.");
        }
        String note = input.note() == null || input.note().isBlank() ? null : input.note().strip();
        if (note != null && note.length() > MAX_NOTE) {
            throw new BadRequestException("input.note", "A note has at most " + MAX_NOTE + " characters.");
        }
        return versionedRows.change(BenefitRepository.TABLE, benefit.getId(), input.expectedVersion(),
                new BenefitRecord().setOutcome(input.result()).setOutcomeOn(input.date()).setOutcomeNote(note));
    }

    record RecordProgrammeOutcomeInput(String benefitId, long expectedVersion, ParticipantOutcome result, LocalDate date,
                                       String note) {
    }
}
