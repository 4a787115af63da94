package id.terpadu.crosswalk;

import id.terpadu.db.tables.records.RegionCrosswalkRecord;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static id.terpadu.db.Tables.REGION_CROSSWALK;
import static org.jooq.impl.DSL.excluded;

/** The crosswalk's lines: a BPS village code and the Kemendagri village it stands for. */
@Repository
class CrosswalkRepository {

    private final DSLContext dsl;

    CrosswalkRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<RegionCrosswalkRecord> find(String bpsCode) {
        return dsl.selectFrom(REGION_CROSSWALK).where(REGION_CROSSWALK.BPS_CODE.eq(bpsCode)).fetchOptional();
    }

    /** The stored lines of these BPS codes, locked until the transaction ends (in code order). */
    Map<String, String> lock(Collection<String> bpsCodes) {
        if (bpsCodes.isEmpty()) {
            return Map.of();
        }
        return dsl.select(REGION_CROSSWALK.BPS_CODE, REGION_CROSSWALK.REGION_CODE).from(REGION_CROSSWALK)
                .where(REGION_CROSSWALK.BPS_CODE.in(bpsCodes))
                .orderBy(REGION_CROSSWALK.BPS_CODE).forUpdate()
                .fetchMap(REGION_CROSSWALK.BPS_CODE, REGION_CROSSWALK.REGION_CODE);
    }

    /** Records or replaces lines (BPS code to Kemendagri code) in one statement. */
    void save(Map<String, String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        var insert = dsl.insertInto(REGION_CROSSWALK, REGION_CROSSWALK.BPS_CODE, REGION_CROSSWALK.REGION_CODE);
        for (Map.Entry<String, String> line : lines.entrySet()) {
            insert = insert.values(line.getKey(), line.getValue());
        }
        insert.onConflict(REGION_CROSSWALK.BPS_CODE).doUpdate()
                .set(REGION_CROSSWALK.REGION_CODE, excluded(REGION_CROSSWALK.REGION_CODE))
                .set(REGION_CROSSWALK.UPDATED_AT, OffsetDateTime.now())
                .execute();
    }

    List<RegionCrosswalkRecord> findAll(Collection<String> bpsCodes) {
        return dsl.selectFrom(REGION_CROSSWALK).where(REGION_CROSSWALK.BPS_CODE.in(bpsCodes))
                .orderBy(REGION_CROSSWALK.BPS_CODE).fetch();
    }
}
