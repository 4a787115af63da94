package id.terpadu.programme;

import id.terpadu.db.tables.records.AgencyRecord;
import id.terpadu.db.tables.records.ClusterRecord;
import id.terpadu.db.tables.records.ProgrammeRecord;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

import static id.terpadu.db.Tables.AGENCY;
import static id.terpadu.db.Tables.CLUSTER;
import static id.terpadu.db.Tables.PROGRAMME;

/** The regency's reference data: agencies, programmes and the cluster scheme. */
@Repository
public class ReferenceDataRepository {

    private final DSLContext dsl;

    ReferenceDataRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    public List<ProgrammeRecord> programmes() {
        return dsl.selectFrom(PROGRAMME).orderBy(PROGRAMME.CODE).fetch();
    }

    public Optional<ProgrammeRecord> findProgramme(String code) {
        return dsl.selectFrom(PROGRAMME).where(PROGRAMME.CODE.eq(code)).fetchOptional();
    }

    public List<ClusterRecord> clusters() {
        return dsl.selectFrom(CLUSTER).orderBy(CLUSTER.SORT_ORDER, CLUSTER.CODE).fetch();
    }

    public Optional<ClusterRecord> findCluster(String code) {
        return dsl.selectFrom(CLUSTER).where(CLUSTER.CODE.eq(code)).fetchOptional();
    }

    public List<AgencyRecord> agencies() {
        return dsl.selectFrom(AGENCY).orderBy(AGENCY.CODE).fetch();
    }
}
