package id.terpadu.benefit;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfString;
import com.lowagie.text.pdf.PdfWriter;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The printable BNBA list: A4 landscape, the regency's header, the programme, the village, the date
 * and the export's id on the first page, the column headings repeated on every page and the page
 * number in the footer. The table is handed to the document every {@link #ROWS_PER_FLUSH} rows, so
 * finished pages go out to the stream and a long list does not grow the hub's memory. Closing
 * finishes the document but leaves the stream open: the response completes after the export's log commits.
 */
final class BnbaPdf implements BnbaListing {

    /** How many rows the table holds before they are laid out and written as pages. */
    private static final int ROWS_PER_FLUSH = 200;

    private static final Font TITLE = font(BaseFont.HELVETICA_BOLD, 12);
    private static final Font SUBTITLE = font(BaseFont.HELVETICA, 9);
    private static final Font HEADING = font(BaseFont.HELVETICA_BOLD, 7);
    private static final Font CELL = font(BaseFont.HELVETICA, 7);
    private static final Font FOOTER = font(BaseFont.HELVETICA, 7);

    /** Relative widths of the known columns (16-digit numbers, names and addresses get room); others get 1. */
    private static final Map<String, Float> WIDTHS = Map.of("No", 0.7f, "KK", 2.2f, "NIK", 2.2f, "Nama", 2.6f,
            "Alamat", 3f, "RT", 0.6f, "RW", 0.6f, "Tanggal lahir", 1.3f, "Mulai", 1.3f, "Sampai", 1.3f);

    private final OutputStream out;
    private final Document document;
    private PdfPTable table;
    private int pending;
    private int rows;

    BnbaPdf(OutputStream out, BnbaExport.Heading heading, String village, String asOf, String exportId) {
        this.out = out;
        document = new Document(PageSize.A4.rotate(), 28, 28, 28, 36);
        PdfWriter writer = PdfWriter.getInstance(document, out);
        writer.setCloseStream(false);
        writer.setPageEvent(new PageNumbers());
        document.addTitle("BNBA " + heading.programme() + " " + heading.village());
        document.open();
        writer.getExtraCatalog().put(PdfName.LANG, new PdfString("id-ID"));
        String regency = heading.regency() == null ? "" : heading.regency().toUpperCase(Locale.ROOT);
        add(centred("PEMERINTAH " + regency, TITLE));
        add(centred("Daftar penerima " + heading.programme() + " (by name by address)", TITLE));
        add(centred("Desa " + heading.village() + " (" + village + ")", SUBTITLE));
        Paragraph stamp = centred("Per " + asOf + ", ekspor " + exportId, SUBTITLE);
        stamp.setSpacingAfter(8);
        add(stamp);
    }

    /** Starts the table with its column headings, repeated at the top of every page. */
    @Override
    public void header(List<String> headings) {
        table = new PdfPTable(headings.size());
        table.setWidthPercentage(100);
        float[] widths = new float[headings.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = WIDTHS.getOrDefault(headings.get(i), 1f);
        }
        table.setWidths(widths);
        table.setHeaderRows(1);
        table.setComplete(false);
        for (String heading : headings) {
            PdfPCell cell = new PdfPCell(new Phrase(heading, HEADING));
            cell.setBackgroundColor(new Color(0xE4, 0xE4, 0xE4));
            table.addCell(cell);
        }
    }

    /** Adds one row; a null cell is left empty. */
    @Override
    public void row(List<String> cells) {
        for (String value : cells) {
            table.addCell(new PdfPCell(new Phrase(value == null ? "" : value, CELL)));
        }
        rows++;
        if (++pending == ROWS_PER_FLUSH) {
            add(table);
            pending = 0;
        }
    }

    /** Writes the rows still held and finishes the document; an empty list says so. */
    @Override
    public void close() {
        if (table != null) {
            if (rows == 0) {
                // a table of headings alone is not drawn: print them as a plain row
                table.setHeaderRows(0);
            }
            table.setComplete(true);
            add(table);
        }
        if (rows == 0) {
            add(new Paragraph("Tidak ada penerima.", SUBTITLE));
        }
        document.close();
        try {
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void add(Element element) {
        try {
            document.add(element);
        } catch (DocumentException e) {
            throw new IllegalStateException("The list could not be laid out", e);
        }
    }

    private static Paragraph centred(String text, Font font) {
        Paragraph paragraph = new Paragraph(text, font);
        paragraph.setAlignment(Element.ALIGN_CENTER);
        return paragraph;
    }

    private static Font font(String name, float size) {
        try {
            return new Font(BaseFont.createFont(name, BaseFont.CP1252, BaseFont.NOT_EMBEDDED), size, Font.NORMAL, Color.BLACK);
        } catch (IOException | DocumentException e) {
            throw new IllegalStateException("A standard PDF font is missing", e);
        }
    }

    /** "Halaman n" at the foot of every page. */
    private static final class PageNumbers extends PdfPageEventHelper {
        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            ColumnText.showTextAligned(writer.getDirectContent(), Element.ALIGN_RIGHT,
                    new Phrase("Halaman " + writer.getPageNumber(), FOOTER), document.right(), document.bottom() - 18, 0);
        }
    }
}
