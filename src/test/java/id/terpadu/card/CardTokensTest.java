package id.terpadu.card;

import id.terpadu.Fast;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** The cards' QR tokens: what the hub signed reads back; anything changed, or signed with another key, does not. */
@Fast
class CardTokensTest {

    private static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));

    @TempDir
    Path keys;

    @Test
    void aSignedTokenNamesItsCardAndLastValidDayOnly() {
        CardTokens tokens = tokens(KEY);
        String token = tokens.sign("MELATI-2026-000001", LocalDate.of(2027, 12, 31));

        assertThat(tokens.read(token)).contains(new CardTokens.Claims("MELATI-2026-000001", LocalDate.of(2027, 12, 31)));
        assertThat(token).startsWith("K1.").hasSizeLessThan(120);
    }

    @Test
    void aChangedOrForeignTokenReadsAsNothing() {
        CardTokens tokens = tokens(KEY);
        String token = tokens.sign("MELATI-2026-000001", LocalDate.of(2027, 12, 31));
        String[] parts = token.split("\\.");
        String stretched = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("MELATI-2026-000001|2099-12-31".getBytes(StandardCharsets.UTF_8));

        assertThat(tokens.read("K1." + stretched + "." + parts[2])).isEmpty();
        assertThat(tokens.read(tokens(OTHER_KEY).sign("MELATI-2026-000001", LocalDate.of(2027, 12, 31)))).isEmpty();
        assertThat(tokens.read(token.substring(0, token.length() - 2))).isEmpty();
        assertThat(tokens.read("K1.%%%.%%%")).isEmpty();
        assertThat(tokens.read(null)).isEmpty();
        assertThat(tokens.read("K1." + token.substring(3).repeat(10))).isEmpty();
    }

    @Test
    void withoutAConfiguredKeyTheHubDrawsOneOnceAndKeepsItOutsideTheDatabase() throws Exception {
        CardTokens first = new CardTokens(new CardProperties(null, keys, 30));
        String token = first.sign("MENUR-2026-000002", LocalDate.of(2027, 1, 1));
        CardTokens again = new CardTokens(new CardProperties(null, keys, 30));

        assertThat(again.read(token)).isPresent();
        assertThat(Files.readString(keys.resolve(CardTokens.KEY_FILE))).isNotBlank();
    }

    private CardTokens tokens(String key) {
        return new CardTokens(new CardProperties(key, keys, 30));
    }
}
