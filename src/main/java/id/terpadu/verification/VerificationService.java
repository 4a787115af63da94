package id.terpadu.verification;

import id.terpadu.db.codes.VerificationOutcome;
import id.terpadu.db.codes.VerificationRoundStatus;
import id.terpadu.db.tables.records.ClusterRecord;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.VerificationResultRecord;
import id.terpadu.db.tables.records.VerificationRoundRecord;
import id.terpadu.error.BadRequestException;
import id.terpadu.error.ConflictException;
import id.terpadu.error.NotFoundException;
import id.terpadu.access.Caller;
import id.terpadu.changerequest.RoundFindings;
import id.terpadu.household.Households;
import id.terpadu.programme.ReferenceDataRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Set;
import java.util.regex.Pattern;

/** Opens and closes verification rounds and records their results; each method is one transaction. */
@Service
@Transactional
class VerificationService {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._/-]{0,39}");
    
    private static final int MAX_NOTE = 500;

    private final VerificationRepository rounds;
    private final Households households;
    private final ReferenceDataRepository referenceData;
    private final RoundFindings findings;

    VerificationService(VerificationRepository rounds, Households households,
                        ReferenceDataRepository referenceData, RoundFindings findings) {
        this.findings = findings;
        this.rounds = rounds;
        this.households = households;
        this.referenceData = referenceData;
    }

    VerificationRoundRecord open(OpenVerificationRoundInput input) {
        String name = input.name() == null ? "" : input.name().strip();
        if (!NAME.matcher(name).matches()) {
            throw new BadRequestException("input.name",
                    "Name the round with letters and digits (like 2019), at most 40 characters.");
        }
        if (input.year() < 2000 || input.year() > 2100) {
            throw new BadRequestException("input.year", "The year of a round is between 2000 and 2100.");
        }
        VerificationRoundRecord previous;
        if (input.previous() != null) {
            previous = rounds.findRound(input.previous().strip())
                    .orElseThrow(() -> new NotFoundException("input.previous", "No verification round has this name."));
            if (previous.getYear() > input.year()) {
                throw new BadRequestException("input.previous",
                        "The previous round (" + previous.getYear() + ") is later than this one.");
            }
        } else {
            previous = rounds.latestBefore(input.year()).orElse(null);
        }
        if (rounds.findRound(name).isPresent()) {
            throw new ConflictException("input.name", "A verification round with this name already exists.");
        }
        return rounds.insertRound(new VerificationRoundRecord()
                .setName(name)
                .setYear((short) input.year())
                .setPreviousId(previous == null ? null : previous.getId()));
    }

    VerificationResultRecord record(Caller caller, RecordVerificationResultInput input) {
        VerificationRoundRecord round = rounds.findRoundForRecording(input.round())
                .orElseThrow(() -> new NotFoundException("input.round", "No verification round has this name."));
        if (round.getStatus() == VerificationRoundStatus.CLOSED) {
            throw new ConflictException("input.round", "The round " + round.getName() + " is closed: its results can no longer change.");
        }
        HouseholdRecord household = households.get(caller, input.kk(), input.householdId(), "input.kk", "input.householdId");
        if (input.persons() < 0 || input.persons() > 99) {
            throw new BadRequestException("input.persons", "The number of persons is 0 to 99.");
        }
        if (input.persons() == 0 && Outcomes.POOR.contains(input.result())) {
            throw new BadRequestException("input.persons", "A poor household has at least one person.");
        }
        String cluster;
        if (input.cluster() != null) {
            cluster = referenceData.findCluster(input.cluster()).map(ClusterRecord::getCode)
                    .orElseThrow(() -> new NotFoundException("input.cluster", "No cluster has this code."));
        } else {
            cluster = rounds.currentCluster(household.getId()).orElse(null);
        }
        String note = input.note() == null || input.note().isBlank() ? null : input.note().strip();
        if (note != null && note.length() > MAX_NOTE) {
            throw new BadRequestException("input.note", "Keep the note to " + MAX_NOTE + " characters.");
        }
        return rounds.upsertResult(new VerificationResultRecord()
                .setRoundId(round.getId())
                .setHouseholdId(household.getId())
                .setResult(input.result())
                .setPersons((short) input.persons())
                .setClusterCode(cluster)
                .setNote(note));
    }

    /** Closes the round and turns its results into change requests, opened by the closer. */
    VerificationRoundRecord close(Caller caller, CloseVerificationRoundInput input) {
        VerificationRoundRecord round = rounds.findRoundForClosing(input.round())
                .orElseThrow(() -> new NotFoundException("input.round", "No verification round has this name."));
        if (round.getStatus() == VerificationRoundStatus.CLOSED) {
            throw new ConflictException("input.round", "The round " + round.getName() + " is already closed.");
        }
        VerificationRoundRecord closed = rounds.close(round.getId());
        findings.open(caller, round.getId(), round.getName());
        return closed;
    }

    record OpenVerificationRoundInput(String name, int year, String previous) {
    }

    record RecordVerificationResultInput(String round, String kk, String householdId, VerificationOutcome result,
                                         int persons, String cluster, String note) {
    }

    record CloseVerificationRoundInput(String round) {
    }
}
