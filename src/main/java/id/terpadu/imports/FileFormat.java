package id.terpadu.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The formats the hub imports: CSV (comma or semicolon, UTF-8 or Windows-1252) and XLSX. */
enum FileFormat {
    CSV, XLSX;

    private static final byte[] ZIP = {'P', 'K', 3, 4};

    /** The format of a stored upload: an XLSX is a zip package, whatever its name says. */
    static FileFormat of(String fileName, Path file) {
        byte[] start;
        try (InputStream in = Files.newInputStream(file)) {
            start = in.readNBytes(4);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean zip = start.length == 4 && start[0] == ZIP[0] && start[1] == ZIP[1] && start[2] == ZIP[2] && start[3] == ZIP[3];
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (zip) {
            if (name.endsWith(".csv") || name.endsWith(".txt")) {
                throw FileRefusal.badFile("The file is named as CSV but is a compressed package; save it as CSV or upload the .xlsx.");
            }
            return XLSX;
        }
        if (name.endsWith(".xlsx")) {
            throw FileRefusal.badFile("The file is named .xlsx but is not an Excel workbook; save it again as .xlsx or as CSV.");
        }
        if (name.endsWith(".xls")) {
            throw FileRefusal.badFile("Old Excel files (.xls) are not accepted; save the file as .xlsx or as CSV.");
        }
        return CSV;
    }

    /** Reads a file of this format: the header first (line 1), then each row with its line. */
    void read(Path file, RowSink sink) {
        switch (this) {
            case CSV -> CsvTable.read(file, sink);
            case XLSX -> XlsxTable.read(file, sink);
        }
    }

    /** Receives the rows of a file as they are read. */
    interface RowSink {

        void row(int line, List<String> cells);
    }

    /** Thrown by a sink that has read enough. */
    static final class Stop extends RuntimeException {

        Stop() {
            super(null, null, false, false);
        }
    }
}
