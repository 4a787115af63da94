package id.terpadu;

import id.terpadu.AuditVerifications.Checkpoint;
import id.terpadu.AuditVerifications.Verification;
import id.terpadu.db.tables.records.AuditEntryRecord;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;

import static id.terpadu.AuditVerifications.awaitSealed;
import static id.terpadu.AuditVerifications.verify;
import static id.terpadu.db.Tables.AUDIT_ENTRY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tampering with the audit trail as an attacker with a superuser connection would, each way the
 * hash chain alone misses or names late: every one is found, and the edited entry is named
 * exactly. The hub runs on a database of its own here, since the tampering would break the trail
 * the other tests share; each test puts the trail back as it was.
 */
@DirtiesContext
class AuditTamperingTest extends ApiTest {

    @Autowired
    private ApplicationContext context;

    private TrailTampering attacker;
    private TrailTampering.Snapshot untouched;
    /** The entry of the health facet's creation, in the middle of the trail. */
    private long created;
    private long newest;
    private Person wife;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestDatabase.configureEmpty(registry, "audit_tampering");
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TestKeycloak::issuer);
    }

    @BeforeEach
    void sealedTrail() {
        assertThat(dsl.fetchValue(DSL.currentCatalog())).as("a database of its own").endsWith("_audit_tampering");
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        wife = family.members().get(1);
        updateJkn(wife, 0, "NONE");
        updateJkn(wife, 1, "PBI_APBN");
        List<AuditEntryRecord> health = dsl.selectFrom(AUDIT_ENTRY)
                .where(AUDIT_ENTRY.ENTITY_TABLE.eq("health_facet")
                        .and(AUDIT_ENTRY.ENTITY_ID.eq(String.valueOf(memberRow(wife.nik()).getId()))))
                .orderBy(AUDIT_ENTRY.POSITION).fetch();
        created = health.getFirst().getPosition();
        newest = health.getLast().getPosition();
        assertThat(awaitSealed(as("admin"), dsl).sealedUpTo()).isEqualTo(String.valueOf(newest));
        attacker = new TrailTampering(dsl);
        untouched = attacker.snapshot();
    }

    @AfterEach
    void putTheTrailBack() {
        attacker.restore(untouched);
        assertThat(verify(as("admin")).intact()).as("the trail as it was").isTrue();
    }

    private void updateJkn(Person person, long expectedVersion, String segment) {
        boolean insured = !segment.equals("NONE");
        as("dinkes").documentName("updateJknStatus").variable("input", input("nik", person.nik(), "expectedVersion",
                        expectedVersion, "jknNumber", insured ? "0001234567890" : null, "segment", segment, "active", insured))
                .execute().path("updateJknStatus.version").entity(Long.class).isEqualTo(expectedVersion + 1);
    }

    @Test
    void theUntouchedTrailIsIntactAndFullySealed() {
        Verification verification = verify(as("admin"));

        assertThat(verification.intact()).isTrue();
        assertThat(verification.firstBrokenPosition()).isNull();
        assertThat(verification.checked()).isEqualTo((int) newest);
        assertThat(verification.unsealed()).isZero();
        assertThat(verification.seals().checked()).isEqualTo((int) newest);
        assertThat(verification.head().intact()).isTrue();
        assertThat(verification.sealedUpTo()).isEqualTo(String.valueOf(newest));
    }

    @Test
    void entriesNotSealedYetAreReportedAsSuchNotAsBroken() {
        SmartLifecycle sealer = context.getBean("auditSealer", SmartLifecycle.class);
        sealer.stop();
        try {
            updateJkn(wife, 2, "PBPU");

            Verification verification = verify(as("admin"));

            assertThat(verification.intact()).isTrue();
            assertThat(verification.unsealed()).isEqualTo(1);
            assertThat(verification.checked()).isEqualTo((int) newest + 1);
            assertThat(verification.sealedUpTo()).isEqualTo(String.valueOf(newest));
        } finally {
            sealer.start();
        }
        assertThat(awaitSealed(as("admin"), dsl).sealedUpTo()).isEqualTo(String.valueOf(newest + 1));
        // the trail to put back now holds the new entry and its seal, as the hub's head does
        untouched = attacker.snapshot();
    }

    @Test
    void deletingTheNewestEntriesIsFoundByTheHead() {
        attacker.deleteNewest(2);

        Verification verification = verify(as("admin"));

        assertThat(verification.chain().intact()).as("the chain alone does not notice").isTrue();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.firstBrokenPosition()).isEqualTo(String.valueOf(newest - 1));
        assertThat(verification.head().firstBrokenPosition()).isEqualTo(String.valueOf(newest - 1));
        assertThat(verification.reason()).contains("ends at position " + (newest - 2), "sealed it up to position " + newest,
                "removed");
    }

    @Test
    void anEditedEntryWithTheChainRecomputedIsNamedExactly() {
        attacker.editChanges(created, JSONB.valueOf("{\"segment\": [null, \"PBI_APBD\"]}"));
        attacker.rehashFrom(created);

        Verification verification = verify(as("admin"));

        assertThat(verification.chain().intact()).as("the recomputed chain is consistent").isTrue();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.firstBrokenPosition()).isEqualTo(String.valueOf(created));
        assertThat(verification.seals().firstBrokenPosition()).isEqualTo(String.valueOf(created));
        assertThat(verification.reason()).contains("changed after the hub sealed it");
        assertThat(verification.head().intact()).as("the newest hash differs from the sealed one").isFalse();
    }

    @Test
    void anEditedEntryWithOnlyItsOwnHashRecomputedIsNamedExactly() {
        attacker.editChanges(created, JSONB.valueOf("{\"segment\": [null, \"PBI_APBD\"]}"));
        attacker.rehash(created, created);

        Verification verification = verify(as("admin"));

        assertThat(verification.chain().firstBrokenPosition()).as("the chain notices one entry late")
                .isEqualTo(String.valueOf(created + 1));
        assertThat(verification.firstBrokenPosition()).isEqualTo(String.valueOf(created));
        assertThat(verification.reason()).contains("changed after the hub sealed it");
    }

    @Test
    void anEditNotRehashedIsNamedByTheChainAndTheSeal() {
        attacker.editChanges(created, JSONB.valueOf("{\"segment\": [null, \"PBI_APBD\"]}"));

        Verification verification = verify(as("admin"));

        assertThat(verification.chain().firstBrokenPosition()).isEqualTo(String.valueOf(created));
        assertThat(verification.seals().firstBrokenPosition()).isEqualTo(String.valueOf(created));
        assertThat(verification.firstBrokenPosition()).isEqualTo(String.valueOf(created));
        Verification range = verify(as("admin").documentName("verifyAudit")
                .variable("from", String.valueOf(created - 2)).variable("to", String.valueOf(created)));
        assertThat(range.checked()).isEqualTo(3);
        assertThat(range.firstBrokenPosition()).isEqualTo(String.valueOf(created));
        Verification before = verify(as("admin").documentName("verifyAudit")
                .variable("from", String.valueOf(created - 2)).variable("to", String.valueOf(created - 1)));
        assertThat(before.chain().intact() && before.seals().intact()).as("the entries before it").isTrue();
    }

    @Test
    void changingOnlyTheChangedColumnsBreaksTheHashAndTheSeal() {
        assertThat(dsl.fetchValue(AUDIT_ENTRY.CONTENT_VERSION, AUDIT_ENTRY.POSITION.eq(created)))
                .as("new entries hash their changed columns").isEqualTo((short) 2);
        // hides the change from the health office's feed, which shows entries by their changed columns
        attacker.editChangedColumns(created, "member_id");

        Verification verification = verify(as("admin"));

        assertThat(verification.chain().firstBrokenPosition()).isEqualTo(String.valueOf(created));
        assertThat(verification.seals().firstBrokenPosition()).isEqualTo(String.valueOf(created));
        assertThat(verification.firstBrokenPosition()).isEqualTo(String.valueOf(created));
    }

    @Test
    void aChainRebuiltFromItsStartWithoutSealsIsFound() {
        long first = dsl.fetchValue(DSL.select(DSL.min(AUDIT_ENTRY.POSITION)).from(AUDIT_ENTRY));
        attacker.editChanges(created, JSONB.valueOf("{\"segment\": [null, \"PBI_APBD\"]}"));
        attacker.rehashFrom(first);
        attacker.deleteSealsFrom(first);

        Verification verification = verify(as("admin"));

        assertThat(verification.chain().intact()).as("the rebuilt chain is consistent").isTrue();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.firstBrokenPosition()).isEqualTo(String.valueOf(first));
        assertThat(verification.seals().reason()).contains("seal", "removed");
        assertThat(verification.head().firstBrokenPosition()).isEqualTo(String.valueOf(newest));
        assertThat(verification.head().reason()).contains("another hash");
    }

    @Test
    void aKeptCheckpointTheTrailNoLongerHoldsIsFound() {
        Checkpoint kept = AuditVerifications.checkpoint(as("admin"));
        assertThat(kept.position()).isEqualTo(String.valueOf(newest));
        Verification before = verify(as("admin"), kept);
        assertThat(before.intact()).isTrue();
        assertThat(before.checkpoint().intact()).isTrue();

        attacker.editChanges(created, JSONB.valueOf("{\"segment\": [null, \"PBI_APBD\"]}"));
        attacker.rehashFrom(created);

        Verification after = verify(as("admin"), kept);
        assertThat(after.checkpoint().intact()).isFalse();
        assertThat(after.checkpoint().firstBrokenPosition()).isEqualTo(kept.position());
        assertThat(after.checkpoint().reason()).contains("no longer has the hash the checkpoint recorded");
        assertThat(after.firstBrokenPosition()).isEqualTo(String.valueOf(created));
    }

    @Test
    void aKeptCheckpointBeyondTheTrailsEndIsFound() {
        Checkpoint kept = AuditVerifications.checkpoint(as("admin"));

        attacker.deleteNewest(3);

        Verification after = verify(as("admin"), kept);
        assertThat(after.checkpoint().intact()).isFalse();
        assertThat(after.checkpoint().firstBrokenPosition()).isEqualTo(String.valueOf(newest - 2));
        assertThat(after.checkpoint().reason()).contains("before the checkpoint's position " + newest);
    }

    @Test
    void aRemovedSealIsFound() {
        attacker.deleteSealsFrom(created);

        Verification verification = verify(as("admin"));

        assertThat(verification.chain().intact()).isTrue();
        assertThat(verification.unsealed()).as("not mistaken for entries waiting for their seal").isZero();
        assertThat(verification.firstBrokenPosition()).isEqualTo(String.valueOf(created));
        assertThat(verification.reason()).contains("seal", "removed");
    }
}
