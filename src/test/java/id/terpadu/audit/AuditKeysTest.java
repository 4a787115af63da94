package id.terpadu.audit;

import id.terpadu.Fast;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Where the audit keys come from: the configuration, or a directory of the hub's own where it generates them once. */
@Fast
class AuditKeysTest {

    @TempDir
    Path directory;

    private AuditSealProperties properties(String sealKey, String signingKey) {
        return new AuditSealProperties(sealKey, signingKey, directory, directory.resolve("heads"), Duration.ofSeconds(1));
    }

    @Test
    void withoutConfigurationTheKeysAreGeneratedOnceAndKeptForTheOwnerOnly() throws Exception {
        AuditKeys first = new AuditKeys(properties(null, null));
        AuditKeys second = new AuditKeys(properties("", ""));

        byte[] statement = "statement".getBytes(StandardCharsets.UTF_8);
        assertThat(second.publicKey()).isEqualTo(first.publicKey());
        assertThat(second.signedByThisHub(statement, first.sign(statement))).isTrue();
        assertThat(second.sealMac().doFinal(statement)).isEqualTo(first.sealMac().doFinal(statement));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve(AuditKeys.SEAL_FILE))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve(AuditKeys.SIGNING_FILE))))
                .isEqualTo("rw-------");
    }

    @Test
    void configuredKeysAreUsedAndTheirPublicKeyDerived() throws Exception {
        var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        String sealKey = Base64.getEncoder().encodeToString(new byte[32]);

        AuditKeys keys = new AuditKeys(properties(sealKey, pem));

        assertThat(keys.publicKey().getEncoded()).isEqualTo(pair.getPublic().getEncoded());
        byte[] statement = "statement".getBytes(StandardCharsets.UTF_8);
        Signature signature = Signature.getInstance("Ed25519");
        signature.initVerify(pair.getPublic());
        signature.update(statement);
        assertThat(signature.verify(keys.sign(statement))).isTrue();
        assertThat(Files.list(directory)).as("nothing generated").isEmpty();
    }

    @Test
    void aSealKeyShorterThan32BytesIsRefused() {
        assertThatIllegalStateException().isThrownBy(() -> new AuditKeys(properties(Base64.getEncoder().encodeToString(new byte[16]), null)))
                .withMessageContaining("32 bytes");
    }
}
