package id.terpadu.imports;

import id.terpadu.HubTest;
import id.terpadu.TestIdentities;
import id.terpadu.db.codes.ImportStatus;
import id.terpadu.db.codes.Relationship;
import id.terpadu.db.codes.Sex;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static id.terpadu.db.Tables.HEALTH_FACET;
import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.IMPORT_JOB;
import static id.terpadu.db.Tables.MEMBER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job survives a stop of the hub: its state is in the database, each batch committed with its
 * counters, so the next start carries it on after the last committed batch (rows before it are not
 * applied twice, rows after it are applied); a failed job is retried the same way.
 */
class ImportRestartTest extends HubTest {

    @Autowired
    private ImportRunner runner;

    private String person(LocalDate born) {
        String nik = TestIdentities.nik(false, born);
        long household = dsl.insertInto(HOUSEHOLD, HOUSEHOLD.KK, HOUSEHOLD.VILLAGE_CODE, HOUSEHOLD.ADDRESS)
                .values(TestIdentities.kk(), TestIdentities.VILLAGE, "Jalan Restart 1")
                .returningResult(HOUSEHOLD.ID).fetchSingle().value1();
        dsl.insertInto(MEMBER, MEMBER.NIK, MEMBER.NAME, MEMBER.SEX, MEMBER.BIRTH_DATE, MEMBER.RELATIONSHIP, MEMBER.HOUSEHOLD_ID)
                .values(nik, "Wayan Restart", Sex.MALE, born, Relationship.HEAD, household).execute();
        return nik;
    }

    private String cardOf(String nik) {
        return dsl.select(HEALTH_FACET.JKN_NUMBER).from(HEALTH_FACET).join(MEMBER).on(MEMBER.ID.eq(HEALTH_FACET.MEMBER_ID))
                .where(MEMBER.NIK.eq(nik)).fetchOne(HEALTH_FACET.JKN_NUMBER);
    }

    /** 2,500 rows: the given people at lines 2 (first batch), 1,502 (second) and 2,502 (third), unknown people between. */
    private static byte[] list(String first, String second, String third) {
        List<String> lines = new ArrayList<>(List.of("nik,segment,active,jknNumber"));
        for (int i = 0; i < 2_500; i++) {
            String nik = switch (i) {
                case 0 -> first;
                case 1_500 -> second;
                case 2_499 -> third;
                // a region code no one is registered in: never a person another test registered
                default -> "999999" + String.format("%010d", i);
            };
            lines.add(nik + ",PBPU,ya,00000000" + String.format("%05d", i));
        }
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A register of 400 family cards of three people each; answers the file and each card's KK. */
    private static byte[] register(List<String> kks) {
        List<String> lines = new ArrayList<>(List.of("kk,villageCode,address,nik,name,sex,birthDate,relationship"));
        for (int card = 0; card < 400; card++) {
            String kk = TestIdentities.kk();
            kks.add(kk);
            for (String[] person : new String[][]{{"false", "HEAD"}, {"true", "SPOUSE"}, {"false", "CHILD"}}) {
                boolean female = Boolean.parseBoolean(person[0]);
                LocalDate born = TestIdentities.birthDate();
                lines.add(String.join(",", kk, TestIdentities.VILLAGE, "Jalan Restart " + card, TestIdentities.nik(female, born),
                        "Restart " + card, female ? "P" : "L", born.toString(), person[1]));
            }
        }
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private boolean registered(String kk) {
        return dsl.fetchExists(HOUSEHOLD, HOUSEHOLD.KK.eq(kk));
    }

    @Test
    void anInterruptedRegisterCarriesOnAfterTheCardThatClosedItsLastBatch() {
        List<String> kks = new ArrayList<>();
        Uploads uploads = new Uploads(port);
        String id = uploads.upload("uptpk", "REGISTER", "register-restart.csv", register(kks), true).text("/id");
        assertThat(uploads.finished("uptpk", id).at("/rowsNew").asInt()).isEqualTo(1_200);

        // a batch closes after the card on rows 1,000 to 1,002 instead of cutting it (RegisterImportTest shows the card
        // validated whole), so a job stopped after its first batch has read 1,002 rows: as if the hub stopped then
        dsl.update(IMPORT_JOB).set(IMPORT_JOB.STATUS, ImportStatus.APPLYING).set(IMPORT_JOB.DRY_RUN, false)
                .set(IMPORT_JOB.ROWS_READ, 1_002).set(IMPORT_JOB.ROWS_NEW, 0).set(IMPORT_JOB.ROWS_UNCHANGED, 0)
                .set(IMPORT_JOB.ROWS_INVALID, 1_002).set(IMPORT_JOB.ROWS_CHANGED, 0)
                .where(IMPORT_JOB.ID.eq(Long.parseLong(id))).execute();
        runner.resumeInterrupted();

        JsonNode resumed = uploads.finished("uptpk", id);
        assertThat(resumed.at("/status").asString()).isEqualTo("APPLIED");
        assertThat(resumed.at("/rowsRead").asInt()).isEqualTo(1_200);
        assertThat(resumed.at("/rowsNew").asInt()).as("the 66 cards after the committed batch, whole").isEqualTo(198);
        assertThat(resumed.at("/rowsInvalid").asInt()).as("no card cut in two").isEqualTo(1_002);
        assertThat(registered(kks.get(333))).as("the card that closed the committed batch is not run again").isFalse();
        assertThat(registered(kks.get(334))).isTrue();
        assertThat(registered(kks.get(399))).isTrue();
    }

    @Test
    void anInterruptedImportCarriesOnAfterItsLastCommittedBatchAndAFailedOneIsRetried() {
        String inFirstBatch = person(LocalDate.of(1971, 1, 1));
        String inSecondBatch = person(LocalDate.of(1972, 2, 2));
        String inThirdBatch = person(LocalDate.of(1973, 3, 3));
        Uploads uploads = new Uploads(port);
        String id = uploads.upload("dinkes", "JKN", "restart.csv", list(inFirstBatch, inSecondBatch, inThirdBatch), true)
                .text("/id");
        assertThat(uploads.finished("dinkes", id).at("/rowsNew").asInt()).isEqualTo(3);

        // as if the hub stopped while applying, after committing the first batch of 1,000 rows
        long job = Long.parseLong(id);
        dsl.update(IMPORT_JOB).set(IMPORT_JOB.STATUS, ImportStatus.APPLYING).set(IMPORT_JOB.DRY_RUN, false)
                .set(IMPORT_JOB.ROWS_READ, 1_000).set(IMPORT_JOB.ROWS_NEW, 0).set(IMPORT_JOB.ROWS_UNCHANGED, 0)
                .set(IMPORT_JOB.ROWS_INVALID, 1_000).set(IMPORT_JOB.ROWS_CHANGED, 0)
                .where(IMPORT_JOB.ID.eq(job)).execute();
        runner.resumeInterrupted();

        JsonNode resumed = uploads.finished("dinkes", id);
        assertThat(resumed.at("/status").asString()).isEqualTo("APPLIED");
        assertThat(resumed.at("/rowsRead").asInt()).isEqualTo(2_500);
        assertThat(resumed.at("/rowsNew").asInt()).as("the people after the committed batch").isEqualTo(2);
        assertThat(cardOf(inFirstBatch)).as("the committed batch is not run again").isNull();
        assertThat(cardOf(inSecondBatch)).isEqualTo("0000000001500");
        assertThat(cardOf(inThirdBatch)).isEqualTo("0000000002499");

        // as if it had failed after its second batch: a retry carries on after that batch
        dsl.update(HEALTH_FACET).set(HEALTH_FACET.JKN_NUMBER, "1111111111111")
                .where(HEALTH_FACET.MEMBER_ID.in(dsl.select(MEMBER.ID).from(MEMBER).where(MEMBER.NIK.in(inSecondBatch, inThirdBatch))))
                .execute();
        dsl.update(IMPORT_JOB).set(IMPORT_JOB.STATUS, ImportStatus.FAILED).set(IMPORT_JOB.ROWS_READ, 2_000)
                .set(IMPORT_JOB.ROWS_NEW, 1).set(IMPORT_JOB.ROWS_INVALID, 1_999)
                .set(IMPORT_JOB.FAILURE, "The import stopped.")
                .where(IMPORT_JOB.ID.eq(job)).execute();
        assertThat(uploads.post("dinkes", "/imports/" + id + "/apply").status()).isEqualTo(202);
        JsonNode retried = uploads.finished("dinkes", id);
        assertThat(retried.at("/status").asString()).isEqualTo("APPLIED");
        assertThat(retried.at("/failure").isNull()).isTrue();
        assertThat(retried.at("/rowsChanged").asInt()).isEqualTo(1);
        assertThat(cardOf(inSecondBatch)).as("before the retried part").isEqualTo("1111111111111");
        assertThat(cardOf(inThirdBatch)).isEqualTo("0000000002499");
    }
}
