package id.terpadu.housing;

import id.terpadu.database.VersionedTable;
import id.terpadu.db.tables.records.HousingFacetRecord;

import static id.terpadu.db.Tables.HOUSING_FACET;

/** The housing office's facet of a household. */
final class HousingFacets {

    static final VersionedTable<HousingFacetRecord> TABLE = new VersionedTable<>(
            HOUSING_FACET, HOUSING_FACET.HOUSEHOLD_ID, HOUSING_FACET.VERSION, HOUSING_FACET.UPDATED_AT,
            "The household's housing record");

    private HousingFacets() {
    }
}
