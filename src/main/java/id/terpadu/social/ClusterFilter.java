package id.terpadu.social;

import id.terpadu.access.Caller;
import id.terpadu.error.NotFoundException;
import id.terpadu.household.HouseholdFilterField;
import id.terpadu.programme.ReferenceDataRepository;
import org.jooq.Condition;
import org.springframework.stereotype.Component;

import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.SOCIAL_FACET;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.selectOne;

/** The households filter {@code cluster}: households the social office assigned this cluster. */
@Component
class ClusterFilter implements HouseholdFilterField {

    private final ReferenceDataRepository referenceData;

    ClusterFilter(ReferenceDataRepository referenceData) {
        this.referenceData = referenceData;
    }

    @Override
    public String name() {
        return "cluster";
    }

    @Override
    public Condition condition(Caller caller, Object value) {
        String cluster = value.toString();
        if (referenceData.findCluster(cluster).isEmpty()) {
            throw new NotFoundException("filter.cluster", "No cluster has the code '" + cluster + "'.");
        }
        return exists(selectOne().from(SOCIAL_FACET)
                .where(SOCIAL_FACET.HOUSEHOLD_ID.eq(HOUSEHOLD.ID))
                .and(SOCIAL_FACET.CLUSTER_CODE.eq(cluster)));
    }
}
