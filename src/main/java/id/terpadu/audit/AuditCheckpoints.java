package id.terpadu.audit;

import id.terpadu.audit.SealedHead.Head;
import id.terpadu.error.BadRequestException;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signed checkpoints of the audit trail: a statement of a position and the chain hash there,
 * signed with the hub's Ed25519 key. An auditor keeps them; later the trail must still hold each
 * one, and the signature can be checked with the public key alone, without the hub.
 */
@Component
class AuditCheckpoints {

    private static final String TITLE = "Terpadu audit checkpoint";
    private static final Pattern STATEMENT = Pattern.compile(
            TITLE + "\nposition: (0|[1-9][0-9]{0,17})\nhash: ([0-9a-f]{64})\nissued: (\\S+)\n");

    private final AuditKeys keys;
    private final SealedHead head;

    AuditCheckpoints(AuditKeys keys, SealedHead head) {
        this.keys = keys;
        this.head = head;
    }

    /** A position of the chain and its hash, as a checkpoint states them. */
    record Checkpoint(long position, byte[] hash, Instant issuedAt) {
    }

    /** A checkpoint as the hub answers it: the statement, its signature and the key to check it. */
    record SignedCheckpoint(String position, String hash, OffsetDateTime issuedAt, String statement, String signature,
                            String publicKey, String algorithm) {
    }

    /** A checkpoint of the newest position the hub has sealed: the hub vouches only for what it checked. */
    SignedCheckpoint issue() {
        Head sealed = head.current();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String statement = TITLE + "\nposition: " + sealed.position() + "\nhash: " + sealed.hashHex() + "\nissued: " + now + "\n";
        return new SignedCheckpoint(String.valueOf(sealed.position()), sealed.hashHex(), now.atOffset(ZoneOffset.UTC),
                statement, Base64.getEncoder().encodeToString(keys.sign(statement.getBytes(StandardCharsets.UTF_8))),
                "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(keys.publicKey().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n",
                keys.algorithm());
    }

    /** The checkpoint a statement states, when this hub signed it; refused otherwise. */
    Checkpoint read(String statement, String signature) {
        byte[] signatureBytes;
        try {
            signatureBytes = Base64.getDecoder().decode(signature.strip());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("checkpoint.signature", "The signature is not base64, as the checkpoint gave it.");
        }
        if (!keys.signedByThisHub(statement.getBytes(StandardCharsets.UTF_8), signatureBytes)) {
            throw new BadRequestException("checkpoint.signature", "The signature does not match the statement: this "
                    + "checkpoint was not issued by this hub, or its statement was changed. Give both exactly as kept.");
        }
        Matcher parts = STATEMENT.matcher(statement);
        try {
            if (parts.matches()) {
                return new Checkpoint(Long.parseLong(parts.group(1)), HexFormat.of().parseHex(parts.group(2)),
                        Instant.parse(parts.group(3)));
            }
        } catch (DateTimeParseException e) {
            // falls through to the refusal: the hub never signs such a statement
        }
        throw new BadRequestException("checkpoint.statement", "This is not a checkpoint statement of the hub.");
    }
}
