package id.terpadu.crosswalk;

import id.terpadu.db.tables.records.RegionCrosswalkRecord;
import id.terpadu.db.tables.records.RegionRecord;
import id.terpadu.region.RegionRepository;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The BPS to Kemendagri village crosswalk over GraphQL: a line by BPS code, and lines recorded. */
@Controller
class CrosswalkController {

    private final CrosswalkService service;
    private final RegionRepository regions;

    CrosswalkController(CrosswalkService service, RegionRepository regions) {
        this.service = service;
        this.regions = regions;
    }

    @QueryMapping
    RegionCrosswalkRecord regionCrosswalk(@Argument String bpsCode) {
        return service.find(bpsCode).orElse(null);
    }

    @MutationMapping
    List<RegionCrosswalkRecord> recordRegionCrosswalk(@Argument CrosswalkService.RecordRegionCrosswalkInput input) {
        return service.record(input);
    }

    @BatchMapping(typeName = "RegionCrosswalkEntry")
    List<RegionRecord> region(List<RegionCrosswalkRecord> lines) {
        Map<String, RegionRecord> villages = regions.findAll(lines.stream().map(RegionCrosswalkRecord::getRegionCode).distinct().toList())
                .stream().collect(Collectors.toMap(RegionRecord::getCode, Function.identity()));
        return lines.stream().map(line -> villages.get(line.getRegionCode())).toList();
    }
}
