package id.terpadu.health;

import id.terpadu.database.VersionedRows;
import id.terpadu.db.codes.JknSegment;
import id.terpadu.db.tables.records.HealthFacetRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.error.BadRequestException;
import id.terpadu.access.Caller;
import id.terpadu.household.Members;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;

/** The health office's writes: JKN status. */
@Service
@Transactional
class HealthService {

    private final Members members;
    private final VersionedRows versionedRows;

    HealthService(Members members, VersionedRows versionedRows) {
        this.members = members;
        this.versionedRows = versionedRows;
    }

    HealthFacetRecord updateJknStatus(Caller caller, UpdateJknStatusInput input) {
        MemberRecord member = members.get(caller, input.nik(), input.memberId(), "input.nik", "input.memberId");
        boolean insured = input.segment() != JknSegment.NONE;
        if (insured && (input.jknNumber() == null || !input.jknNumber().matches("[0-9]{13}"))) {
            throw new BadRequestException("input.jknNumber", "A JKN card number has 13 digits; it is required unless the segment is NONE.");
        }
        if (!insured && input.active()) {
            throw new BadRequestException("input.active", "Without a JKN segment (NONE) the cover cannot be active.");
        }
        if (input.since() != null && input.since().isAfter(LocalDate.now())) {
            throw new BadRequestException("input.since", "The date lies in the future.");
        }
        if (input.since() != null && input.since().isBefore(member.getBirthDate())) {
            throw new BadRequestException("input.since", "The date lies before the person was born.");
        }
        return versionedRows.write(HealthFacets.TABLE, member.getId(), input.expectedVersion(),
                new HealthFacetRecord()
                        .setJknNumber(insured ? input.jknNumber() : null)
                        .setSegment(input.segment())
                        .setActive(input.active())
                        .setSince(input.since())
                        .setSource(null));
    }

    record UpdateJknStatusInput(String nik, String memberId, long expectedVersion, String jknNumber, JknSegment segment,
                                boolean active, LocalDate since) {
    }
}
