package id.terpadu;

import id.terpadu.db.codes.JknSegment;
import id.terpadu.db.tables.records.HealthFacetRecord;
import id.terpadu.imports.Uploads;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static id.terpadu.db.Tables.AUDIT_ENTRY;
import static id.terpadu.db.Tables.HEALTH_FACET;
import static id.terpadu.db.Tables.IMPORT_JOB;
import static id.terpadu.db.Tables.SOCIAL_FACET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The insurer's JKN list uploaded as a file, with real tokens: a dry run that reports what would
 * change row by row, the import that applies it under the job's id in the audit trail, the same
 * file twice, the refused rows downloaded (formula cells neutralised, NIKs masked as the caller sees
 * them), fixed and uploaded again; XLSX read as typed cells; rows outside the caller's region.
 */
class ImportTest extends ApiTest {

    private Uploads uploads;

    @BeforeEach
    void uploads() {
        uploads = new Uploads(port);
    }

    private Family registered() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        return family;
    }

    private HealthFacetRecord stored(Person person) {
        return dsl.selectFrom(HEALTH_FACET).where(HEALTH_FACET.MEMBER_ID.eq(memberRow(person.nik()).getId())).fetchOne();
    }

    private static byte[] csv(String... lines) {
        return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static List<CSVRecord> records(byte[] csv) throws IOException {
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).as("a byte order mark, for Excel").startsWith("\uFEFF");
        try (CSVParser parser = CSVParser.parse(text.substring(1),
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return parser.getRecords();
        }
    }

    @Test
    void theHealthOfficeValidatesAppliesAndDownloadsTheRefusedRows() throws IOException {
        Family first = registered();
        Family second = registered();
        String unknown = TestIdentities.nik(false, LocalDate.of(1981, 3, 4));
        Person twice = second.members().get(2);
        // Indonesian headers, semicolons, the columns in another order
        byte[] file = csv(
                "No_Kartu;NIK;Segmen;Status Aktif;TMT",
                "0000000000101;" + first.head().nik() + ";PBI APBN;ya;01/02/2024",                // 2 new
                ";" + first.members().get(1).nik() + ";NONE;tidak;",                               // 3 new, uninsured
                ";" + first.members().get(2).nik() + ";PBI_APBD;ya;2024-01-01",                    // 4 no card number
                "0000000000102;" + unknown + ";PBPU;ya;2024-01-01",                                // 5 unknown NIK
                "0000000000103;" + second.head().nik() + ";PPU;ya;30/02/2024",                     // 6 not a date
                "0000000000104;" + second.members().get(1).nik() + ";=HYPERLINK(\"http://x\");ya;", // 7 a formula
                "0000000000105;" + twice.nik() + ";PBPU;ya;",                                      // 8 twice
                "0000000000106;" + twice.nik() + ";PBPU;ya;");                                     // 9 twice

        Uploads.Answer accepted = uploads.upload("dinkes", "JKN", "bpjs-2025-06.csv", file, true);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String id = accepted.text("/id");
        assertThat(accepted.json().at("/rowsTotal").asInt()).isEqualTo(8);

        JsonNode validated = uploads.finished("dinkes", id);
        assertThat(validated.at("/status").asString()).isEqualTo("VALIDATED");
        assertThat(validated.at("/rowsNew").asInt()).isEqualTo(2);
        assertThat(validated.at("/rowsInvalid").asInt()).isEqualTo(6);
        assertThat(validated.at("/rowsApplied").asInt()).isZero();
        assertThat(validated.at("/percent").asDouble()).isEqualTo(100.0);
        assertThat(stored(first.head())).as("a dry run writes nothing").isNull();

        // the refused rows as the health office sees them: NIKs masked, the formula neutralised
        List<CSVRecord> refused = records(uploads.bytes("dinkes", "/imports/" + id + "/report?format=csv"));
        assertThat(refused).extracting(row -> row.get("baris")).containsExactly("4", "5", "6", "7", "8", "9");
        assertThat(refused).extracting(row -> row.get("kesalahan").substring(0, row.get("kesalahan").indexOf(':')))
                .containsExactly("jknNumber", "nik", "since", "segment", "nik", "nik");
        assertThat(refused.get(1).get("kesalahan")).contains("No person with this NIK is registered in your region");
        assertThat(refused.get(4).get("kesalahan")).contains("2 times");
        assertThat(refused.get(0).get("nik")).isEqualTo(masked(first.members().get(2).nik()));
        assertThat(refused.get(3).get("segment")).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(new String(uploads.bytes("dinkes", "/imports/" + id + "/report?format=csv"), StandardCharsets.UTF_8))
                .doesNotContain(first.members().get(2).nik(), unknown);

        Uploads.Answer applying = uploads.post("dinkes", "/imports/" + id + "/apply");
        assertThat(applying.status()).as(applying.body()).isEqualTo(202);
        JsonNode applied = uploads.finished("dinkes", id);
        assertThat(applied.at("/status").asString()).isEqualTo("APPLIED");
        assertThat(applied.at("/rowsApplied").asInt()).isEqualTo(2);
        assertThat(applied.at("/rowsFailed").asInt()).isEqualTo(6);
        HealthFacetRecord head = stored(first.head());
        assertThat(head.getSegment()).isEqualTo(JknSegment.PBI_APBN);
        assertThat(head.getSince()).isEqualTo(LocalDate.of(2024, 2, 1));
        assertThat(head.getJknNumber()).isEqualTo("0000000000101");
        assertThat(head.getSource()).isEqualTo("import-job-" + id);
        assertThat(stored(first.members().get(1)).getSegment()).isEqualTo(JknSegment.NONE);
        assertThat(stored(twice)).as("a NIK given twice is applied from neither row").isNull();
        assertThat(dsl.fetch(AUDIT_ENTRY, AUDIT_ENTRY.REQUEST_ID.eq("import-job-" + id)))
                .as("every applied row is audited under the job")
                .hasSize(2)
                .allSatisfy(entry -> {
                    assertThat(entry.getEntityTable()).isEqualTo("health_facet");
                    assertThat(entry.getOperation()).isEqualTo("importJKN");
                    assertThat(entry.getUsername()).isEqualTo("dinkes");
                });

        // the same file again changes nothing
        Uploads.Answer again = uploads.upload("dinkes", "JKN", "copy.csv", file, false);
        assertThat(again.status()).as(again.body()).isEqualTo(202);
        assertThat(again.text("/status")).isEqualTo("DUPLICATE");
        assertThat(again.text("/duplicateOf")).isEqualTo(id);
        uploads.post("dinkes", "/imports/" + id + "/apply").refused(409, "id");
        assertThat(stored(first.head()).getVersion()).isEqualTo(1L);
    }

    @Test
    void refusedRowsAreFixedInTheReportAndUploadedAgain() throws IOException {
        Family family = registered();
        byte[] file = csv("nik,segment,active,since,jknNumber",
                family.head().nik() + ",PBPU,ya,,12345",
                family.members().get(1).nik() + ",PBPU,ya,,0000000000202");
        String id = uploads.upload("uptpk", "JKN", "list.csv", file, false).text("/id");
        assertThat(uploads.finished("uptpk", id).at("/rowsInvalid").asInt()).isEqualTo(1);

        byte[] report = uploads.bytes("uptpk", "/imports/" + id + "/report?format=csv");
        List<CSVRecord> rows = records(report);
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().get("nik")).as("UPT-PK sees NIKs whole").isEqualTo(family.head().nik());
        String fixed = new String(report, StandardCharsets.UTF_8).replace(",12345,", ",0000000000201,");

        String again = uploads.upload("uptpk", "JKN", "fixed.csv", fixed.getBytes(StandardCharsets.UTF_8), false).text("/id");
        JsonNode job = uploads.finished("uptpk", again);
        assertThat(job.at("/status").asString()).isEqualTo("APPLIED");
        assertThat(job.at("/rowsNew").asInt()).isEqualTo(1);
        assertThat(job.at("/rowsInvalid").asInt()).isZero();
        assertThat(stored(family.head()).getJknNumber()).isEqualTo("0000000000201");

        // the report as XLSX, every cell text
        byte[] xlsx = uploads.bytes("uptpk", "/imports/" + id + "/report?format=xlsx");
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Row row = workbook.getSheetAt(0).getRow(1);
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo(family.head().nik());
            assertThat(row.getCell(6).getStringCellValue()).startsWith("jknNumber:");
        }
    }

    @Test
    void anXlsxListWithDateCellsAndNiksTypedAsNumbersIsRead() throws IOException {
        Family family = registered();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Workbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet("Peserta");
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
            Row header = sheet.createRow(0);
            List<String> names = List.of("NIK", "Segmen Peserta", "Aktif", "TMT Peserta", "Nomor Kartu");
            for (int i = 0; i < names.size(); i++) {
                header.createCell(i).setCellValue(names.get(i));
            }
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue(Double.parseDouble(family.head().nik()));
            row.createCell(1).setCellValue("PBI_APBN");
            row.createCell(2).setCellValue(true);
            row.createCell(3).setCellValue(LocalDate.of(2024, 3, 1));
            row.getCell(3).setCellStyle(date);
            row.createCell(4).setCellValue("0000000000301");
            workbook.write(out);
        }
        String id = uploads.upload("dinkes", "JKN", "peserta.xlsx", out.toByteArray(), false).text("/id");
        JsonNode job = uploads.finished("dinkes", id);
        assertThat(job.at("/rowsNew").asInt()).as(job.toString()).isEqualTo(1);
        assertThat(stored(family.head()).getSince()).isEqualTo(LocalDate.of(2024, 3, 1));
    }

    @Test
    void aWindows1252FileIsReadAndRowsOutsideTheCallersRegionAreRefusedPerRow() throws IOException {
        Family own = registered();
        String elsewhere = TestIdentities.nik(true, LocalDate.of(1975, 6, 7));
        long household = dsl.insertInto(id.terpadu.db.Tables.HOUSEHOLD, id.terpadu.db.Tables.HOUSEHOLD.KK,
                        id.terpadu.db.Tables.HOUSEHOLD.VILLAGE_CODE, id.terpadu.db.Tables.HOUSEHOLD.ADDRESS)
                .values(TestIdentities.kk(), "51.01.01.2001", "Jalan Cupel 1")
                .returningResult(id.terpadu.db.Tables.HOUSEHOLD.ID).fetchSingle().value1();
        dsl.insertInto(id.terpadu.db.Tables.MEMBER, id.terpadu.db.Tables.MEMBER.NIK, id.terpadu.db.Tables.MEMBER.NAME,
                        id.terpadu.db.Tables.MEMBER.SEX, id.terpadu.db.Tables.MEMBER.BIRTH_DATE,
                        id.terpadu.db.Tables.MEMBER.RELATIONSHIP, id.terpadu.db.Tables.MEMBER.HOUSEHOLD_ID)
                .values(elsewhere, "Ni Luh Jembrana " + token(), id.terpadu.db.codes.Sex.FEMALE, LocalDate.of(1975, 6, 7),
                        id.terpadu.db.codes.Relationship.HEAD, household)
                .execute();
        // a remark column the layout does not know, with a Windows-1252 é
        byte[] file = ("nik;segment;active;jknNumber;catatan\r\n"
                + own.head().nik() + ";PBPU;1;0000000000401;Pindahan caf\u00e9\r\n"
                + elsewhere + ";PBPU;1;0000000000402;Jembrana\r\n").getBytes(java.nio.charset.Charset.forName("windows-1252"));

        String id = uploads.upload("dinkes", "JKN", "list.csv", file, false).text("/id");
        JsonNode job = uploads.finished("dinkes", id);
        assertThat(job.at("/rowsNew").asInt()).as(job.toString()).isEqualTo(1);
        assertThat(job.at("/rowsInvalid").asInt()).isEqualTo(1);
        assertThat(stored(own.head()).getJknNumber()).isEqualTo("0000000000401");
        assertThat(dsl.fetchCount(HEALTH_FACET, HEALTH_FACET.MEMBER_ID.eq(memberRow(elsewhere).getId()))).isZero();

        // over GraphQL: the job, its refused row with the NIK masked for the health office, and only the caller's jobs
        graphQl.document("{ importJob(id: \"" + id + "\") { id } }").execute()
                .path("importJob").valueIsNull();
        as("dinkes").document("{ importJob(id: \"" + id + "\") { status rowsNew problems { line nik field reason } } }").execute()
                .path("importJob.status").entity(String.class).isEqualTo("APPLIED")
                .path("importJob.problems[0].line").entity(Integer.class).isEqualTo(3)
                .path("importJob.problems[0].nik").entity(String.class).isEqualTo(masked(elsewhere))
                .path("importJob.problems[0].field").entity(String.class).isEqualTo("nik");
        as("dinkes").document("{ importJobs(kind: \"JKN\", first: 100) { id } }").execute()
                .path("importJobs[*].id").entityList(String.class).contains(id);
    }

    @Test
    void theSocialOfficeImportsDtsenDecilesByKkOrNik() {
        Family byKk = registered();
        Family byNik = registered();
        Family newer = registered();
        Family twice = registered();
        Uploads.Answer first = uploads.upload("dinsos", "DTSEN", "dtsen.csv", csv(
                "No KK,NIK,ID DTSEN,Desil,Periode",
                newer.kk() + ",,DT-3,2,2025Q4"), false);
        assertThat(uploads.finished("dinsos", first.text("/id")).at("/rowsNew").asInt()).isEqualTo(1);

        String id = uploads.upload("dinsos", "DTSEN", "dtsen-2025q3.csv", csv(
                "No KK,NIK,ID DTSEN,Desil,Periode",
                byKk.kk() + ",,DT-1,3,2025-Q3",                              // 2 new, by KK
                "," + byNik.members().get(2).nik() + ",DT-2,1,TW3 2025",     // 3 new, by a member's NIK
                newer.kk() + ",,DT-3,4,2025Q3",                              // 4 older than stored
                twice.kk() + ",,,5,2025Q3",                                  // 5 same household
                "," + twice.head().nik() + ",,5,2025Q3",                     // 6 same household
                byKk.kk().substring(1) + ",,,2,2025Q3",                      // 7 not a KK
                "," + byNik.head().nik() + ",,11,2025Q3"), false).text("/id"); // 8 no such decile
        JsonNode job = uploads.finished("dinsos", id);
        assertThat(job.at("/status").asString()).isEqualTo("APPLIED");
        assertThat(job.at("/rowsNew").asInt()).as(job.toString()).isEqualTo(2);
        assertThat(job.at("/rowsInvalid").asInt()).isEqualTo(5);
        as("dinsos").document("{ importJob(id: \"" + id + "\") { problems { line field reason } } }").execute()
                .path("importJob.problems[*].line").entityList(Integer.class).containsExactly(4, 5, 6, 7, 8)
                .path("importJob.problems[*].field").entityList(String.class).containsExactly("quarter", "kk", "nik", "kk", "decile")
                .path("importJob.problems[0].reason").entity(String.class).satisfies(reason -> assertThat(reason).contains("2025Q4"));

        var social = SOCIAL_FACET;
        var byKkFacet = dsl.selectFrom(social).where(social.HOUSEHOLD_ID.eq(householdRow(byKk.kk()).getId())).fetchSingle();
        assertThat(byKkFacet.getDecile()).isEqualTo((short) 3);
        assertThat(byKkFacet.getDecileQuarter()).isEqualTo("2025Q3");
        assertThat(byKkFacet.getDtsenId()).isEqualTo("DT-1");
        assertThat(dsl.selectFrom(social).where(social.HOUSEHOLD_ID.eq(householdRow(byNik.kk()).getId())).fetchSingle().getDecile())
                .isEqualTo((short) 1);
        assertThat(dsl.selectFrom(social).where(social.HOUSEHOLD_ID.eq(householdRow(newer.kk()).getId())).fetchSingle().getDecile())
                .as("a newer decile is kept").isEqualTo((short) 2);
        assertThat(dsl.fetchCount(social, social.HOUSEHOLD_ID.eq(householdRow(twice.kk()).getId()))).isZero();

        // the health office may not write deciles
        uploads.upload("dinkes", "DTSEN", "dtsen.csv", csv("kk,decile,quarter", byKk.kk() + ",2,2025Q4"), true)
                .refused(403, "kind");
    }

    @Test
    void progressIsPushedUntilTheJobHasFinished() {
        Family family = registered();
        List<String> lines = new ArrayList<>(List.of("nik,segment,active,jknNumber"));
        lines.add(family.head().nik() + ",PBPU,ya,0000000000501");
        for (int i = 0; i < 2_400; i++) {
            lines.add(TestIdentities.nik(false, LocalDate.of(1960, 1, 1).plusDays(i)) + ",NONE,tidak,");
        }
        String id = uploads.upload("dinkes", "JKN", "big.csv", csv(lines.toArray(String[]::new)), false).text("/id");

        String token = Tokens.of("dinkes");
        WebSocketGraphQlTester socket = WebSocketGraphQlTester.builder(URI.create("ws://localhost:" + port + "/graphql-ws"),
                        new ReactorNettyWebSocketClient())
                .interceptor(new WebSocketGraphQlClientInterceptor() {
                    @Override
                    public Mono<Object> connectionInitPayload() {
                        return Mono.just(Map.of("Authorization", "Bearer " + token));
                    }
                })
                .build();
        try {
            List<Map> events = socket.document("subscription { importJobProgress(id: \"" + id + "\") "
                            + "{ status rowsRead rowsTotal percent rowsPerSecond secondsLeft } }")
                    .executeSubscription().toFlux("importJobProgress", Map.class)
                    .collectList().block(Duration.ofSeconds(90));
            assertThat(events).isNotEmpty();
            Map<?, ?> last = events.getLast();
            assertThat(last.get("status")).isEqualTo("APPLIED");
            assertThat(last.get("rowsRead")).isEqualTo(2_401);
            assertThat(((Number) last.get("percent")).doubleValue()).isEqualTo(100.0);
            assertThat(events).extracting(event -> ((Number) event.get("rowsRead")).intValue()).isSorted();
        } finally {
            socket.stop().block(Duration.ofSeconds(10));
        }
        assertThat(stored(family.head()).getJknNumber()).isEqualTo("0000000000501");
    }

    @Test
    void filesTheHubCannotReadAreRefusedWithAClearMessageAndNoJob() throws IOException {
        int jobs = dsl.fetchCount(IMPORT_JOB);
        byte[] good = csv("nik,segment,active", "5106010101900001,NONE,tidak");

        assertThat(uploads.upload(null, "JKN", "list.csv", good, true).status()).isEqualTo(401);
        uploads.upload("perkim", "JKN", "list.csv", good, true).refused(403, "kind");
        uploads.upload("desa", "JKN", "list.csv", good, true).refused(403, "kind");
        uploads.upload("dinkes", "RASKIN", "list.csv", good, true).refused(400, "kind");
        uploads.upload("dinkes", null, "list.csv", good, true).refused(400, "kind");
        uploads.upload("dinkes", "JKN", "utf16.csv", "nik,segment,active\r\n".getBytes(StandardCharsets.UTF_16), true)
                .refused(422, "file");
        uploads.upload("dinkes", "JKN", "list.csv", csv("nik,segmen", "5106010101900001,NONE"), true)
                .refused(422, "active");
        uploads.upload("dinkes", "JKN", "list.csv", csv("nik,segment,active"), true).refused(422, "file");
        uploads.upload("dinkes", "JKN", "list.csv", csv("nik,segment,active", "\"5106010101900001,NONE,tidak"), true)
                .refused(422, "file");
        uploads.upload("dinkes", "JKN", "list.xlsx", good, true).refused(422, "file");
        Uploads.Answer bomb = uploads.upload("dinkes", "JKN", "bomb.xlsx", ZipBomb.xlsx(), true).refused(422, "file");
        assertThat(bomb.text("/message")).contains("zip bomb");

        assertThat(dsl.fetchCount(IMPORT_JOB)).as("no job for a refused file").isEqualTo(jobs);
    }

    @Test
    void theTemplateHasTheLayoutsColumns() throws IOException {
        String template = new String(uploads.bytes("dinkes", "/imports/templates/jkn?format=csv"), StandardCharsets.UTF_8);
        List<String> header = CSVParser.parse(template.replace("\uFEFF", ""), CSVFormat.DEFAULT).getRecords().getFirst().toList();
        assertThat(header).containsExactly("nik", "segment", "active", "since", "jknNumber");
        JsonNode kinds = uploads.get("dinkes", "/imports/kinds").json();
        assertThat(kinds.findValuesAsString("kind")).contains("JKN");
        assertThat(kinds.toString()).contains("no_kartu", "tmt");
        assertThat(kinds.findValues("alsoAccepted").stream().map(JsonNode::toString).collect(Collectors.joining()))
                .contains("segmen");
    }
}
