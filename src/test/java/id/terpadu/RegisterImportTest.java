package id.terpadu;

import id.terpadu.db.codes.Relationship;
import id.terpadu.db.codes.Sex;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.imports.Uploads;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static id.terpadu.db.Tables.AUDIT_ENTRY;
import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.IMPORT_JOB;
import static id.terpadu.db.Tables.MEMBER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A regency's initial register uploaded as a file with real tokens: one row per person, the rows
 * of a family card together, Indonesian headers and words; a dry run that writes nothing, the
 * registration with the rules of registerHousehold (one head, NIKs agreeing with the person, no
 * NIK twice), the same register again changing nothing, XLSX as typed cells, a village operator's
 * rows outside its village, and a file without a column it needs.
 */
class RegisterImportTest extends ApiTest {

    private static final String HEADER = "No KK;Kode Desa;Alamat;RT;RW;NIK;Nama;Jenis Kelamin;Tgl Lahir;Tempat Lahir;Hubungan";
    private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final Map<String, String> WORDS = Map.of("HEAD", "Kepala Keluarga", "SPOUSE", "Istri", "CHILD", "Anak");

    private Uploads uploads;

    @BeforeEach
    void uploads() {
        uploads = new Uploads(port);
    }

    /** A family's rows as a register writes them: the household's cells on the head's row only, when {@code once}. */
    private static List<String> rows(Family family, boolean once) {
        List<String> rows = new ArrayList<>();
        for (Person person : family.members()) {
            boolean household = !once || person.relationship().equals("HEAD");
            rows.add(String.join(";", family.kk(), household ? family.villageCode() : "", household ? family.address() : "",
                    household ? family.rt() : "", household ? family.rw() : "", person.nik(), person.name(),
                    person.sex().equals("MALE") ? "L" : "P", DAY_MONTH_YEAR.format(person.birthDate()), "Bangli",
                    WORDS.getOrDefault(person.relationship(), person.relationship())));
        }
        return rows;
    }

    private static byte[] csv(List<String> lines) {
        return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> file(List<List<String>> families) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        families.forEach(lines::addAll);
        return lines;
    }

    private boolean isRegistered(Family family) {
        return dsl.fetchExists(HOUSEHOLD, HOUSEHOLD.KK.eq(family.kk()));
    }

    private JsonNode run(String user, String kind, String name, byte[] content, boolean dryRun) {
        Uploads.Answer accepted = uploads.upload(user, kind, name, content, dryRun);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        return uploads.finished(user, accepted.text("/id"));
    }

    @Test
    void upTpkValidatesAndRegistersARegencysRegister() {
        Family whole = Family.of(TestIdentities.VILLAGE, token());
        Family repeated = Family.of(TestIdentities.OTHER_VILLAGE, token());
        Family twoHeads = Family.of(TestIdentities.VILLAGE, Person.man("Nyoman " + token(), "HEAD"),
                Person.man("Komang " + token(), "HEAD"), Person.woman("Luh " + token(), "CHILD"));
        Person twice = Person.woman("Putu " + token(), "CHILD");
        Family givesTheNikOnce = Family.of(TestIdentities.VILLAGE, Person.man("Gede " + token(), "HEAD"), twice);
        Family givesItAgain = Family.of(TestIdentities.VILLAGE, Person.man("Kadek " + token(), "HEAD"), twice.withName("Putu Lain"));
        Person head = Person.man("Wayan " + token(), "HEAD");
        Family wrongNik = Family.of(TestIdentities.VILLAGE, head.withSex("FEMALE"), Person.woman("Ni " + token(), "SPOUSE"));

        List<String> lines = file(List.of(rows(whole, true), rows(repeated, false), rows(twoHeads, false),
                rows(givesTheNikOnce, false), rows(givesItAgain, false), rows(wrongNik, false)));
        // whole: lines 2-4, repeated: 5-7, twoHeads: 8-10, givesTheNikOnce: 11-12, givesItAgain: 13-14, wrongNik: 15-16
        byte[] file = csv(lines);

        JsonNode validated = run("uptpk", "REGISTER", "register-bangli.csv", file, true);
        assertThat(validated.at("/status").asString()).as(validated.toString()).isEqualTo("VALIDATED");
        assertThat(validated.at("/rowsNew").asInt()).as(validated.toString()).isEqualTo(6);
        assertThat(validated.at("/rowsInvalid").asInt()).isEqualTo(9);
        assertThat(isRegistered(whole)).as("a dry run writes nothing").isFalse();
        assertThat(isRegistered(repeated)).isFalse();
        String id = validated.at("/id").asString();

        graphQl.document("{ importJob(id: \"" + id + "\") { problems { line field reason } } }").execute()
                .path("importJob.problems[*].line").entityList(Integer.class).containsExactly(8, 9, 10, 11, 12, 13, 14, 15, 16)
                .path("importJob.problems[*].field").entityList(String.class)
                .containsExactly("relationship", "relationship", "kk", "kk", "nik", "kk", "nik", "nik", "kk")
                .path("importJob.problems[0].reason").entity(String.class)
                .satisfies(reason -> assertThat(reason).contains("2 heads", "lines 8, 9"))
                .path("importJob.problems[2].reason").entity(String.class)
                .satisfies(reason -> assertThat(reason).contains("line 8"))
                .path("importJob.problems[4].reason").entity(String.class)
                .satisfies(reason -> assertThat(reason).contains("appears 2 times"))
                .path("importJob.problems[7].reason").entity(String.class)
                .satisfies(reason -> assertThat(reason).contains("NIK is a man's"));

        // the refused rows come back in the register's layout with the error, ready to be fixed and uploaded again
        String report = new String(uploads.bytes("uptpk", "/imports/" + id + "/report?format=csv"), StandardCharsets.UTF_8);
        assertThat(report).contains("kk,villageCode,address,rt,rw,nik,name,sex,birthDate,relationship,baris,kesalahan",
                twoHeads.kk(), "relationship: This family card lists 2 heads");

        assertThat(uploads.post("uptpk", "/imports/" + id + "/apply").status()).isEqualTo(202);
        JsonNode applied = uploads.finished("uptpk", id);
        assertThat(applied.at("/status").asString()).as(applied.toString()).isEqualTo("APPLIED");
        assertThat(applied.at("/rowsApplied").asInt()).isEqualTo(6);

        var household = householdRow(whole.kk());
        assertThat(household.getVillageCode()).isEqualTo(TestIdentities.VILLAGE);
        assertThat(household.getAddress()).isEqualTo(whole.address());
        assertThat(household.getRt()).isEqualTo("001");
        MemberRecord spouse = memberRow(whole.members().get(1).nik());
        assertThat(spouse.getHouseholdId()).isEqualTo(household.getId());
        assertThat(spouse.getRelationship()).isEqualTo(Relationship.SPOUSE);
        assertThat(spouse.getSex()).isEqualTo(Sex.FEMALE);
        assertThat(spouse.getBirthDate()).isEqualTo(whole.members().get(1).birthDate());
        assertThat(householdRow(repeated.kk()).getVillageCode()).isEqualTo(TestIdentities.OTHER_VILLAGE);
        for (Family refused : List.of(twoHeads, givesTheNikOnce, givesItAgain, wrongNik)) {
            assertThat(isRegistered(refused)).as("a card with a refused row is not registered at all").isFalse();
        }
        assertThat(dsl.fetchCount(MEMBER, MEMBER.NIK.eq(twice.nik()))).isZero();
        assertThat(dsl.fetch(AUDIT_ENTRY, AUDIT_ENTRY.REQUEST_ID.eq("import-job-" + id)))
                .as("every registered household and person is audited under the job")
                .hasSize(8)
                .allSatisfy(entry -> {
                    assertThat(entry.getOperation()).isEqualTo("importREGISTER");
                    assertThat(entry.getUsername()).isEqualTo("uptpk");
                });

        // the same file again is not applied again; the same register written otherwise changes nothing
        assertThat(uploads.upload("uptpk", "REGISTER", "again.csv", file, false).text("/status")).isEqualTo("DUPLICATE");
        JsonNode again = run("uptpk", "REGISTER", "again-once.csv", csv(file(List.of(rows(whole, false), rows(repeated, true)))), false);
        assertThat(again.at("/status").asString()).isEqualTo("APPLIED");
        assertThat(again.at("/rowsUnchanged").asInt()).as(again.toString()).isEqualTo(6);
        assertThat(again.at("/rowsApplied").asInt()).isZero();
        assertThat(dsl.fetchCount(AUDIT_ENTRY, AUDIT_ENTRY.REQUEST_ID.eq("import-job-" + again.at("/id").asString()))).isZero();
        assertThat(dsl.fetchCount(HOUSEHOLD, HOUSEHOLD.KK.eq(whole.kk()))).isOne();
    }

    @Test
    void aRegisterIsReadFromXlsxWithDateCellsAndNumbersTyped() throws IOException {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Workbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet("Register");
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
            List<String> names = List.of("NO_KK", "KODE_WILAYAH", "ALAMAT", "RT", "RW", "NIK", "NAMA", "JK", "TANGGAL_LAHIR", "SHDK");
            Row header = sheet.createRow(0);
            for (int i = 0; i < names.size(); i++) {
                header.createCell(i).setCellValue(names.get(i));
            }
            for (int r = 0; r < family.members().size(); r++) {
                Person person = family.members().get(r);
                Row row = sheet.createRow(r + 1);
                row.createCell(0).setCellValue(Double.parseDouble(family.kk()));
                row.createCell(1).setCellValue(family.villageCode().replace(".", ""));
                row.createCell(2).setCellValue(family.address());
                row.createCell(3).setCellValue(family.rt());
                row.createCell(4).setCellValue(family.rw());
                row.createCell(5).setCellValue(Double.parseDouble(person.nik()));
                row.createCell(6).setCellValue(person.name());
                row.createCell(7).setCellValue(person.sex().equals("MALE") ? "Laki-laki" : "Perempuan");
                row.createCell(8).setCellValue(person.birthDate());
                row.getCell(8).setCellStyle(date);
                row.createCell(9).setCellValue(WORDS.get(person.relationship()).toUpperCase());
            }
            workbook.write(out);
        }
        JsonNode job = run("uptpk", "REGISTER", "register.xlsx", out.toByteArray(), false);
        assertThat(job.at("/status").asString()).isEqualTo("APPLIED");
        assertThat(job.at("/rowsNew").asInt()).as(job.toString()).isEqualTo(3);
        assertThat(householdRow(family.kk()).getVillageCode()).isEqualTo(TestIdentities.VILLAGE);
        assertThat(memberRow(family.head().nik()).getRelationship()).isEqualTo(Relationship.HEAD);

        // the same households in a CSV: nothing changes
        JsonNode again = run("uptpk", "REGISTER", "register.csv", csv(file(List.of(rows(family, true)))), true);
        assertThat(again.at("/rowsUnchanged").asInt()).as(again.toString()).isEqualTo(3);
        assertThat(again.at("/rowsNew").asInt()).isZero();
    }

    @Test
    void aVillageOperatorRegistersOnlyInItsOwnVillage() {
        Family own = Family.of(TestIdentities.VILLAGE, token());
        Family elsewhere = Family.of(TestIdentities.OTHER_VILLAGE, token());
        byte[] file = csv(file(List.of(rows(own, true), rows(elsewhere, true))));

        JsonNode job = run("desa", "REGISTER", "register-apuan.csv", file, false);
        assertThat(job.at("/status").asString()).isEqualTo("APPLIED");
        assertThat(job.at("/rowsNew").asInt()).as(job.toString()).isEqualTo(3);
        assertThat(job.at("/rowsInvalid").asInt()).isEqualTo(3);
        as("desa").document("{ importJob(id: \"" + job.at("/id").asString() + "\") { problems { line field reason } } }").execute()
                .path("importJob.problems[*].field").entityList(String.class).containsExactly("villageCode", "kk", "kk")
                .path("importJob.problems[0].reason").entity(String.class)
                .satisfies(reason -> assertThat(reason).contains("outside your region"));
        assertThat(isRegistered(own)).isTrue();
        assertThat(isRegistered(elsewhere)).isFalse();

        // roles that do not register households may not import a register
        uploads.upload("dinkes", "REGISTER", "register.csv", file, true).refused(403, "kind");
        uploads.upload("bappeda", "REGISTER", "register.csv", file, true).refused(403, "kind");
    }

    @Test
    void aRegisterWithoutAColumnItNeedsIsRefusedWithNoJob() {
        int jobs = dsl.fetchCount(IMPORT_JOB);
        Family family = Family.of(TestIdentities.VILLAGE, token());
        List<String> lines = new ArrayList<>();
        lines.add(HEADER.replace(";Hubungan", ""));
        rows(family, true).forEach(row -> lines.add(row.substring(0, row.lastIndexOf(';'))));
        Uploads.Answer refused = uploads.upload("uptpk", "REGISTER", "register.csv", csv(lines), true).refused(422, "relationship");
        assertThat(refused.text("/message")).contains("hubungan", "shdk");
        assertThat(dsl.fetchCount(IMPORT_JOB)).isEqualTo(jobs);
    }

    @Test
    void theRowsOfAFamilyCardMustStandTogether() {
        Family split = Family.of(TestIdentities.VILLAGE, token());
        Family between = Family.of(TestIdentities.VILLAGE, token());
        List<String> splitRows = rows(split, false);
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        lines.add(splitRows.get(0));
        lines.addAll(rows(between, false));
        lines.addAll(splitRows.subList(1, 3));

        JsonNode job = run("uptpk", "REGISTER", "scattered.csv", csv(lines), true);
        assertThat(job.at("/rowsNew").asInt()).as(job.toString()).isEqualTo(3);
        assertThat(job.at("/rowsInvalid").asInt()).isEqualTo(3);
        graphQl.document("{ importJob(id: \"" + job.at("/id").asString() + "\") { problems { line field reason } } }").execute()
                .path("importJob.problems[*].line").entityList(Integer.class).containsExactly(2, 6, 7)
                .path("importJob.problems[0].reason").entity(String.class)
                .satisfies(reason -> assertThat(reason).contains("not on consecutive lines"));
    }

    @Test
    void aFamilyCardAcrossTheEndOfABatchIsHandedOverWhole() {
        // 334 cards of 3 people: the last card is data rows 1,000 to 1,002, which a plain batch of 1,000 rows would cut
        List<List<String>> families = new ArrayList<>();
        for (int i = 0; i < 334; i++) {
            families.add(rows(Family.of(TestIdentities.VILLAGE, token()), true));
        }
        JsonNode job = run("uptpk", "REGISTER", "register-large.csv", csv(file(families)), true);
        assertThat(job.at("/status").asString()).isEqualTo("VALIDATED");
        assertThat(job.at("/rowsNew").asInt()).as(job.toString()).isEqualTo(1002);
        assertThat(job.at("/rowsInvalid").asInt()).isZero();
    }

    @Test
    void theTemplateListsTheRegistersColumns() {
        String template = new String(uploads.bytes("uptpk", "/imports/templates/register?format=csv"), StandardCharsets.UTF_8);
        assertThat(template.replace("\uFEFF", "").strip())
                .isEqualTo("kk,villageCode,address,rt,rw,nik,name,sex,birthDate,relationship");
    }
}
