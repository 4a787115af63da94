package id.terpadu.programme;

import id.terpadu.db.tables.records.AgencyRecord;
import id.terpadu.db.tables.records.ClusterRecord;
import id.terpadu.db.tables.records.ProgrammeRecord;
import id.terpadu.graphql.Batches;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import java.util.List;
import java.util.Map;

/** Reference data: programmes, clusters and agencies. */
@Controller
class ProgrammeController {

    private final ReferenceDataRepository referenceData;

    ProgrammeController(ReferenceDataRepository referenceData) {
        this.referenceData = referenceData;
    }

    @QueryMapping
    List<ProgrammeRecord> programmes() {
        return referenceData.programmes();
    }

    @QueryMapping
    List<ClusterRecord> clusters() {
        return referenceData.clusters();
    }

    @QueryMapping
    List<AgencyRecord> agencies() {
        return referenceData.agencies();
    }

    @BatchMapping(typeName = "Programme")
    Map<ProgrammeRecord, AgencyRecord> agency(List<ProgrammeRecord> programmes) {
        return Batches.lookup(programmes, ProgrammeRecord::getAgencyCode,
                Batches.index(referenceData.agencies(), AgencyRecord::getCode));
    }
}
