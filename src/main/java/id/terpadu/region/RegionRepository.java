package id.terpadu.region;

import id.terpadu.db.tables.records.RegionRecord;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static id.terpadu.db.Tables.REGION;

/** The official region codes. */
@Repository
public class RegionRepository {

    private static final short DISTRICT = 3;
    private static final short VILLAGE = 4;

    private final DSLContext dsl;

    RegionRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    public Optional<RegionRecord> find(String code) {
        return dsl.selectFrom(REGION).where(REGION.CODE.eq(code)).fetchOptional();
    }

    public List<RegionRecord> findAll(Collection<String> codes) {
        return dsl.selectFrom(REGION).where(REGION.CODE.in(codes)).fetch();
    }

    /** The regions directly below a region, or the provinces when the parent is null. */
    public List<RegionRecord> children(String parentCode) {
        return dsl.selectFrom(REGION)
                .where(parentCode == null ? REGION.PARENT_CODE.isNull() : REGION.PARENT_CODE.eq(parentCode))
                .orderBy(REGION.CODE)
                .fetch();
    }

    /** Whether a district has these six digits, the prefix of every NIK and KK issued there. */
    public boolean isDistrict(String sixDigits) {
        return dsl.fetchExists(REGION, REGION.COMPACT_CODE.eq(sixDigits).and(REGION.LEVEL.eq(DISTRICT)));
    }

    public boolean isVillage(String code) {
        return dsl.fetchExists(REGION, REGION.CODE.eq(code).and(REGION.LEVEL.eq(VILLAGE)));
    }
}
