package id.terpadu.imports;

import id.terpadu.Fast;
import id.terpadu.access.Caller;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading files: encodings, delimiters, headers, limits, XLSX cells, and cells written safely. Without a database. */
@Fast
class FileReadingTest {

    @TempDir
    Path directory;

    /** A kind with a key column and two more, that applies nothing. */
    private static final ImportKind KIND = new ImportKind() {
        @Override
        public ImportLayout layout() {
            return new ImportLayout("TEST", "A test layout.", "updateJknStatuses",
                    List.of(ImportColumn.required("nik", "NIK.", "no_nik"), ImportColumn.required("name", "Name.", "nama"),
                            ImportColumn.optional("note", "A remark.", "catatan")), "nik");
        }

        @Override
        public List<RowOutcome> apply(Caller caller, String source, List<ImportRow> rows, boolean write) {
            return rows.stream().map(row -> RowOutcome.UNCHANGED).toList();
        }
    };

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(directory.resolve(name), content);
    }

    private static List<List<String>> rows(Path file, FileFormat format) {
        List<List<String>> rows = new ArrayList<>();
        format.read(file, (line, cells) -> rows.add(cells));
        return rows;
    }

    @Test
    void csvInUtf8OrWindows1252WithCommasOrSemicolons() throws IOException {
        Path utf8 = file("a.csv", "\uFEFFNo NIK;Nama\r\n5106010101900001;Kadek \u00c9\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(CsvTable.charsetOf(utf8)).isEqualTo(StandardCharsets.UTF_8);
        assertThat(rows(utf8, FileFormat.CSV)).containsExactly(List.of("No NIK", "Nama"), List.of("5106010101900001", "Kadek \u00c9"));

        Path cp1252 = file("b.csv", "nik,nama\n5106010101900001,\"Kadek \u00c9, jr\"\n".getBytes(Charset.forName("windows-1252")));
        assertThat(CsvTable.charsetOf(cp1252)).isEqualTo(CsvTable.WINDOWS_1252);
        assertThat(rows(cp1252, FileFormat.CSV).get(1)).containsExactly("5106010101900001", "Kadek \u00c9, jr");

        Path binary = file("c.csv", new byte[]{'n', 'i', 'k', 0, 1, 2});
        assertThatThrownBy(() -> rows(binary, FileFormat.CSV)).isInstanceOf(FileRefusal.class).hasMessageContaining("not text");
    }

    @Test
    void theScanChecksTheHeaderTheLimitAndFindsKeysGivenTwice() throws IOException {
        Path file = file("d.csv", "NAMA,nik,kesalahan\nA,5106010101900001,x\nB,5106010101900002,\nC,5106010101900001,\n"
                .getBytes(StandardCharsets.UTF_8));
        FileScan scan = FileScan.of(file, FileFormat.CSV, KIND, 10);
        assertThat(scan.rows()).isEqualTo(3);
        assertThat(scan.timesGiven(KIND, scan.layout().row(2, List.of("A", "5106010101900001")))).isEqualTo(2);
        assertThat(scan.timesGiven(KIND, scan.layout().row(3, List.of("B", "5106010101900002")))).isEqualTo(1);
        assertThat(scan.layout().row(2, List.of("A", "5106010101900001", "x")).values())
                .as("columns the layout does not know are left out").containsOnlyKeys("nik", "name");

        assertThatThrownBy(() -> FileScan.of(file, FileFormat.CSV, KIND, 2)).isInstanceOf(FileRefusal.class)
                .hasMessageContaining("more than 2 rows");
        Path missing = file("e.csv", "nik\n5106010101900001\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> FileScan.of(missing, FileFormat.CSV, KIND, 10)).isInstanceOf(FileRefusal.class)
                .hasMessageContaining("name (or nama)").extracting(e -> ((FileRefusal) e).field()).isEqualTo("name");
    }

    @Test
    void xlsxCellsComeOutAsTheirDigitsAndIsoDates() throws IOException {
        Path file = directory.resolve("f.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet();
            sheet.createRow(0).createCell(0).setCellValue("nik");
            Row row = sheet.createRow(2);
            row.createCell(0).setCellValue(5106010101900001d);
            row.createCell(2).setCellValue(LocalDate.of(2024, 12, 31));
            var style = workbook.createCellStyle();
            style.setDataFormat(workbook.createDataFormat().getFormat("m/d/yy"));
            row.getCell(2).setCellStyle(style);
            workbook.write(out);
        }
        List<Integer> lines = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        FileFormat.XLSX.read(file, (line, cells) -> {
            lines.add(line);
            rows.add(cells);
        });
        assertThat(lines).containsExactly(1, 3);
        assertThat(rows.get(1)).containsExactly("5106010101900001", "", "2024-12-31");
    }

    @Test
    void cellsThatASpreadsheetWouldRunAsFormulasAreNeutralised() {
        for (String formula : List.of("=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1")) {
            assertThat(SafeCells.of(formula)).startsWith("'");
        }
        assertThat(SafeCells.of("5106010101900001")).isEqualTo("5106010101900001");
        assertThat(SafeCells.of("Jalan Raya")).isEqualTo("Jalan Raya");
    }

    @Test
    void columnsAreFoundByNameOrAliasWhateverTheCaseAndSpacing() {
        ImportColumn column = ImportColumn.required("jknNumber", "", "no_kartu");
        assertThat(column.matches("No. Kartu")).isTrue();
        assertThat(column.matches("JKN number")).isTrue();
        assertThat(column.matches("kartu")).isFalse();
    }
}
