package id.terpadu.education;

import id.terpadu.database.VersionedRows;
import id.terpadu.db.codes.SchoolLevel;
import id.terpadu.db.codes.SchoolStatus;
import id.terpadu.db.tables.records.EducationFacetRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.error.BadRequestException;
import id.terpadu.access.Caller;
import id.terpadu.household.Members;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The education office's writes: school status and PIP/KIP. */
@Service
@Transactional
class EducationService {

    private final Members members;
    private final VersionedRows versionedRows;

    EducationService(Members members, VersionedRows versionedRows) {
        this.members = members;
        this.versionedRows = versionedRows;
    }

    EducationFacetRecord updateSchoolStatus(Caller caller, UpdateSchoolStatusInput input) {
        MemberRecord member = members.get(caller, input.nik(), input.memberId(), "input.nik", "input.memberId");
        if (input.schoolStatus() == SchoolStatus.ENROLLED && input.schoolLevel() == null) {
            throw new BadRequestException("input.schoolLevel", "Give the school level of an enrolled pupil.");
        }
        if (input.pipRecipient() && input.schoolStatus() != SchoolStatus.ENROLLED) {
            throw new BadRequestException("input.pipRecipient", "PIP is paid only to pupils enrolled in school.");
        }
        if (input.kipNumber() != null && !input.kipNumber().matches("[0-9A-Za-z]{6,20}")) {
            throw new BadRequestException("input.kipNumber", "A KIP number has 6 to 20 letters or digits.");
        }
        return versionedRows.write(EducationFacets.TABLE, member.getId(), input.expectedVersion(),
                new EducationFacetRecord()
                        .setSchoolStatus(input.schoolStatus())
                        .setSchoolLevel(input.schoolLevel())
                        .setPipRecipient(input.pipRecipient())
                        .setKipNumber(input.kipNumber()));
    }

    record UpdateSchoolStatusInput(String nik, String memberId, long expectedVersion, SchoolStatus schoolStatus,
                                   SchoolLevel schoolLevel, boolean pipRecipient, String kipNumber) {
    }
}
