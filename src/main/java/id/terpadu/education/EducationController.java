package id.terpadu.education;

import id.terpadu.database.VersionedRows;
import id.terpadu.db.tables.records.EducationFacetRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.education.EducationService.UpdateSchoolStatusInput;
import id.terpadu.access.Caller;
import id.terpadu.household.Members;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

import java.util.List;
import java.util.Map;

/** The education office's facet: a person's school status and PIP. */
@Controller
class EducationController {

    private final EducationService service;
    private final VersionedRows versionedRows;
    private final Members members;

    EducationController(EducationService service, VersionedRows versionedRows, Members members) {
        this.service = service;
        this.versionedRows = versionedRows;
        this.members = members;
    }

    @MutationMapping
    EducationFacetRecord updateSchoolStatus(@Argument UpdateSchoolStatusInput input, @ContextValue Caller caller) {
        return service.updateSchoolStatus(caller, input);
    }

    @BatchMapping(typeName = "Member")
    Map<MemberRecord, EducationFacetRecord> education(List<MemberRecord> people) {
        return versionedRows.batch(EducationFacets.TABLE, people, MemberRecord::getId);
    }

    @BatchMapping(typeName = "EducationFacet")
    Map<EducationFacetRecord, MemberRecord> member(List<EducationFacetRecord> facets, @ContextValue Caller caller) {
        return members.of(caller, facets, EducationFacetRecord::getMemberId);
    }
}
