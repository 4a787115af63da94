package id.terpadu.health;

import id.terpadu.database.VersionedRows;
import id.terpadu.db.tables.records.HealthFacetRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.health.HealthService.UpdateJknStatusInput;
import id.terpadu.health.JknStatusList.UpdateJknStatusesInput;
import id.terpadu.health.JknStatusList.Updates;
import id.terpadu.access.Caller;
import id.terpadu.household.Members;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

import java.util.List;
import java.util.Map;

/** The health office's facet: a person's JKN status. */
@Controller
class HealthController {

    private final HealthService service;
    private final VersionedRows versionedRows;
    private final Members members;
    private final JknStatusSync sync;

    HealthController(HealthService service, VersionedRows versionedRows, Members members, JknStatusSync sync) {
        this.service = service;
        this.sync = sync;
        this.versionedRows = versionedRows;
        this.members = members;
    }

    @MutationMapping
    HealthFacetRecord updateJknStatus(@Argument UpdateJknStatusInput input, @ContextValue Caller caller) {
        return service.updateJknStatus(caller, input);
    }

    @MutationMapping
    Updates updateJknStatuses(@Argument UpdateJknStatusesInput input, @ContextValue Caller caller) {
        return sync.update(caller, input);
    }

    @BatchMapping(typeName = "Member")
    Map<MemberRecord, HealthFacetRecord> health(List<MemberRecord> people) {
        return versionedRows.batch(HealthFacets.TABLE, people, MemberRecord::getId);
    }

    @BatchMapping(typeName = "HealthFacet")
    Map<HealthFacetRecord, MemberRecord> member(List<HealthFacetRecord> facets, @ContextValue Caller caller) {
        return members.of(caller, facets, HealthFacetRecord::getMemberId);
    }
}
