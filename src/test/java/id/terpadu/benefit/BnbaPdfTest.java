package id.terpadu.benefit;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import id.terpadu.Fast;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The printable BNBA list: the regency's header on the first page, the column headings on every
 * page, page numbers, every row, and pages written out while the list is still being filled.
 */
@Fast
class BnbaPdfTest {

    private static final BnbaExport.Heading HEADING = new BnbaExport.Heading("Kabupaten Bangli", "Program Keluarga Harapan", "Apuan");

    @Test
    void aLongListRunsOverPagesWithItsHeadingsOnEachAndPagesLeaveBeforeTheEnd() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicBoolean closed = new AtomicBoolean();
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                bytes.write(b);
            }

            @Override
            public void close() {
                closed.set(true);
            }
        };
        int writtenBeforeTheEnd;
        try (BnbaListing pdf = BnbaListing.of("pdf", out, HEADING, "51.06.01.2001", "export-1")) {
            pdf.header(List.of("No", "Nama", "Alamat"));
            for (int i = 1; i <= 1_000; i++) {
                pdf.row(java.util.Arrays.asList(String.valueOf(i), "Penerima " + i, i % 2 == 0 ? "=HYPERLINK(\"x\")" : null));
            }
            writtenBeforeTheEnd = bytes.size();
        }
        assertThat(closed).as("the response's stream stays open for its owner").isFalse();
        assertThat(writtenBeforeTheEnd).as("finished pages are written while the list is filled").isGreaterThan(10_000);

        PdfReader reader = new PdfReader(bytes.toByteArray());
        PdfTextExtractor text = new PdfTextExtractor(reader);
        assertThat(reader.getNumberOfPages()).isGreaterThan(10);
        String first = text.getTextFromPage(1);
        assertThat(first).contains("PEMERINTAH KABUPATEN BANGLI", "Program Keluarga Harapan", "Desa Apuan (51.06.01.2001)",
                "export-1", "Penerima 1", "Halaman 1");
        String last = text.getTextFromPage(reader.getNumberOfPages());
        assertThat(last).contains("Nama", "Alamat", "Penerima 1000", "Halaman " + reader.getNumberOfPages())
                .doesNotContain("PEMERINTAH");
        StringBuilder all = new StringBuilder();
        for (int page = 1; page <= reader.getNumberOfPages(); page++) {
            all.append(text.getTextFromPage(page)).append('\n');
        }
        for (int i : new int[] {200, 201, 250, 500, 999, 1000}) {
            assertThat(all).contains("Penerima " + i);
        }
        reader.close();
    }

    @Test
    void anEmptyListSaysSo() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BnbaListing pdf = BnbaListing.of("pdf", out, HEADING, "51.06.01.2001", "export-2")) {
            pdf.header(List.of("No", "Nama"));
        }
        PdfReader reader = new PdfReader(out.toByteArray());
        assertThat(new PdfTextExtractor(reader).getTextFromPage(1)).contains("Nama", "Tidak ada penerima.");
        reader.close();
    }
}
