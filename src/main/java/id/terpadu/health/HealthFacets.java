package id.terpadu.health;

import id.terpadu.database.VersionedTable;
import id.terpadu.db.tables.records.HealthFacetRecord;
import id.terpadu.household.MemberFacet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static id.terpadu.db.Tables.HEALTH_FACET;

/** The health office's facet of a person: its table, registered as a member facet. */
@Configuration(proxyBeanMethods = false)
class HealthFacets {

    static final VersionedTable<HealthFacetRecord> TABLE = new VersionedTable<>(
            HEALTH_FACET, HEALTH_FACET.MEMBER_ID, HEALTH_FACET.VERSION, HEALTH_FACET.UPDATED_AT,
            "The person's JKN record");

    @Bean
    MemberFacet<HealthFacetRecord> healthFacet() {
        return new MemberFacet<>("HealthFacet", TABLE);
    }
}
