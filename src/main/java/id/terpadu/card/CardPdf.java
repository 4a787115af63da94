package id.terpadu.card;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfWriter;
import org.springframework.stereotype.Component;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The printable card: one credit-card-size page (ID-1, 85.6 x 54 mm) in Indonesian with the QR code
 * of its token, and a back page listing the members it covers. The QR code is drawn as vector
 * squares, so it prints sharp at any size.
 */
@Component
class CardPdf {

    /** ID-1 card size in points (1 pt = 1/72 inch). */
    static final float WIDTH = 85.6f / 25.4f * 72f;
    static final float HEIGHT = 54f / 25.4f * 72f;
    private static final float MARGIN = 8f;
    private static final float QR_SIZE = 72f;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag("id-ID"));
    private static final Map<String, Color> COLOURS = Map.of(
            "MELATI", new Color(0x1F, 0x6F, 0x3F), "MENUR", new Color(0x2B, 0x4C, 0x9A), "KENANGA", new Color(0xC2, 0x7C, 0x0E));

    /** What the card shows, as the caller may see it (a KK masked for a role that sees it masked). */
    record CardFace(String number, String clusterCode, String clusterName, String headName, String kk, String village,
                    List<String> memberNames, LocalDate validFrom, LocalDate validUntil, boolean revoked, String token) {
    }

    byte[] print(CardFace face) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(new Rectangle(WIDTH, HEIGHT), 0, 0, 0, 0);
        PdfWriter writer = PdfWriter.getInstance(document, out);
        document.addTitle("Kartu " + face.clusterName() + " " + face.number());
        document.open();
        writer.getExtraCatalog().put(com.lowagie.text.pdf.PdfName.LANG, new com.lowagie.text.pdf.PdfString("id-ID"));
        front(writer.getDirectContent(), face);
        document.newPage();
        back(writer.getDirectContent(), face);
        document.close();
        return out.toByteArray();
    }

    private void front(PdfContentByte canvas, CardFace face) {
        Color colour = COLOURS.getOrDefault(face.clusterCode(), new Color(0x44, 0x44, 0x44));
        canvas.setColorFill(colour);
        canvas.rectangle(0, HEIGHT - 30, WIDTH, 30);
        canvas.fill();
        text(canvas, "KARTU " + face.clusterName().toUpperCase(Locale.ROOT), font(BaseFont.HELVETICA_BOLD, 10, Color.WHITE),
                MARGIN, HEIGHT - 15);
        text(canvas, "UPT Penanggulangan Kemiskinan", font(BaseFont.HELVETICA, 6, Color.WHITE), MARGIN, HEIGHT - 25);
        Font label = font(BaseFont.HELVETICA, 5.5f, Color.DARK_GRAY);
        Font value = font(BaseFont.HELVETICA_BOLD, 6.5f, Color.BLACK);
        float y = HEIGHT - 42;
        String[][] lines = {
                {"No. kartu", face.number()},
                {"Kepala keluarga", face.headName() == null ? "-" : face.headName()},
                {"No. KK", face.kk()},
                {"Desa/kelurahan", face.village()},
                {"Anggota tercakup", face.memberNames().size() + " orang"},
                {"Berlaku", DAY.format(face.validFrom()) + " s.d. " + DAY.format(face.validUntil())}};
        for (String[] line : lines) {
            text(canvas, line[0], label, MARGIN, y);
            text(canvas, line[1], value, MARGIN + 52, y);
            y -= 13;
        }
        qr(canvas, face.token(), WIDTH - MARGIN - QR_SIZE, 10);
        text(canvas, "Pindai untuk memeriksa keabsahan", font(BaseFont.HELVETICA, 4.5f, Color.DARK_GRAY),
                WIDTH - MARGIN - QR_SIZE + 3, 6);
        if (face.revoked()) {
            text(canvas, "DICABUT", font(BaseFont.HELVETICA_BOLD, 14, Color.RED), WIDTH / 2 - 30, HEIGHT / 2);
        }
    }

    private void back(PdfContentByte canvas, CardFace face) {
        text(canvas, "Anggota keluarga yang tercakup", font(BaseFont.HELVETICA_BOLD, 7, Color.BLACK), MARGIN, HEIGHT - 14);
        Font name = font(BaseFont.HELVETICA, 6, Color.BLACK);
        float y = HEIGHT - 26;
        int shown = 0;
        for (String member : face.memberNames()) {
            if (y < 18) {
                text(canvas, "dan " + (face.memberNames().size() - shown) + " orang lainnya", name, MARGIN, y);
                break;
            }
            text(canvas, (shown + 1) + ". " + member, name, MARGIN, y);
            y -= 9;
            shown++;
        }
        text(canvas, "Kartu ini milik keluarga yang namanya tercantum dan tidak dapat dipindahtangankan.",
                font(BaseFont.HELVETICA, 4.5f, Color.DARK_GRAY), MARGIN, 8);
    }

    /** The QR code of the token as filled squares, with its quiet zone, in a square of {@link #QR_SIZE} points. */
    private static void qr(PdfContentByte canvas, String token, float x, float y) {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(token, com.google.zxing.BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
        } catch (WriterException e) {
            throw new IllegalStateException("The card's token does not fit a QR code", e);
        }
        float module = QR_SIZE / matrix.getWidth();
        canvas.setColorFill(Color.BLACK);
        for (int row = 0; row < matrix.getHeight(); row++) {
            for (int column = 0; column < matrix.getWidth(); column++) {
                if (matrix.get(column, row)) {
                    canvas.rectangle(x + column * module, y + QR_SIZE - (row + 1) * module, module, module);
                }
            }
        }
        canvas.fill();
    }

    private static void text(PdfContentByte canvas, String text, Font font, float x, float y) {
        ColumnText.showTextAligned(canvas, Element.ALIGN_LEFT, new Phrase(text, font), x, y, 0);
    }

    private static Font font(String name, float size, Color colour) {
        try {
            return new Font(BaseFont.createFont(name, BaseFont.CP1252, BaseFont.NOT_EMBEDDED), size, Font.NORMAL, colour);
        } catch (java.io.IOException | com.lowagie.text.DocumentException e) {
            throw new IllegalStateException("A standard PDF font is missing", e);
        }
    }
}
