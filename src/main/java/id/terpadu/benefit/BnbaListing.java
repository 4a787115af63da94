package id.terpadu.benefit;

import id.terpadu.imports.TableWriter;

import java.io.OutputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A BNBA list being written: its column headings, then its rows. CSV is the plain table; XLSX and
 * PDF open with the regency's header. Closing finishes the file and leaves the stream open.
 */
interface BnbaListing extends AutoCloseable {

    /** The formats a list is written in. */
    List<String> FORMATS = List.of("csv", "xlsx", "pdf");

    void header(List<String> headings);

    void row(List<String> cells);

    @Override
    void close();

    /** A listing in this format ({@code csv}, {@code xlsx} or {@code pdf}) onto the stream. */
    static BnbaListing of(String format, OutputStream out, BnbaExport.Heading heading, String village, String exportId) {
        String asOf = LocalDate.now().toString();
        if ("pdf".equals(format)) {
            return new BnbaPdf(out, heading, village, asOf, exportId);
        }
        TableWriter table = TableWriter.of(format, out);
        if ("xlsx".equals(format)) {
            table.row(List.of("PEMERINTAH " + Objects.toString(heading.regency(), "").toUpperCase(Locale.ROOT)));
            table.row(List.of("Daftar penerima " + heading.programme() + " (by name by address), Desa " + heading.village()
                    + " (" + village + ")"));
            table.row(List.of("Per " + asOf + ", ekspor " + exportId));
            table.row(List.of());
        }
        return new BnbaListing() {
            @Override
            public void header(List<String> headings) {
                table.row(headings);
            }

            @Override
            public void row(List<String> cells) {
                table.row(cells);
            }

            @Override
            public void close() {
                table.close();
            }
        };
    }
}
