package id.terpadu.card;

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
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;

/**
 * The token a card's QR code holds: the card number and its last valid day, and an HMAC-SHA256 tag
 * over both with a key the database never holds (from the configuration, or generated once into a
 * directory of the hub's own). No personal data: a scan tells nothing without the hub.
 * {@code K1.<number|validUntil in base64url>.<tag in base64url>}.
 */
@Component
class CardTokens {

    static final String KEY_FILE = "card-token.key";
    private static final String VERSION = "K1";
    private static final int KEY_BYTES = 32;
    private static final int MAX_TOKEN_LENGTH = 200;
    private static final Logger log = LoggerFactory.getLogger(CardTokens.class);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;

    CardTokens(CardProperties properties) {
        String encoded = StringUtils.hasText(properties.tokenKey()) ? properties.tokenKey()
                : generatedOnce(properties.keyDirectory().resolve(KEY_FILE));
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("terpadu.cards.token-key is not base64", e);
        }
        if (bytes.length < KEY_BYTES) {
            throw new IllegalStateException("terpadu.cards.token-key must hold at least " + KEY_BYTES + " bytes (base64)");
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    /** What a genuine token names. */
    record Claims(String cardNumber, LocalDate validUntil) {
    }

    String sign(String cardNumber, LocalDate validUntil) {
        String payload = BASE64URL.encodeToString((cardNumber + "|" + validUntil).getBytes(StandardCharsets.UTF_8));
        return VERSION + "." + payload + "." + BASE64URL.encodeToString(tag(VERSION + "." + payload));
    }

    /** What the token names, when the hub signed it unchanged; empty for anything else. */
    Optional<Claims> read(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        String[] parts = token.strip().split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals(VERSION)) {
            return Optional.empty();
        }
        try {
            byte[] given = Base64.getUrlDecoder().decode(parts[2]);
            if (!MessageDigest.isEqual(given, tag(parts[0] + "." + parts[1]))) {
                return Optional.empty();
            }
            String[] claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).split("\\|", -1);
            return claims.length == 2 ? Optional.of(new Claims(claims[0], LocalDate.parse(claims[1]))) : Optional.empty();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private byte[] tag(String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** The key in this file, written first (readable by the hub's user only) when there is none. */
    private static String generatedOnce(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Path fresh = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".new");
                if (Files.getFileAttributeView(fresh, PosixFileAttributeView.class) != null) {
                    Files.setPosixFilePermissions(fresh, PosixFilePermissions.fromString("rw-------"));
                }
                byte[] key = new byte[KEY_BYTES];
                new SecureRandom().nextBytes(key);
                Files.writeString(fresh, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
                try {
                    Files.move(fresh, file);
                    log.warn("Generated the cards' token key {}; in production set terpadu.cards.token-key and keep it "
                            + "out of the database's reach", file);
                } catch (FileAlreadyExistsException quicker) {
                    Files.delete(fresh);
                }
            }
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the cards' token key " + file, e);
        }
    }
}
