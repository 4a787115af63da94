package id.terpadu;

import id.terpadu.db.codes.VerificationOutcome;
import id.terpadu.db.tables.records.VerificationResultRecord;
import id.terpadu.imports.Uploads;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;

import static id.terpadu.db.Tables.AUDIT_ENTRY;
import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.VERIFICATION_RESULT;
import static id.terpadu.db.Tables.VERIFICATION_ROUND;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A village's verification results uploaded as a file with real tokens: the village operator
 * records its own households' results (Indonesian headers and words), a dry run writes nothing, the
 * rows of another village, a closed round, an unknown cluster or a poor household without persons
 * are refused row by row, the applied rows are audited under the job, and only the roles that
 * record results may import them.
 */
class VerificationImportTest extends ApiTest {

    private Uploads uploads;

    @BeforeEach
    void uploads() {
        uploads = new Uploads(port);
    }

    private String openRound() {
        String name = "Verval " + token();
        graphQl.documentName("openVerificationRound").variable("input", input("name", name, "year", 2030)).execute()
                .path("openVerificationRound.status").entity(String.class).isEqualTo("OPEN");
        return name;
    }

    private Family registered(String village) {
        Family family = Family.of(village, token());
        register(family);
        return family;
    }

    private VerificationResultRecord result(String round, Family family) {
        return dsl.selectFrom(VERIFICATION_RESULT)
                .where(VERIFICATION_RESULT.ROUND_ID.eq(dsl.select(VERIFICATION_ROUND.ID).from(VERIFICATION_ROUND)
                        .where(VERIFICATION_ROUND.NAME.eq(round))))
                .and(VERIFICATION_RESULT.HOUSEHOLD_ID.eq(dsl.select(HOUSEHOLD.ID).from(HOUSEHOLD).where(HOUSEHOLD.KK.eq(family.kk()))))
                .fetchOne();
    }

    private static byte[] csv(String... lines) {
        return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aVillageOperatorImportsItsOwnHouseholdsResults() {
        String round = openRound();
        String closed = openRound();
        graphQl.documentName("closeVerificationRound").variable("input", input("round", closed)).execute()
                .path("closeVerificationRound.status").entity(String.class).isEqualTo("CLOSED");
        Family poor = registered(TestIdentities.VILLAGE);
        Family left = registered(TestIdentities.VILLAGE);
        Family elsewhere = registered(TestIdentities.OTHER_VILLAGE);
        Family replaced = registered(TestIdentities.VILLAGE);
        Family[] refused = {registered(TestIdentities.VILLAGE), registered(TestIdentities.VILLAGE),
                registered(TestIdentities.VILLAGE), registered(TestIdentities.VILLAGE), registered(TestIdentities.VILLAGE)};
        as("desa").documentName("recordVerificationResult").variable("input", input("round", round, "kk", replaced.kk(),
                "result", "STILL_POOR", "persons", 4)).execute().errors().verify();

        byte[] file = csv(
                "Putaran;No KK;Hasil;Jumlah Jiwa;Klaster;Catatan",
                round + ";" + poor.kk() + ";masih miskin;3;MELATI;=HYPERLINK(\"http://x\")",  // 2 new
                round + ";" + left.kk() + ";Keluar Miskin;2;;Sudah bekerja",                  // 3 new
                round + ";" + elsewhere.kk() + ";PINDAH;0;;",                                 // 4 another village
                closed + ";" + refused[0].kk() + ";BARU;2;;",                                 // 5 closed round
                "No such round;" + refused[1].kk() + ";BARU;2;;",                             // 6 unknown round
                round + ";" + refused[2].kk() + ";STILL_POOR;0;;",                            // 7 poor without persons
                round + ";" + refused[3].kk() + ";entah;2;;=1+1",                             // 8 no such result
                round + ";" + refused[4].kk() + ";MENINGGAL;0;MAWAR;",                        // 9 no such cluster
                round + ";" + replaced.kk() + ";meninggal;0;;Almarhum");                      // 10 replaces the result

        Uploads.Answer accepted = uploads.upload("desa", "VERIFICATION", "verval-apuan.csv", file, true);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String id = accepted.text("/id");
        JsonNode validated = uploads.finished("desa", id);
        assertThat(validated.at("/status").asString()).isEqualTo("VALIDATED");
        assertThat(validated.at("/rowsNew").asInt()).as(validated.toString()).isEqualTo(2);
        assertThat(validated.at("/rowsChanged").asInt()).isEqualTo(1);
        assertThat(validated.at("/rowsInvalid").asInt()).isEqualTo(6);
        assertThat(result(round, poor)).as("a dry run writes nothing").isNull();

        as("desa").document("{ importJob(id: \"" + id + "\") { problems { line field reason } } }").execute()
                .path("importJob.problems[*].line").entityList(Integer.class).containsExactly(4, 5, 6, 7, 8, 9)
                .path("importJob.problems[*].field").entityList(String.class)
                .containsExactly("kk", "round", "round", "persons", "result", "cluster")
                .path("importJob.problems[0].reason").entity(String.class)
                .satisfies(reason -> assertThat(reason).contains("in your region"))
                .path("importJob.problems[1].reason").entity(String.class)
                .satisfies(reason -> assertThat(reason).contains("closed"));

        assertThat(uploads.post("desa", "/imports/" + id + "/apply").status()).isEqualTo(202);
        JsonNode applied = uploads.finished("desa", id);
        assertThat(applied.at("/status").asString()).isEqualTo("APPLIED");
        assertThat(applied.at("/rowsApplied").asInt()).isEqualTo(3);

        VerificationResultRecord stillPoor = result(round, poor);
        assertThat(stillPoor.getResult()).isEqualTo(VerificationOutcome.STILL_POOR);
        assertThat(stillPoor.getPersons()).isEqualTo((short) 3);
        assertThat(stillPoor.getClusterCode()).isEqualTo("MELATI");
        assertThat(stillPoor.getNote()).as("stored as written; neutralised only in files that leave the hub")
                .isEqualTo("=HYPERLINK(\"http://x\")");
        assertThat(result(round, left).getResult()).isEqualTo(VerificationOutcome.LEFT_POVERTY);
        assertThat(result(round, left).getNote()).isEqualTo("Sudah bekerja");
        assertThat(result(round, replaced).getResult()).isEqualTo(VerificationOutcome.DECEASED);
        assertThat(result(round, replaced).getNote()).isEqualTo("Almarhum");
        assertThat(result(round, elsewhere)).isNull();
        assertThat(result(closed, refused[0])).isNull();
        for (Family family : refused) {
            assertThat(result(round, family)).isNull();
        }
        assertThat(dsl.fetch(AUDIT_ENTRY, AUDIT_ENTRY.REQUEST_ID.eq("import-job-" + id)))
                .as("every applied row is audited under the job")
                .hasSize(3)
                .allSatisfy(entry -> {
                    assertThat(entry.getEntityTable()).isEqualTo("verification_result");
                    assertThat(entry.getOperation()).isEqualTo("importVERIFICATION");
                    assertThat(entry.getUsername()).isEqualTo("desa");
                });

        // the report of the refused rows neutralises the formula a clerk might have typed
        String report = new String(uploads.bytes("desa", "/imports/" + id + "/report?format=csv"), StandardCharsets.UTF_8);
        assertThat(report).contains("kesalahan", "'=1+1").doesNotContain(",=1+1");

        // the same file again changes nothing
        assertThat(uploads.upload("desa", "VERIFICATION", "copy.csv", file, false).text("/status")).isEqualTo("DUPLICATE");
    }

    @Test
    void onlyTheRolesThatRecordResultsImportThem() {
        String round = openRound();
        Family family = registered(TestIdentities.VILLAGE);
        byte[] file = csv("round,kk,result,persons", round + "," + family.kk() + ",STILL_POOR,3");
        for (String role : new String[] {"dinsos", "dinkes", "perkim"}) {
            uploads.upload(role, "VERIFICATION", "verval.csv", file, true).refused(403, "kind");
        }
        // the other village's operator sees the household as outside its region
        String id = uploads.upload("desa-b", "VERIFICATION", "verval.csv", file, false).text("/id");
        JsonNode job = uploads.finished("desa-b", id);
        assertThat(job.at("/rowsInvalid").asInt()).as(job.toString()).isEqualTo(1);
        assertThat(result(round, family)).isNull();

        // UPT-PK records results anywhere in the regency, with the hub's own column names and codes
        byte[] regencyFile = csv("round,kk,result,persons,note", round + "," + family.kk() + ",STILL_POOR,3,Diverifikasi UPT-PK");
        String uptpk = uploads.upload("uptpk", "VERIFICATION", "verval-uptpk.csv", regencyFile, false).text("/id");
        assertThat(uploads.finished("uptpk", uptpk).at("/rowsApplied").asInt()).isEqualTo(1);
        assertThat(result(round, family).getPersons()).isEqualTo((short) 3);
        assertThat(uploads.get("desa", "/imports/templates/VERIFICATION?format=csv").body())
                .contains("round", "kk", "result", "persons", "cluster", "note");
    }
}
