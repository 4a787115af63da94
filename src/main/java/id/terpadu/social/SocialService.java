package id.terpadu.social;

import id.terpadu.access.Caller;
import id.terpadu.database.VersionedRows;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.SocialFacetRecord;
import id.terpadu.error.BadRequestException;
import id.terpadu.error.NotFoundException;
import id.terpadu.household.Households;
import id.terpadu.programme.ReferenceDataRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.util.List;

/** Writes to the social facet: the social office's clusters, deciles and indicators, UPT-PK's local verification. */
@Service
@Transactional
class SocialService {

    private final Households households;
    private final ReferenceDataRepository referenceData;
    private final VersionedRows versionedRows;

    SocialService(Households households, ReferenceDataRepository referenceData, VersionedRows versionedRows) {
        this.households = households;
        this.referenceData = referenceData;
        this.versionedRows = versionedRows;
    }

    SocialFacetRecord assignCluster(Caller caller, AssignClusterInput input) {
        HouseholdRecord household = households.get(caller, input.kk(), input.householdId(), "input.kk", "input.householdId");
        if (input.cluster() != null && referenceData.findCluster(input.cluster()).isEmpty()) {
            throw new NotFoundException("input.cluster", "No cluster has the code '" + input.cluster() + "'.");
        }
        if (input.reason() == null || input.reason().isBlank()) {
            throw new BadRequestException("input.reason", "Say why the household belongs in this cluster.");
        }
        return versionedRows.write(SocialFacets.TABLE, household.getId(), input.expectedVersion(),
                new SocialFacetRecord().setClusterCode(input.cluster()).setClusterReason(input.reason().strip()));
    }

    SocialFacetRecord recordAssessment(Caller caller, RecordSocialAssessmentInput input) {
        HouseholdRecord household = households.get(caller, input.kk(), input.householdId(), "input.kk", "input.householdId");
        if (input.decile() != null && (input.decile() < 1 || input.decile() > 10)) {
            throw new BadRequestException("input.decile", "A DTSEN decile runs from 1 (poorest) to 10.");
        }
        if (input.decile() != null && (input.decileQuarter() == null || !input.decileQuarter().matches("[0-9]{4}Q[1-4]"))) {
            throw new BadRequestException("input.decileQuarter", "Give the DTSEN quarter of the decile, like 2025Q3.");
        }
        return versionedRows.write(SocialFacets.TABLE, household.getId(), input.expectedVersion(),
                new SocialFacetRecord()
                        .setDecile(input.decile() == null ? null : input.decile().shortValue())
                        .setDecileQuarter(input.decile() == null ? null : input.decileQuarter())
                        .setPovertyIndicators(input.povertyIndicators().stream().distinct().toArray(String[]::new)));
    }

    /** UPT-PK's local verification: the caller is the verifier. */
    SocialFacetRecord recordLocalVerification(Caller caller, RecordLocalVerificationInput input) {
        HouseholdRecord household = households.get(caller, input.kk(), input.householdId(), "input.kk", "input.householdId");
        if (input.verifiedOn() != null && input.verifiedOn().isAfter(LocalDate.now())) {
            throw new BadRequestException("input.verifiedOn", "The verification date lies in the future.");
        }
        String verifier = input.verifiedOn() == null ? null : caller.name();
        return versionedRows.write(SocialFacets.TABLE, household.getId(), input.expectedVersion(),
                new SocialFacetRecord()
                        .setOnLocalSurvey(input.onLocalSurvey())
                        .setVerifiedOn(input.verifiedOn())
                        .setVerifiedBy(verifier));
    }

    record AssignClusterInput(String kk, String householdId, long expectedVersion, String cluster, String reason) {
    }

    record RecordLocalVerificationInput(String kk, String householdId, long expectedVersion, boolean onLocalSurvey, LocalDate verifiedOn) {
    }

    record RecordSocialAssessmentInput(String kk, String householdId, long expectedVersion, Integer decile, String decileQuarter,
                                       List<String> povertyIndicators) {
    }
}
