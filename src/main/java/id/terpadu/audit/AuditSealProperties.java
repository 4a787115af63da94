package id.terpadu.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the anchors of the audit trail come from: the keys the database never holds, and where the
 * hub remembers how far it sealed the trail.
 *
 * @param sealKey       the HMAC-SHA256 key of the seals, at least 32 bytes in base64; generated
 *                      into {@code keyDirectory} when not given
 * @param signingKey    the Ed25519 private key that signs checkpoints, PKCS#8 in base64 or PEM;
 *                      generated into {@code keyDirectory} when not given
 * @param keyDirectory  where the hub keeps the keys it generated itself
 * @param headDirectory where the hub keeps the newest position it sealed, one file per database
 * @param sealInterval  how long the sealer rests once it has caught up with the trail
 */
@ConfigurationProperties("terpadu.audit")
record AuditSealProperties(String sealKey, String signingKey, @DefaultValue("data/keys") Path keyDirectory,
                           @DefaultValue("data/audit") Path headDirectory, @DefaultValue("1s") Duration sealInterval) {
}
