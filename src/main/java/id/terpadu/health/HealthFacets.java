package id.terpadu.health;

import id.terpadu.database.VersionedTable;
import id.terpadu.db.tables.records.HealthFacetRecord;

import static id.terpadu.db.Tables.HEALTH_FACET;

/** The health office's facet of a person. */
public final class HealthFacets {

    public static final VersionedTable<HealthFacetRecord> TABLE = new VersionedTable<>(
            HEALTH_FACET, HEALTH_FACET.MEMBER_ID, HEALTH_FACET.VERSION, HEALTH_FACET.UPDATED_AT,
            "The person's JKN record");

    private HealthFacets() {
    }
}
