package id.terpadu;

import id.terpadu.db.codes.BenefitStatus;
import id.terpadu.db.tables.records.BenefitRecord;
import id.terpadu.imports.Uploads;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static id.terpadu.db.Tables.AUDIT_ENTRY;
import static id.terpadu.db.Tables.BENEFIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A national programme's recipient list (PKH, BPNT) uploaded by NIK with real tokens: each
 * recipient's household is enrolled with the rules of {@code enrolBenefit} (eligibility, no double
 * aid, the programmes the role writes, only UPT-PK sets the status), a dry run writes nothing, a
 * recipient already enrolled is unchanged, the applied rows are audited under the job.
 */
class RecipientListImportTest extends ApiTest {

    private Uploads uploads;

    @BeforeEach
    void uploads() {
        uploads = new Uploads(port);
    }

    private Family poorFamily() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        graphQl.document("mutation($input: RecordSocialAssessmentInput!) { recordSocialAssessment(input: $input) { version } }")
                .variable("input", input("kk", family.kk(), "expectedVersion", 0, "decile", 2, "decileQuarter", "2025Q3",
                        "povertyIndicators", List.of())).execute().errors().verify();
        return family;
    }

    private List<BenefitRecord> benefits(Family family, String programme) {
        return dsl.selectFrom(BENEFIT).where(BENEFIT.PROGRAMME_CODE.eq(programme))
                .and(BENEFIT.HOUSEHOLD_ID.eq(householdRow(family.kk()).getId())).fetch();
    }

    private static byte[] csv(String... lines) {
        return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theSocialOfficeLoadsTheNationalListsAsProposals() {
        Family pkh = poorFamily();
        Family bpnt = poorFamily();
        Family enrolled = poorFamily();
        Family withoutDecile = Family.of(TestIdentities.VILLAGE, token());
        register(withoutDecile);
        Family withStatus = poorFamily();
        graphQl.documentName("enrolBenefit").variable("input", input("programme", "PKH", "kk", enrolled.kk(),
                "startsOn", "2026-01-01", "status", "ACTIVE", "reason", "Keluarga miskin")).execute().errors().verify();
        String unknown = TestIdentities.nik(true, LocalDate.of(1970, 1, 2));

        byte[] file = csv(
                "Program;NIK KPM;TMT;Nominal;Status Penerima",
                "PKH;" + pkh.head().nik() + ";01/07/2026;750.000;",                   // 2 new
                "bpnt;" + bpnt.members().get(1).nik() + ";2026-07-01;Rp 200000;",      // 3 new, by the wife's NIK
                "PKH;" + enrolled.head().nik() + ";2026-07-01;;",                       // 4 already enrolled
                "PKH;" + withoutDecile.head().nik() + ";2026-07-01;;",                  // 5 not eligible
                "PKH;" + unknown + ";2026-07-01;;",                                     // 6 nobody in the region
                "KIP;" + withStatus.members().get(2).nik() + ";2026-07-01;;",           // 7 not a national list
                "PKH;" + withStatus.head().nik() + ";2026-07-01;;ACTIVE",               // 8 the status is UPT-PK's
                "BPNT;" + withStatus.members().get(1).nik() + ";2026-07-01;=1+1;");    // 9 not an amount

        Uploads.Answer accepted = uploads.upload("dinsos", "RECIPIENTS", "pkh-bpnt-2026-07.csv", file, true);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String id = accepted.text("/id");
        JsonNode validated = uploads.finished("dinsos", id);
        assertThat(validated.at("/rowsNew").asInt()).as(validated.toString()).isEqualTo(2);
        assertThat(validated.at("/rowsUnchanged").asInt()).isEqualTo(1);
        assertThat(validated.at("/rowsInvalid").asInt()).isEqualTo(5);
        assertThat(benefits(pkh, "PKH")).as("a dry run writes nothing").isEmpty();
        as("dinsos").document("{ importJob(id: \"" + id + "\") { problems { line nik field reason } } }").execute()
                .path("importJob.problems[*].line").entityList(Integer.class).containsExactly(5, 6, 7, 8, 9)
                .path("importJob.problems[*].field").entityList(String.class).containsExactly("nik", "nik", "programme", "status", "amount")
                .path("importJob.problems[0].reason").entity(String.class).satisfies(reason -> assertThat(reason).contains("decile"))
                .path("importJob.problems[1].nik").entity(String.class).isEqualTo(masked(unknown));

        assertThat(uploads.post("dinsos", "/imports/" + id + "/apply").status()).isEqualTo(202);
        JsonNode applied = uploads.finished("dinsos", id);
        assertThat(applied.at("/status").asString()).isEqualTo("APPLIED");
        assertThat(applied.at("/rowsApplied").asInt()).isEqualTo(2);
        BenefitRecord pkhBenefit = benefits(pkh, "PKH").getFirst();
        assertThat(pkhBenefit.getStatus()).as("the social office proposes").isEqualTo(BenefitStatus.PROPOSED);
        assertThat(pkhBenefit.getStartsOn()).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(pkhBenefit.getAmount()).isEqualByComparingTo(new BigDecimal("750000"));
        assertThat(pkhBenefit.getReason()).isEqualTo("Penerima PKH menurut daftar nasional (import-job-" + id + ")");
        assertThat(benefits(bpnt, "BPNT")).singleElement().satisfies(benefit ->
                assertThat(benefit.getAmount()).isEqualByComparingTo(new BigDecimal("200000")));
        assertThat(benefits(enrolled, "PKH")).as("the enrolment already held is left as it is").hasSize(1);
        assertThat(benefits(withoutDecile, "PKH")).isEmpty();
        assertThat(benefits(withStatus, "PKH")).isEmpty();
        assertThat(dsl.fetch(AUDIT_ENTRY, AUDIT_ENTRY.REQUEST_ID.eq("import-job-" + id)))
                .as("every applied row is audited under the job")
                .hasSize(2)
                .allSatisfy(entry -> {
                    assertThat(entry.getEntityTable()).isEqualTo("benefit");
                    assertThat(entry.getOperation()).isEqualTo("importRECIPIENTS");
                    assertThat(entry.getUsername()).isEqualTo("dinsos");
                });
    }

    @Test
    void uptpkActivatesAndOtherAgenciesMayNotEnrolInTheseProgrammes() {
        Family family = poorFamily();
        byte[] file = csv("programme,nik,startsOn,status", "PKH," + family.head().nik() + ",2026-07-01,ACTIVE");
        String perkim = uploads.upload("perkim", "RECIPIENTS", "pkh.csv", file, false).text("/id");
        JsonNode refused = uploads.finished("perkim", perkim);
        assertThat(refused.at("/rowsInvalid").asInt()).as(refused.toString()).isEqualTo(1);
        assertThat(benefits(family, "PKH")).isEmpty();
        uploads.upload("bappeda", "RECIPIENTS", "pkh.csv", file, true).refused(403, "kind");

        byte[] regency = csv("programme,nik,startsOn,status,reason", "PKH," + family.head().nik() + ",2026-07-01,ACTIVE,Daftar Kemensos");
        String id = uploads.upload("uptpk", "RECIPIENTS", "pkh-uptpk.csv", regency, false).text("/id");
        assertThat(uploads.finished("uptpk", id).at("/rowsApplied").asInt()).isEqualTo(1);
        assertThat(benefits(family, "PKH")).singleElement().satisfies(benefit -> {
            assertThat(benefit.getStatus()).isEqualTo(BenefitStatus.ACTIVE);
            assertThat(benefit.getReason()).isEqualTo("Daftar Kemensos");
        });
    }
}
