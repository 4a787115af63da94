package id.terpadu.region;

import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.RegionRecord;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Regions: the official codes every agency shares. */
@Controller
class RegionController {

    private static final List<String> LEVELS = List.of("PROVINCE", "REGENCY", "DISTRICT", "VILLAGE");

    private final RegionRepository regions;

    RegionController(RegionRepository regions) {
        this.regions = regions;
    }

    @QueryMapping
    List<RegionRecord> regions(@Argument String parent) {
        if (parent == null) {
            return regions.children(null);
        }
        return RegionCode.normalise(parent).map(regions::children).orElse(List.of());
    }

    @QueryMapping
    RegionRecord region(@Argument String code) {
        return RegionCode.normalise(code).flatMap(regions::find).orElse(null);
    }

    @SchemaMapping(typeName = "Region")
    String level(RegionRecord region) {
        return LEVELS.get(region.getLevel() - 1);
    }

    @BatchMapping(typeName = "Region")
    Map<RegionRecord, RegionRecord> parent(List<RegionRecord> children) {
        Map<String, RegionRecord> parents = byCode(children.stream().map(RegionRecord::getParentCode).toList());
        return children.stream()
                .filter(child -> child.getParentCode() != null)
                .collect(Collectors.toMap(Function.identity(), child -> parents.get(child.getParentCode()), (a, b) -> a));
    }

    @BatchMapping(typeName = "Household")
    List<RegionRecord> village(List<HouseholdRecord> households) {
        Map<String, RegionRecord> villages = byCode(households.stream().map(HouseholdRecord::getVillageCode).toList());
        return households.stream().map(household -> villages.get(household.getVillageCode())).toList();
    }

    private Map<String, RegionRecord> byCode(List<String> codes) {
        return regions.findAll(codes.stream().filter(Objects::nonNull).distinct().toList()).stream()
                .collect(Collectors.toMap(RegionRecord::getCode, Function.identity()));
    }
}
