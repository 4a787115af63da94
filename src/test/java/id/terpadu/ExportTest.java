package id.terpadu;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static id.terpadu.db.Tables.IDENTITY_READ;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * BNBA lists out: a programme's beneficiaries in a village as CSV, XLSX or PDF, with only the columns
 * the caller reads, identity numbers as it sees them (whole ones logged under the export's id),
 * rows only in its region and of programmes it reads, every cell safe from formula injection.
 */
class ExportTest extends ApiTest {

    private static final String PKH_IN_APUAN = "/exports/bnba?programme=PKH&village=" + TestIdentities.VILLAGE;

    private EntityExchangeResult<byte[]> export(String user, String path) {
        WebTestClient.RequestHeadersSpec<?> request = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60)).build().get().uri(path);
        if (user != null) {
            request = request.header("Authorization", "Bearer " + Tokens.of(user));
        }
        return request.exchange().expectBody(byte[].class).returnResult();
    }

    private static List<String> lines(EntityExchangeResult<byte[]> result) {
        assertThat(result.getStatus().value()).as(new String(result.getResponseBodyContent(), StandardCharsets.UTF_8)).isEqualTo(200);
        return Arrays.asList(new String(result.getResponseBody(), StandardCharsets.UTF_8).replace("\uFEFF", "").split("\r\n"));
    }

    @Test
    void aVillagesPkhListHoldsWhatEachRoleReadsAsItSeesIt() throws IOException {
        String street = "@Gang " + token();
        Family family = Family.of(TestIdentities.VILLAGE, token()).withAddress(street, "001", "002");
        register(family);
        graphQl.document("mutation($input: RecordSocialAssessmentInput!) { recordSocialAssessment(input: $input) { version } }")
                .variable("input", input("kk", family.kk(), "expectedVersion", 0, "decile", 2, "decileQuarter", "2025Q3",
                        "povertyIndicators", List.of())).execute().errors().verify();
        graphQl.documentName("enrolBenefit").variable("input", input("programme", "PKH", "kk", family.kk(),
                "startsOn", "2026-01-01", "status", "ACTIVE", "reason", "Keluarga miskin")).execute().errors().verify();

        List<String> social = lines(export("dinsos", PKH_IN_APUAN + "&format=csv"));
        assertThat(social.getFirst()).isEqualTo("No,KK,NIK,Nama,Jenis kelamin,Tanggal lahir,Alamat,RT,RW,Status,Mulai,Sampai,Nilai");
        String row = social.stream().filter(line -> line.contains(masked(family.kk()))).findFirst().orElseThrow();
        assertThat(row).contains(masked(family.head().nik()), family.head().name(), "'" + street, "ACTIVE", "2026-01-01")
                .doesNotContain(family.kk(), family.head().nik());

        EntityExchangeResult<byte[]> village = export("desa", PKH_IN_APUAN + "&format=csv");
        assertThat(lines(village)).anySatisfy(line -> assertThat(line).contains(family.kk(), family.head().nik()));
        String exportId = village.getResponseHeaders().getFirst("X-Export-Id");
        assertThat(exportId).startsWith("export-");
        assertThat(dsl.fetch(IDENTITY_READ, IDENTITY_READ.REQUEST_ID.eq(exportId)))
                .as("every whole number exported is in the identity-read log under the export")
                .extracting(read -> read.getField()).contains("Household.kk", "Member.nik");
        assertThat(dsl.fetchCount(IDENTITY_READ, IDENTITY_READ.REQUEST_ID.eq(exportId).and(IDENTITY_READ.USERNAME.eq("desa"))))
                .isGreaterThanOrEqualTo(2);

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(
                export("uptpk", PKH_IN_APUAN + "&format=xlsx").getResponseBody()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("PEMERINTAH KABUPATEN BANGLI");
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).contains("Apuan");
            assertThat(sheet.getRow(4).getCell(1).getStringCellValue()).isEqualTo("KK");
        }
    }

    @Test
    void thePrintableListHasTheRegencysHeaderAndMasksAsTheCallerSees() throws IOException {
        String street = "=Gang " + token();
        Family family = Family.of(TestIdentities.VILLAGE, token()).withAddress(street, "003", "004");
        register(family);
        graphQl.document("mutation($input: RecordSocialAssessmentInput!) { recordSocialAssessment(input: $input) { version } }")
                .variable("input", input("kk", family.kk(), "expectedVersion", 0, "decile", 1, "decileQuarter", "2025Q3",
                        "povertyIndicators", List.of())).execute().errors().verify();
        graphQl.documentName("enrolBenefit").variable("input", input("programme", "PKH", "kk", family.kk(),
                "startsOn", "2026-01-01", "status", "ACTIVE", "reason", "Keluarga miskin")).execute().errors().verify();

        EntityExchangeResult<byte[]> social = export("dinsos", PKH_IN_APUAN + "&format=pdf");
        assertThat(social.getStatus().value()).isEqualTo(200);
        assertThat(social.getResponseHeaders().getContentType()).hasToString("application/pdf");
        String socialText = pdfText(social.getResponseBody());
        assertThat(socialText).contains("PEMERINTAH KABUPATEN BANGLI", "Apuan", masked(family.kk()), masked(family.head().nik()),
                family.head().name(), street).doesNotContain(family.kk(), family.head().nik());
        assertThat(dsl.fetchCount(IDENTITY_READ, IDENTITY_READ.REQUEST_ID.eq(social.getResponseHeaders().getFirst("X-Export-Id"))))
                .as("a masked number is no identity read").isZero();

        EntityExchangeResult<byte[]> village = export("desa", PKH_IN_APUAN + "&format=pdf");
        assertThat(pdfText(village.getResponseBody())).contains(family.kk(), family.head().nik());
        assertThat(dsl.fetch(IDENTITY_READ, IDENTITY_READ.REQUEST_ID.eq(village.getResponseHeaders().getFirst("X-Export-Id"))))
                .extracting(read -> read.getField()).contains("Household.kk", "Member.nik");

        assertThat(export("desa-b", PKH_IN_APUAN + "&format=pdf").getStatus().value()).isEqualTo(403);
        assertThat(export("perkim", PKH_IN_APUAN + "&format=pdf").getStatus().value()).isEqualTo(403);
        EntityExchangeResult<byte[]> unknownFormat = export("uptpk", PKH_IN_APUAN + "&format=docx");
        assertThat(unknownFormat.getStatus().value()).isEqualTo(400);
        assertThat(new String(unknownFormat.getResponseBody(), StandardCharsets.UTF_8)).contains("\"field\":\"format\"");
    }

    private static String pdfText(byte[] pdf) throws IOException {
        PdfReader reader = new PdfReader(pdf);
        try {
            PdfTextExtractor extractor = new PdfTextExtractor(reader);
            StringBuilder text = new StringBuilder();
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                text.append(extractor.getTextFromPage(page)).append('\n');
            }
            return text.toString();
        } finally {
            reader.close();
        }
    }

    @Test
    void anExportOutsideTheCallersProgrammesOrRegionIsRefused() {
        assertThat(export(null, PKH_IN_APUAN).getStatus().value()).isEqualTo(401);
        assertThat(export("perkim", PKH_IN_APUAN).getStatus().value()).isEqualTo(403);
        assertThat(export("dinkes", PKH_IN_APUAN).getStatus().value()).isEqualTo(403);
        assertThat(export("desa-b", PKH_IN_APUAN).getStatus().value()).isEqualTo(403);
        EntityExchangeResult<byte[]> unknown = export("uptpk", "/exports/bnba?programme=RASKIN&village=" + TestIdentities.VILLAGE);
        assertThat(unknown.getStatus().value()).isEqualTo(404);
        assertThat(new String(unknown.getResponseBody(), StandardCharsets.UTF_8)).contains("\"field\":\"programme\"")
                .doesNotContain("Exception", "org.");
        assertThat(export("uptpk", "/exports/bnba?programme=PKH&village=51.06.01").getStatus().value()).isEqualTo(404);
    }
}
