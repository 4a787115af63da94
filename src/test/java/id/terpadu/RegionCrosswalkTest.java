package id.terpadu;

import id.terpadu.imports.Uploads;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static id.terpadu.db.Tables.AUDIT_ENTRY;
import static id.terpadu.db.Tables.HOUSEHOLD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The BPS to Kemendagri village crosswalk with real tokens: UPT-PK loads it as a file (bad lines
 * refused row by row), the administrator records lines over GraphQL, a village operator may not
 * change it, and a register that gives BPS village codes is read through it, with a clear error on
 * the row of a code the crosswalk does not know.
 */
class RegionCrosswalkTest extends ApiTest {

    private Uploads uploads;

    @BeforeEach
    void uploads() {
        uploads = new Uploads(port);
    }

    /** A BPS village code of the Susut district no other test loads (the seventh digit 0 marks it as BPS). */
    private static String bpsCode() {
        return "5106010" + ThreadLocalRandom.current().nextInt(100, 999);
    }

    private static String bpsCodeOtherThan(String taken) {
        String code = bpsCode();
        return code.equals(taken) ? bpsCodeOtherThan(taken) : code;
    }

    private static byte[] csv(String... lines) {
        return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private JsonNode run(String user, String kind, String name, byte[] content, boolean dryRun) {
        Uploads.Answer accepted = uploads.upload(user, kind, name, content, dryRun);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        return uploads.finished(user, accepted.text("/id"));
    }

    private static String registerRow(Family family, Person person, String villageCode) {
        return String.join(",", family.kk(), person.relationship().equals("HEAD") ? villageCode : "", family.address(), family.rt(),
                family.rw(), person.nik(), person.name(), person.sex(), person.birthDate().toString(), person.relationship());
    }

    @Test
    void upTpkLoadsTheCrosswalkAndARegisterGivesBpsCodes() {
        String known = bpsCode();
        String unknown = bpsCodeOtherThan(known);
        JsonNode loaded = run("uptpk", "REGION_CROSSWALK", "crosswalk.csv", csv(
                "Kode BPS;Kode Kemendagri",
                known + ";51.06.01.2001",
                "5106010999;51.06.99.2999",
                "51060;5106012001"), false);
        assertThat(loaded.at("/status").asString()).as(loaded.toString()).isEqualTo("APPLIED");
        assertThat(loaded.at("/rowsNew").asInt() + loaded.at("/rowsChanged").asInt() + loaded.at("/rowsUnchanged").asInt())
                .as(loaded.toString()).isEqualTo(1);
        graphQl.document("{ importJob(id: \"" + loaded.at("/id").asString() + "\") { problems { line field reason } } }").execute()
                .path("importJob.problems[*].field").entityList(String.class).containsExactly("regionCode", "bpsCode")
                .path("importJob.problems[0].reason").entity(String.class)
                .satisfies(reason -> assertThat(reason).contains("No village has the Kemendagri code '51.06.99.2999'"));
        as("bappeda").document("{ regionCrosswalk(bpsCode: \"" + known + "\") { bpsCode region { code level } } }").execute()
                .path("regionCrosswalk.region.code").entity(String.class).isEqualTo(TestIdentities.VILLAGE)
                .path("regionCrosswalk.region.level").entity(String.class).isEqualTo("VILLAGE");
        assertThat(dsl.fetchCount(AUDIT_ENTRY, AUDIT_ENTRY.REQUEST_ID.eq("import-job-" + loaded.at("/id").asString())
                .and(AUDIT_ENTRY.ENTITY_TABLE.eq("region_crosswalk")))).as("the loaded line is audited under the job").isOne();

        uploads.upload("desa", "REGION_CROSSWALK", "crosswalk.csv", csv("bpsCode,regionCode", known + ",51.06.01.2002"), true)
                .refused(403, "kind");

        Family byBps = Family.of("", token());
        Family unknownCode = Family.of("", token());
        Family dotted = Family.of("", token());
        List<String> lines = new java.util.ArrayList<>(List.of("kk,villageCode,address,rt,rw,nik,name,sex,birthDate,relationship"));
        byBps.members().forEach(person -> lines.add(registerRow(byBps, person, known)));
        unknownCode.members().forEach(person -> lines.add(registerRow(unknownCode, person, unknown)));
        dotted.members().forEach(person -> lines.add(registerRow(dotted, person, known.substring(0, 2) + "." + known.substring(2, 4)
                + "." + known.substring(4, 7) + "." + known.substring(7))));
        JsonNode job = run("uptpk", "REGISTER", "register-bps.csv", csv(lines.toArray(String[]::new)), false);
        assertThat(job.at("/rowsNew").asInt()).as(job.toString()).isEqualTo(6);
        graphQl.document("{ importJob(id: \"" + job.at("/id").asString() + "\") { problems { line field reason } } }").execute()
                .path("importJob.problems[*].line").entityList(Integer.class).containsExactly(5, 6, 7)
                .path("importJob.problems[*].field").entityList(String.class).containsExactly("villageCode", "kk", "kk")
                .path("importJob.problems[0].reason").entity(String.class)
                .satisfies(reason -> assertThat(reason).contains("BPS village code " + unknown, "not in the region crosswalk"));
        assertThat(householdRow(byBps.kk()).getVillageCode()).as("stored under its Kemendagri code").isEqualTo(TestIdentities.VILLAGE);
        assertThat(householdRow(dotted.kk()).getVillageCode()).isEqualTo(TestIdentities.VILLAGE);
        assertThat(dsl.fetchExists(HOUSEHOLD, HOUSEHOLD.KK.eq(unknownCode.kk()))).isFalse();
    }

    @Test
    void theAdministratorRecordsLinesOverGraphQl() {
        String bps = bpsCode();
        String mutation = "mutation($input: RecordRegionCrosswalkInput!) { recordRegionCrosswalk(input: $input) { bpsCode region { code } } }";
        as("admin").document(mutation)
                .variable("input", Map.of("entries", List.of(Map.of("bpsCode", bps, "regionCode", "5106012002"))))
                .execute()
                .path("recordRegionCrosswalk[0].bpsCode").entity(String.class).isEqualTo(bps)
                .path("recordRegionCrosswalk[0].region.code").entity(String.class).isEqualTo(TestIdentities.OTHER_VILLAGE);

        String refusedWhole = bpsCodeOtherThan(bps);
        refused(as("admin").document(mutation).variable("input", Map.of("entries", List.of(
                Map.of("bpsCode", refusedWhole, "regionCode", "51.06.01.2001"),
                Map.of("bpsCode", "51060101", "regionCode", "51.06.01.2001")))).execute(), "BAD_REQUEST", "input.entries[1].bpsCode");
        graphQl.document("{ regionCrosswalk(bpsCode: \"" + refusedWhole + "\") { bpsCode } }").execute()
                .path("regionCrosswalk").valueIsNull();
        as("desa").document(mutation).variable("input", Map.of("entries", List.of(
                Map.of("bpsCode", bps, "regionCode", "51.06.01.2001")))).execute().errors().satisfy(errors ->
                assertThat(errors).singleElement().satisfies(error -> {
                    assertThat(error.getExtensions()).containsEntry("classification", "FORBIDDEN");
                    assertThat(error.getMessage()).contains("recordRegionCrosswalk");
                }));
        // the administrator loads files too, and follows its job over HTTP
        JsonNode byFile = run("admin", "REGION_CROSSWALK", "crosswalk-admin.csv",
                csv("kode_bps,kode_kemendagri", bps + ",51.06.01.2002"), true);
        assertThat(byFile.at("/status").asString()).as(byFile.toString()).isEqualTo("VALIDATED");
        assertThat(byFile.at("/rowsUnchanged").asInt()).as("the line recorded above").isOne();
        graphQl.document("{ regionCrosswalk(bpsCode: \"" + bps + "\") { region { code } } }").execute()
                .path("regionCrosswalk.region.code").entity(String.class).isEqualTo(TestIdentities.OTHER_VILLAGE);
    }
}
