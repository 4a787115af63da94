package id.terpadu.social;

import id.terpadu.database.VersionedRows;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.SocialFacetRecord;
import id.terpadu.health.InsuranceCover;
import id.terpadu.health.InsuranceCover.Cover;
import id.terpadu.programme.ReferenceDataRepository;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.stereotype.Controller;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster a household's facts point to, for a whole page at once: its social facet, its
 * members' JKN cover and the cluster scheme, one statement each whatever the page size.
 */
@Controller
class ClusterSuggestionController {

    private final VersionedRows versionedRows;
    private final InsuranceCover insuranceCover;
    private final ReferenceDataRepository referenceData;

    ClusterSuggestionController(VersionedRows versionedRows, InsuranceCover insuranceCover,
                                ReferenceDataRepository referenceData) {
        this.versionedRows = versionedRows;
        this.insuranceCover = insuranceCover;
        this.referenceData = referenceData;
    }

    @BatchMapping(typeName = "Household")
    Map<HouseholdRecord, ClusterSuggestion> suggestedCluster(List<HouseholdRecord> page) {
        Map<HouseholdRecord, SocialFacetRecord> social = versionedRows.batch(SocialFacets.TABLE, page, HouseholdRecord::getId);
        Map<Long, Cover> cover = insuranceCover.ofHouseholds(page.stream().map(HouseholdRecord::getId).distinct().toList());
        ClusterRules rules = new ClusterRules(referenceData.clusters());
        Map<HouseholdRecord, ClusterSuggestion> suggestions = new LinkedHashMap<>();
        for (HouseholdRecord household : page) {
            suggestions.put(household, rules.suggest(social.get(household),
                    cover.getOrDefault(household.getId(), Cover.NO_MEMBERS)));
        }
        return suggestions;
    }
}
