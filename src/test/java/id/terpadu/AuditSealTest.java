package id.terpadu;

import id.terpadu.AuditVerifications.Checkpoint;
import id.terpadu.AuditVerifications.Verification;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.graphql.GraphQlResponse;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import static id.terpadu.AuditVerifications.awaitSealed;
import static id.terpadu.AuditVerifications.verify;
import static id.terpadu.db.Tables.AUDIT_ENTRY;
import static id.terpadu.db.Tables.AUDIT_SEAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The anchors of the audit trail outside the database, on the trail the tests share (which no
 * test tampers with): the hub seals every committed entry shortly after it commits, an untouched
 * trail verifies intact, and a checkpoint the hub signs can be checked by an auditor without the
 * hub and later against the trail. The tampering itself is in {@link AuditTamperingTest}.
 */
class AuditSealTest extends ApiTest {

    @Test
    void anUntouchedTrailIsIntactOnceTheSealerCaughtUp() {
        register(Family.of(TestIdentities.VILLAGE, token()));
        long newest = newestPosition();

        awaitSealed(as("admin"), dsl);
        Verification verification = verify(as("admin"));

        assertThat(verification.intact()).isTrue();
        assertThat(verification.firstBrokenPosition()).isNull();
        assertThat(verification.chain().intact()).isTrue();
        assertThat(verification.seals().intact()).isTrue();
        assertThat(verification.head().intact()).isTrue();
        assertThat(verification.checkpoint()).isNull();
        assertThat(Long.parseLong(verification.sealedUpTo())).isGreaterThanOrEqualTo(newest);
        assertThat(verification.seals().checked() + verification.unsealed()).as("every entry sealed or waiting")
                .isEqualTo(verification.checked());
        assertThat(dsl.fetchCount(AUDIT_SEAL, AUDIT_SEAL.POSITION.le(newest))).as("a seal per entry")
                .isEqualTo(dsl.fetchCount(AUDIT_ENTRY, AUDIT_ENTRY.POSITION.le(newest)));
    }

    @Test
    void theSealsAreAppendOnly() {
        awaitSealed(as("admin"), dsl);
        long position = dsl.fetchValue(DSL.select(DSL.max(AUDIT_SEAL.POSITION)).from(AUDIT_SEAL));

        assertThatThrownBy(() -> dsl.update(AUDIT_SEAL).set(AUDIT_SEAL.MAC, new byte[32]).where(AUDIT_SEAL.POSITION.eq(position)).execute())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> dsl.deleteFrom(AUDIT_SEAL).where(AUDIT_SEAL.POSITION.eq(position)).execute())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> dsl.truncate(AUDIT_SEAL).execute())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
    }

    @Test
    void aCheckpointIsSignedSoThatAnAuditorCanCheckItWithoutTheHub() throws Exception {
        register(Family.of(TestIdentities.VILLAGE, token()));
        awaitSealed(as("admin"), dsl);

        Checkpoint checkpoint = AuditVerifications.checkpoint(as("admin"));

        long position = Long.parseLong(checkpoint.position());
        assertThat(checkpoint.hash()).isEqualTo(HexFormat.of().formatHex(
                dsl.fetchValue(AUDIT_ENTRY.HASH, AUDIT_ENTRY.POSITION.eq(position))));
        assertThat(checkpoint.statement()).contains("position: " + position, "hash: " + checkpoint.hash());
        assertThat(checkpoint.algorithm()).isEqualTo("Ed25519");
        // nothing of the hub's: the JDK, the public key, the statement and the signature
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder()
                .decode(checkpoint.publicKey().replaceAll("-----[A-Z ]+-----", ""))));
        Signature signature = Signature.getInstance("Ed25519");
        signature.initVerify(key);
        signature.update(checkpoint.statement().getBytes(StandardCharsets.UTF_8));
        assertThat(signature.verify(Base64.getDecoder().decode(checkpoint.signature()))).isTrue();

        register(Family.of(TestIdentities.VILLAGE, token()));
        Verification later = verify(as("admin"), checkpoint);
        assertThat(later.checkpoint().intact()).isTrue();
        assertThat(later.checkpoint().checked()).isEqualTo(1);
        assertThat(later.intact()).isTrue();
    }

    @Test
    void aCheckpointWhoseStatementWasChangedIsRefused() {
        awaitSealed(as("admin"), dsl);
        Checkpoint checkpoint = AuditVerifications.checkpoint(as("admin"));
        String earlier = checkpoint.statement().replace("position: " + checkpoint.position(),
                "position: " + (Long.parseLong(checkpoint.position()) - 1));

        refused(as("admin").documentName("verifyAudit").variable("checkpoint",
                Map.of("statement", earlier, "signature", checkpoint.signature())).execute(), "BAD_REQUEST", "checkpoint.signature");
        refused(as("admin").documentName("verifyAudit").variable("checkpoint",
                Map.of("statement", checkpoint.statement(), "signature", "not a signature")).execute(), "BAD_REQUEST", "checkpoint.signature");
    }

    @Test
    void checkpointsAreForTheAdministratorOnly() {
        GraphQlResponse answer = as("uptpk").documentName("auditCheckpoint").execute().returnResponse();

        assertThat(answer.getErrors()).isNotEmpty();
        assertThat((Object) answer.getData()).isNull();
    }

    private long newestPosition() {
        return dsl.select(DSL.coalesce(DSL.max(AUDIT_ENTRY.POSITION), 0L)).from(AUDIT_ENTRY).fetchSingle().value1();
    }
}
