package id.terpadu.imports;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The first sheet of an XLSX workbook read as a stream of rows (POI's SAX event reader), so memory
 * does not grow with the number of rows. Dates come out as ISO dates and whole numbers (a NIK typed
 * as a number) as their digits. A package whose parts inflate suspiciously far (a zip bomb) or grow
 * beyond the limit is refused before it fills memory or disk.
 */
final class XlsxTable {

    /** The smallest ratio of compressed to inflated size accepted (POI's default too). */
    static final double MIN_INFLATE_RATIO = 0.01;
    /** The largest part of a workbook accepted once inflated: a sheet of a million rows fits easily. */
    static final long MAX_ENTRY_SIZE = 1L << 30;

    static {
        ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
        ZipSecureFile.setMaxEntrySize(MAX_ENTRY_SIZE);
    }

    private XlsxTable() {
    }

    static void read(Path file, FileFormat.RowSink sink) {
        try (OPCPackage workbook = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(workbook);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(workbook, false);
            StylesTable styles = reader.getStylesTable();
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw FileRefusal.badFile("The workbook holds no sheet.");
            }
            try (InputStream sheet = sheets.next()) {
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, new Rows(sink), new IsoDates(), false));
                parser.parse(new InputSource(sheet));
            }
        } catch (FileRefusal | FileFormat.Stop e) {
            throw e;
        } catch (NotOfficeXmlFileException | InvalidFormatException e) {
            throw FileRefusal.badFile("The file is not an Excel workbook (.xlsx); save it again as .xlsx or as CSV.");
        } catch (IOException | SAXException | RuntimeException e) {
            if (isBomb(e)) {
                throw FileRefusal.badFile("The workbook inflates far beyond its size (a zip bomb?) and is refused; "
                        + "save the sheet again as .xlsx or as CSV.");
            }
            throw FileRefusal.badFile("The workbook could not be read (damaged or not an .xlsx); save it again as .xlsx or as CSV.");
        } catch (Exception e) {
            throw FileRefusal.badFile("The workbook could not be read (damaged or not an .xlsx); save it again as .xlsx or as CSV.");
        }
    }

    private static boolean isBomb(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("zip bomb") || message.contains("max entry size") || message.contains("exceeds the max")) {
                return true;
            }
        }
        return false;
    }

    /** Collects the cells of each row by their column, blanks between them included. */
    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {

        private final FileFormat.RowSink sink;
        private final List<String> cells = new ArrayList<>();

        Rows(FileFormat.RowSink sink) {
            this.sink = sink;
        }

        @Override
        public void startRow(int rowNum) {
            cells.clear();
        }

        @Override
        public void endRow(int rowNum) {
            if (cells.stream().allMatch(cell -> cell == null || cell.isBlank())) {
                return;
            }
            List<String> row = new ArrayList<>(cells.size());
            cells.forEach(cell -> row.add(cell == null ? "" : cell));
            sink.row(rowNum + 1, row);
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? cells.size() : new CellReference(reference).getCol();
            while (cells.size() < column) {
                cells.add(null);
            }
            if (cells.size() == column) {
                cells.add(value);
            } else {
                cells.set(column, value);
            }
        }
    }

    /** Dates as ISO dates, whole numbers as their digits (not 5.10601E+15), other cells as Excel shows them. */
    private static final class IsoDates extends DataFormatter {

        IsoDates() {
            super(Locale.ROOT);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value).toLocalDate().toString();
            }
            if (value == Math.rint(value) && Math.abs(value) < 1e17) {
                return Long.toString((long) value);
            }
            return super.formatRawCellContents(value, formatIndex, formatString);
        }
    }
}
