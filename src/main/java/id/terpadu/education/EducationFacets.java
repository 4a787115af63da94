package id.terpadu.education;

import id.terpadu.database.VersionedTable;
import id.terpadu.db.tables.records.EducationFacetRecord;

import static id.terpadu.db.Tables.EDUCATION_FACET;

/** The education office's facet of a person. */
public final class EducationFacets {

    public static final VersionedTable<EducationFacetRecord> TABLE = new VersionedTable<>(
            EDUCATION_FACET, EDUCATION_FACET.MEMBER_ID, EDUCATION_FACET.VERSION, EDUCATION_FACET.UPDATED_AT,
            "The person's school record");

    private EducationFacets() {
    }
}
