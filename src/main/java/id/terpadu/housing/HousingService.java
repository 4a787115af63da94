package id.terpadu.housing;

import id.terpadu.database.VersionedRows;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.HousingFacetRecord;
import id.terpadu.error.BadRequestException;
import id.terpadu.household.HouseholdRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Year;

/** The housing office's writes: the condition of a house. */
@Service
@Transactional
class HousingService {

    private final HouseholdRepository households;
    private final VersionedRows versionedRows;

    HousingService(HouseholdRepository households, VersionedRows versionedRows) {
        this.households = households;
        this.versionedRows = versionedRows;
    }

    HousingFacetRecord recordCondition(RecordHousingConditionInput input) {
        HouseholdRecord household = households.getCurrentByKk(input.kk(), "input.kk");
        if (input.floorAreaM2() != null && (input.floorAreaM2() <= 0 || input.floorAreaM2() >= 100_000)) {
            throw new BadRequestException("input.floorAreaM2", "The floor area is a positive number of square metres.");
        }
        if ("RENOVATED".equals(input.rtlhStatus()) && input.renovationYear() == null) {
            throw new BadRequestException("input.renovationYear", "Give the year a renovated house was renovated.");
        }
        if (input.renovationYear() != null
                && (input.renovationYear() < 1945 || input.renovationYear() > Year.now().getValue())) {
            throw new BadRequestException("input.renovationYear", "The renovation year lies in the future or before 1945.");
        }
        return versionedRows.write(HousingFacets.TABLE, household.getId(), input.expectedVersion(),
                new HousingFacetRecord()
                        .setFloor(input.floor())
                        .setWall(input.wall())
                        .setRoof(input.roof())
                        .setToilet(input.toilet())
                        .setWater(input.water())
                        .setLighting(input.lighting())
                        .setFloorAreaM2(input.floorAreaM2() == null ? null : BigDecimal.valueOf(input.floorAreaM2()))
                        .setRtlhStatus(input.rtlhStatus())
                        .setRenovationYear(input.renovationYear() == null ? null : input.renovationYear().shortValue()));
    }

    record RecordHousingConditionInput(String kk, long expectedVersion, String floor, String wall, String roof,
                                       String toilet, String water, String lighting, Double floorAreaM2,
                                       String rtlhStatus, Integer renovationYear) {
    }
}
