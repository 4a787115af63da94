package id.terpadu;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** An XLSX whose sheet inflates a thousandfold: a few kilobytes that would be a hundred megabytes in memory. */
final class ZipBomb {

    private ZipBomb() {
    }

    static byte[] xlsx() throws IOException {
        ByteArrayOutputStream workbook = new ByteArrayOutputStream();
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook real = new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
            real.createSheet("Data").createRow(0).createCell(0).setCellValue("nik");
            real.write(workbook);
        }
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(workbook.toByteArray()));
             ZipOutputStream out = new ZipOutputStream(bomb)) {
            out.setLevel(9);
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    out.write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                            .getBytes());
                    byte[] blank = new byte[1 << 20];
                    java.util.Arrays.fill(blank, (byte) ' ');
                    for (int i = 0; i < 100; i++) {
                        out.write(blank);
                    }
                    out.write("</sheetData></worksheet>".getBytes());
                } else {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return bomb.toByteArray();
    }
}
