package id.terpadu.housing;

import id.terpadu.database.VersionedRows;
import id.terpadu.db.codes.FloorMaterial;
import id.terpadu.db.codes.Lighting;
import id.terpadu.db.codes.RoofMaterial;
import id.terpadu.db.codes.RtlhStatus;
import id.terpadu.db.codes.Toilet;
import id.terpadu.db.codes.WallMaterial;
import id.terpadu.db.codes.WaterSource;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.HousingFacetRecord;
import id.terpadu.error.BadRequestException;
import id.terpadu.access.Caller;
import id.terpadu.household.Households;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Year;

/** The housing office's writes: the condition of a house. */
@Service
@Transactional
class HousingService {

    private static final BigDecimal MAX_FLOOR_AREA = new BigDecimal("99999.99");

    private final Households households;
    private final VersionedRows versionedRows;

    HousingService(Households households, VersionedRows versionedRows) {
        this.households = households;
        this.versionedRows = versionedRows;
    }

    HousingFacetRecord recordCondition(Caller caller, RecordHousingConditionInput input) {
        HouseholdRecord household = households.get(caller, input.kk(), input.householdId(), "input.kk", "input.householdId");
        // the column keeps two decimals (numeric(7,2)): check the area as it will be stored
        BigDecimal floorArea = input.floorAreaM2() == null ? null
                : BigDecimal.valueOf(input.floorAreaM2()).setScale(2, RoundingMode.HALF_UP);
        if (floorArea != null && (floorArea.signum() <= 0 || floorArea.compareTo(MAX_FLOOR_AREA) > 0)) {
            throw new BadRequestException("input.floorAreaM2",
                    "The floor area is a number of square metres from 0.01 to 99,999.99.");
        }
        if (input.rtlhStatus() == RtlhStatus.RENOVATED && input.renovationYear() == null) {
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
                        .setFloorAreaM2(floorArea)
                        .setRtlhStatus(input.rtlhStatus())
                        .setRenovationYear(input.renovationYear() == null ? null : input.renovationYear().shortValue()));
    }

    record RecordHousingConditionInput(String kk, String householdId, long expectedVersion, FloorMaterial floor,
                                       WallMaterial wall, RoofMaterial roof, Toilet toilet, WaterSource water,
                                       Lighting lighting, Double floorAreaM2, RtlhStatus rtlhStatus, Integer renovationYear) {
    }
}
