package id.terpadu.crosswalk;

import id.terpadu.access.Caller;
import id.terpadu.imports.ImportColumn;
import id.terpadu.imports.ImportKind;
import id.terpadu.imports.ImportLayout;
import id.terpadu.imports.ImportRow;
import id.terpadu.imports.RowOutcome;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The crosswalk as a file: per line a BPS village code and the Kemendagri code of the same village.
 * A BPS code loaded again with another village replaces its line; the rows of a batch are written
 * in one statement.
 */
@Component
class RegionCrosswalkImport implements ImportKind {

    private static final List<ImportColumn> COLUMNS = List.of(
            ImportColumn.required(CrosswalkLines.BPS_CODE, "The village's BPS code, 10 digits: 5106010001.", "kode_bps",
                    "kode_desa_bps", "kode_wilayah_bps", "bps", "idsls_desa", "kode_bps_desa"),
            ImportColumn.required(CrosswalkLines.REGION_CODE, "The same village's Kemendagri code: 51.06.01.2001 or 5106012001.",
                    "kode_kemendagri", "kode_desa_kemendagri", "kode_wilayah_kemendagri", "kemendagri", "kode_dagri",
                    "kode_dukcapil"));

    private static final ImportLayout LAYOUT = new ImportLayout("REGION_CROSSWALK",
            "The crosswalk from BPS village codes to Kemendagri village codes, through which imports read a BPS code.",
            "recordRegionCrosswalk", COLUMNS, CrosswalkLines.BPS_CODE);

    private final CrosswalkLines lines;
    private final CrosswalkRepository crosswalk;

    RegionCrosswalkImport(CrosswalkLines lines, CrosswalkRepository crosswalk) {
        this.lines = lines;
        this.crosswalk = crosswalk;
    }

    @Override
    public ImportLayout layout() {
        return LAYOUT;
    }

    @Override
    public List<RowOutcome> apply(Caller caller, String source, List<ImportRow> rows, boolean write) {
        RowOutcome[] outcomes = new RowOutcome[rows.size()];
        Map<Integer, CrosswalkLines.Line> checked = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            ImportRow row = rows.get(i);
            try {
                checked.put(i, lines.check(row.value(CrosswalkLines.BPS_CODE), row.value(CrosswalkLines.REGION_CODE)));
            } catch (CrosswalkLines.Refused refused) {
                outcomes[i] = RowOutcome.invalid(refused.part(), refused.getMessage());
            }
        }
        Map<String, String> stored = crosswalk.lock(checked.values().stream().map(CrosswalkLines.Line::bpsCode).distinct().toList());
        Map<String, String> changes = new TreeMap<>();
        checked.forEach((i, line) -> {
            String before = stored.get(line.bpsCode());
            if (changes.containsKey(line.bpsCode())) {
                outcomes[i] = RowOutcome.invalid(CrosswalkLines.BPS_CODE, "The same BPS code is given on an earlier row.");
            } else if (line.regionCode().equals(before)) {
                outcomes[i] = RowOutcome.UNCHANGED;
            } else {
                outcomes[i] = before == null ? RowOutcome.NEW : RowOutcome.CHANGED;
                changes.put(line.bpsCode(), line.regionCode());
            }
        });
        if (write) {
            crosswalk.save(changes);
        }
        return List.of(outcomes);
    }
}
