package id.terpadu.crosswalk;

import id.terpadu.db.tables.records.RegionCrosswalkRecord;
import id.terpadu.error.BadRequestException;
import id.terpadu.error.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Records lines of the crosswalk given over GraphQL: all of them, or none when one is bad. */
@Service
@Transactional
class CrosswalkService {

    /** The most lines one call records; a regency's villages fit, a country's go in a file. */
    static final int MAX_LINES = 1_000;

    record EntryInput(String bpsCode, String regionCode) {
    }

    record RecordRegionCrosswalkInput(List<EntryInput> entries) {
    }

    private final CrosswalkLines lines;
    private final CrosswalkRepository crosswalk;

    CrosswalkService(CrosswalkLines lines, CrosswalkRepository crosswalk) {
        this.lines = lines;
        this.crosswalk = crosswalk;
    }

    List<RegionCrosswalkRecord> record(RecordRegionCrosswalkInput input) {
        List<EntryInput> entries = input.entries();
        if (entries == null || entries.isEmpty()) {
            throw new BadRequestException("input.entries", "Give at least one line of the crosswalk.");
        }
        if (entries.size() > MAX_LINES) {
            throw new BadRequestException("input.entries", "Give at most " + MAX_LINES
                    + " lines at a time; load a longer crosswalk as a file (POST /imports, kind REGION_CROSSWALK).");
        }
        Map<String, String> checked = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            CrosswalkLines.Line line;
            try {
                line = lines.check(entries.get(i).bpsCode(), entries.get(i).regionCode());
            } catch (CrosswalkLines.Refused refused) {
                String field = "input.entries[" + i + "]." + refused.part();
                throw refused.unknownVillage() ? new NotFoundException(field, refused.getMessage())
                        : new BadRequestException(field, refused.getMessage());
            }
            if (checked.putIfAbsent(line.bpsCode(), line.regionCode()) != null) {
                throw new BadRequestException("input.entries[" + i + "].bpsCode", "The same BPS code is given twice.");
            }
        }
        Map<String, String> stored = crosswalk.lock(checked.keySet());
        Map<String, String> changed = new LinkedHashMap<>();
        checked.forEach((bps, region) -> {
            if (!region.equals(stored.get(bps))) {
                changed.put(bps, region);
            }
        });
        crosswalk.save(changed);
        return crosswalk.findAll(checked.keySet());
    }

    Optional<RegionCrosswalkRecord> find(String bpsCode) {
        String code = bpsCode == null ? "" : bpsCode.strip().replace(".", "");
        return crosswalk.find(code);
    }
}
