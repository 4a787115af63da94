package id.terpadu.health;

import id.terpadu.access.Caller;
import id.terpadu.db.codes.JknSegment;
import id.terpadu.health.JknStatusList.Row;
import id.terpadu.health.JknStatusList.RowResult;
import id.terpadu.imports.ImportColumn;
import id.terpadu.imports.ImportKind;
import id.terpadu.imports.ImportLayout;
import id.terpadu.imports.ImportRow;
import id.terpadu.imports.RowOutcome;
import id.terpadu.imports.Cells;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The insurer's (BPJS Kesehatan) monthly list of JKN members as a file: the same rules and the same
 * writes as {@code updateJknStatuses}, one batch of at most 1,000 rows at a time. A NIK not registered
 * in the caller's region is refused per row.
 */
@Component
class JknListImport implements ImportKind {

    static final String NIK = "nik";
    static final String SEGMENT = "segment";
    static final String ACTIVE = "active";
    static final String SINCE = "since";
    static final String JKN_NUMBER = "jknNumber";

    private static final List<ImportColumn> COLUMNS = List.of(
            ImportColumn.required(NIK, "NIK of the person, 16 digits.", "no_nik", "nomor_nik", "nomor_induk_kependudukan")
                    .identity(ImportColumn.Identity.NIK),
            ImportColumn.required(SEGMENT, "Segment: PBI_APBN, PBI_APBD, PPU, PBPU, BP or NONE.", "segmen", "segmen_peserta",
                    "jenis_peserta", "kepesertaan"),
            ImportColumn.required(ACTIVE, "Whether the cover is active: ya/tidak, aktif/nonaktif, true/false, 1/0.", "aktif",
                    "status_aktif", "status_kepesertaan", "status"),
            ImportColumn.optional(SINCE, "Since when (TMT): 2024-01-31 or 31/01/2024.", "tmt", "tmt_peserta", "tanggal_mulai", "sejak"),
            ImportColumn.optional(JKN_NUMBER, "JKN card number, 13 digits; required unless the segment is NONE.", "no_kartu",
                    "nomor_kartu", "noka", "no_jkn", "nomor_jkn"));

    private final JknStatusSync sync;

    JknListImport(JknStatusSync sync) {
        this.sync = sync;
    }

    private static final ImportLayout LAYOUT = new ImportLayout("JKN",
            "The insurer's (BPJS Kesehatan) list of JKN members: one row per person, by NIK.",
            "updateJknStatuses", COLUMNS, NIK);

    @Override
    public ImportLayout layout() {
        return LAYOUT;
    }

    @Override
    public List<RowOutcome> apply(Caller caller, String source, List<ImportRow> rows, boolean write) {
        RowOutcome[] outcomes = new RowOutcome[rows.size()];
        List<Row> parsed = new ArrayList<>();
        Map<Integer, Integer> positions = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            ImportRow row = rows.get(i);
            try {
                JknSegment segment = Cells.choice(row, SEGMENT, JknSegment.class);
                Boolean active = Cells.yesNo(row, ACTIVE);
                LocalDate since = Cells.date(row, SINCE);
                positions.put(parsed.size(), i);
                parsed.add(new Row(row.value(NIK), segment, active, since, row.value(JKN_NUMBER)));
            } catch (Cells.Invalid invalid) {
                outcomes[i] = invalid.outcome();
            }
        }
        if (!parsed.isEmpty()) {
            List<RowResult> results = sync.apply(caller, source, parsed, write);
            for (int p = 0; p < results.size(); p++) {
                outcomes[positions.get(p)] = outcome(results.get(p));
            }
        }
        return List.of(outcomes);
    }

    private static RowOutcome outcome(RowResult result) {
        return switch (result.outcome()) {
            case UPDATED -> result.created() ? RowOutcome.NEW : RowOutcome.CHANGED;
            case UNCHANGED -> RowOutcome.UNCHANGED;
            case UNKNOWN_NIK -> RowOutcome.invalid(NIK, "No person with this NIK is registered in your region.");
            case INVALID -> RowOutcome.invalid(result.field().substring(result.field().lastIndexOf('.') + 1), result.message());
        };
    }
}
