package id.terpadu.housing;

import id.terpadu.database.VersionedRows;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.HousingFacetRecord;
import id.terpadu.access.Caller;
import id.terpadu.household.Households;
import id.terpadu.housing.HousingService.RecordHousingConditionInput;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

import java.util.List;
import java.util.Map;

/** The housing office's facet: the condition of a household's house. */
@Controller
class HousingController {

    private final HousingService service;
    private final VersionedRows versionedRows;
    private final Households households;

    HousingController(HousingService service, VersionedRows versionedRows, Households households) {
        this.service = service;
        this.versionedRows = versionedRows;
        this.households = households;
    }

    @MutationMapping
    HousingFacetRecord recordHousingCondition(@Argument RecordHousingConditionInput input, @ContextValue Caller caller) {
        return service.recordCondition(caller, input);
    }

    @BatchMapping(typeName = "Household")
    Map<HouseholdRecord, HousingFacetRecord> housing(List<HouseholdRecord> page) {
        return versionedRows.batch(HousingFacets.TABLE, page, HouseholdRecord::getId);
    }

    @BatchMapping(typeName = "HousingFacet")
    Map<HousingFacetRecord, HouseholdRecord> household(List<HousingFacetRecord> facets, @ContextValue Caller caller) {
        return households.of(caller, facets, HousingFacetRecord::getHouseholdId);
    }
}
