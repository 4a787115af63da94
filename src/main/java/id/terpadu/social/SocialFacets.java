package id.terpadu.social;

import id.terpadu.database.VersionedTable;
import id.terpadu.db.tables.records.SocialFacetRecord;

import static id.terpadu.db.Tables.SOCIAL_FACET;

/** The social office's facet of a household. */
final class SocialFacets {

    static final VersionedTable<SocialFacetRecord> TABLE = new VersionedTable<>(
            SOCIAL_FACET, SOCIAL_FACET.HOUSEHOLD_ID, SOCIAL_FACET.VERSION, SOCIAL_FACET.UPDATED_AT,
            "The household's social record");

    private SocialFacets() {
    }
}
