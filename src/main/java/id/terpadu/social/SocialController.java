package id.terpadu.social;

import id.terpadu.database.VersionedRows;
import id.terpadu.db.tables.records.ClusterRecord;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.SocialFacetRecord;
import id.terpadu.graphql.Batches;
import id.terpadu.access.Caller;
import id.terpadu.household.Households;
import id.terpadu.programme.ReferenceDataRepository;
import id.terpadu.social.SocialService.AssignClusterInput;
import id.terpadu.social.SocialService.RecordLocalVerificationInput;
import id.terpadu.social.SocialService.RecordSocialAssessmentInput;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import java.util.List;
import java.util.Map;

/** The social office's facet: cluster, decile and indicators of a household. */
@Controller
class SocialController {

    private final SocialService service;
    private final VersionedRows versionedRows;
    private final Households households;
    private final ReferenceDataRepository referenceData;

    SocialController(SocialService service, VersionedRows versionedRows, Households households,
                     ReferenceDataRepository referenceData) {
        this.service = service;
        this.versionedRows = versionedRows;
        this.households = households;
        this.referenceData = referenceData;
    }

    @MutationMapping
    SocialFacetRecord assignCluster(@Argument AssignClusterInput input, @ContextValue Caller caller) {
        return service.assignCluster(caller, input);
    }

    @MutationMapping
    SocialFacetRecord recordSocialAssessment(@Argument RecordSocialAssessmentInput input, @ContextValue Caller caller) {
        return service.recordAssessment(caller, input);
    }

    @MutationMapping
    SocialFacetRecord recordLocalVerification(@Argument RecordLocalVerificationInput input, @ContextValue Caller caller) {
        return service.recordLocalVerification(caller, input);
    }

    @BatchMapping(typeName = "Household")
    Map<HouseholdRecord, SocialFacetRecord> social(List<HouseholdRecord> page) {
        return versionedRows.batch(SocialFacets.TABLE, page, HouseholdRecord::getId);
    }

    @BatchMapping(typeName = "SocialFacet")
    Map<SocialFacetRecord, HouseholdRecord> household(List<SocialFacetRecord> facets, @ContextValue Caller caller) {
        return households.of(caller, facets, SocialFacetRecord::getHouseholdId);
    }

    @BatchMapping(typeName = "SocialFacet")
    Map<SocialFacetRecord, ClusterRecord> cluster(List<SocialFacetRecord> facets) {
        return Batches.lookup(facets, SocialFacetRecord::getClusterCode,
                Batches.index(referenceData.clusters(), ClusterRecord::getCode));
    }

    @SchemaMapping(typeName = "SocialFacet")
    int povertyIndicatorCount(SocialFacetRecord facet) {
        return facet.getPovertyIndicators().length;
    }
}
