package id.terpadu.imports;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a table row by row as CSV (UTF-8 with a byte order mark, so Excel reads it right) or XLSX
 * (POI's streaming workbook: a window of rows in memory, the rest flushed to disk), every cell
 * neutralised against formula injection and written as text. Closing flushes the table but leaves
 * the stream open: a response must not complete before what was logged about it has committed.
 */
public abstract sealed class TableWriter implements AutoCloseable {

    /** A writer of this format ({@code csv} or {@code xlsx}) onto the stream. */
    public static TableWriter of(String format, OutputStream out) {
        return "xlsx".equals(format) ? new Xlsx(out) : new Csv(out);
    }

    /** Writes one row; a null cell is left empty. */
    public abstract void row(List<String> cells);

    @Override
    public abstract void close();

    static final class Csv extends TableWriter {

        private final CSVPrinter printer;

        Csv(OutputStream out) {
            try {
                Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                writer.write('\uFEFF');
                printer = new CSVPrinter(writer, CSVFormat.DEFAULT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void row(List<String> cells) {
            try {
                printer.printRecord(cells.stream().map(SafeCells::of).toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Flushes the rows; the stream stays open for its owner (a response completes after the export's log commits). */
        @Override
        public void close() {
            try {
                printer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static final class Xlsx extends TableWriter {

        private final OutputStream out;
        private final SXSSFWorkbook workbook = new SXSSFWorkbook(100);
        private final Sheet sheet = workbook.createSheet("Data");
        private int next;

        Xlsx(OutputStream out) {
            this.out = out;
        }

        @Override
        public void row(List<String> cells) {
            Row row = sheet.createRow(next++);
            for (int i = 0; i < cells.size(); i++) {
                String value = SafeCells.of(cells.get(i));
                if (value != null) {
                    row.createCell(i).setCellValue(value);
                }
            }
        }

        @Override
        public void close() {
            try {
                workbook.write(out);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                try {
                    workbook.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
