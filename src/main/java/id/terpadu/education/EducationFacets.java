package id.terpadu.education;

import id.terpadu.database.VersionedTable;
import id.terpadu.db.tables.records.EducationFacetRecord;
import id.terpadu.household.MemberFacet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static id.terpadu.db.Tables.EDUCATION_FACET;

/** The education office's facet of a person: its table, registered as a member facet. */
@Configuration(proxyBeanMethods = false)
class EducationFacets {

    static final VersionedTable<EducationFacetRecord> TABLE = new VersionedTable<>(
            EDUCATION_FACET, EDUCATION_FACET.MEMBER_ID, EDUCATION_FACET.VERSION, EDUCATION_FACET.UPDATED_AT,
            "The person's school record");

    @Bean
    MemberFacet<EducationFacetRecord> educationFacet() {
        return new MemberFacet<>("EducationFacet", TABLE);
    }
}
