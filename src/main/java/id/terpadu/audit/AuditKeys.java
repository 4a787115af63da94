package id.terpadu.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * The keys that anchor the audit trail outside the database: the secret that seals each entry
 * (HMAC-SHA256) and the Ed25519 key pair that signs checkpoints for auditors. They come from the
 * configuration; without it the hub generates them once into a directory of its own, so a local
 * start works. Neither ever goes into the database.
 */
@Component
class AuditKeys {

    static final String SEAL_FILE = "audit-seal.key";
    static final String SIGNING_FILE = "audit-signing.key";
    private static final int SEAL_KEY_BYTES = 32;
    private static final String ALGORITHM = "Ed25519";
    private static final Logger log = LoggerFactory.getLogger(AuditKeys.class);

    private final SecretKeySpec sealKey;
    private final KeyPair signing;

    AuditKeys(AuditSealProperties properties) {
        String seal = StringUtils.hasText(properties.sealKey()) ? properties.sealKey()
                : generatedOnce(properties.keyDirectory().resolve(SEAL_FILE), AuditKeys::newSealKey);
        String signingKey = StringUtils.hasText(properties.signingKey()) ? properties.signingKey()
                : generatedOnce(properties.keyDirectory().resolve(SIGNING_FILE), AuditKeys::newSigningKey);
        this.sealKey = sealKey(seal);
        this.signing = signingPair(signingKey);
    }

    /** A fresh MAC with the seal key; a Mac is not thread-safe, so each user takes its own. */
    Mac sealMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(sealKey);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    byte[] sign(byte[] statement) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(signing.getPrivate());
            signature.update(statement);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    boolean signedByThisHub(byte[] statement, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(signing.getPublic());
            verifier.update(statement);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    PublicKey publicKey() {
        return signing.getPublic();
    }

    String algorithm() {
        return ALGORITHM;
    }

    private static SecretKeySpec sealKey(String base64) {
        byte[] key = decode(base64, "terpadu.audit.seal-key");
        if (key.length < SEAL_KEY_BYTES) {
            throw new IllegalStateException("terpadu.audit.seal-key must hold at least " + SEAL_KEY_BYTES + " bytes (base64)");
        }
        return new SecretKeySpec(key, "HmacSHA256");
    }

    /**
     * The configured private key with its public key. The JDK derives a public key only while
     * generating a pair, so the generator is handed the private key as its randomness: an Ed25519
     * private key is those 32 bytes. The result is checked, so a JDK that draws differently fails
     * at start instead of signing with the wrong key.
     */
    private static KeyPair signingPair(String encoded) {
        try {
            byte[] der = decode(encoded.replaceAll("-----[A-Z ]+-----", ""), "terpadu.audit.signing-key");
            EdECPrivateKey configured = (EdECPrivateKey) KeyFactory.getInstance(ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(der));
            byte[] seed = configured.getBytes().orElseThrow();
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
            KeyPair pair = generator.generateKeyPair();
            if (!Arrays.equals(((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow(), seed)) {
                throw new IllegalStateException("Cannot derive the public key of terpadu.audit.signing-key on this JDK");
            }
            return new KeyPair(pair.getPublic(), configured);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("terpadu.audit.signing-key is not an Ed25519 private key (PKCS#8, base64 or PEM)", e);
        }
    }

    private static byte[] decode(String base64, String setting) {
        try {
            return Base64.getMimeDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not base64", e);
        }
    }

    private static String newSealKey() {
        byte[] key = new byte[SEAL_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static String newSigningKey() {
        try {
            byte[] der = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair().getPrivate().getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END PRIVATE KEY-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }

    /** The key in this file, written first (readable by the hub's user only) when there is none. */
    private static String generatedOnce(Path file, java.util.function.Supplier<String> generate) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Path fresh = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".new");
                restrictToOwner(fresh);
                Files.writeString(fresh, generate.get(), StandardCharsets.US_ASCII);
                try {
                    // no replacing: when another instance was quicker, its key is the one
                    Files.move(fresh, file);
                    log.warn("Generated the audit key {}; in production set terpadu.audit.seal-key and "
                            + "terpadu.audit.signing-key and keep them out of the database's reach", file);
                } catch (FileAlreadyExistsException quicker) {
                    Files.delete(fresh);
                }
            }
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the audit key " + file, e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** Randomness that is the given bytes: see {@link #signingPair}. */
    private static final class FixedBytes extends SecureRandom {

        private final byte[] bytes;

        FixedBytes(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] into) {
            System.arraycopy(bytes, 0, into, 0, into.length);
        }
    }
}
