package id.terpadu.card;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * Where the key that signs the cards' QR tokens comes from, and how often the public check may be asked.
 *
 * @param tokenKey        the HMAC-SHA256 key of the cards' QR tokens, at least 32 bytes in base64;
 *                        generated into {@code keyDirectory} when not given. Never in the database:
 *                        whoever reads the database cannot forge a card.
 * @param keyDirectory    where the hub keeps the key it generated itself
 * @param checksPerMinute public checks of scanned cards one client address may make a minute
 */
@ConfigurationProperties("terpadu.cards")
record CardProperties(String tokenKey, @DefaultValue("data/keys") Path keyDirectory, @DefaultValue("30") int checksPerMinute) {
}
