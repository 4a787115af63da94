package id.terpadu.card;

import id.terpadu.access.PublicPaths;
import id.terpadu.card.CardVerifier.CardVerification;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public check of a scanned card, without a token (a clinic's phone): the same answer as
 * {@code verifyCard}, valid and the card type, nothing more. Limited per client address.
 */
@RestController
class CardCheck implements PublicPaths {

    private final CardVerifier verifier;
    private final CardProperties properties;
    /** How many client addresses the limit remembers, the least recently seen forgotten first. */
    static final int REMEMBERED = 100_000;

    private final Map<String, Bucket> byAddress = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > REMEMBERED;
        }
    };

    CardCheck(CardVerifier verifier, CardProperties properties) {
        this.verifier = verifier;
        this.properties = properties;
    }

    @Override
    public List<String> patterns() {
        return List.of("/public/cards/check");
    }

    @GetMapping(value = "/public/cards/check", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> check(@RequestParam(required = false) String token, HttpServletRequest http) {
        Bucket bucket;
        synchronized (byAddress) {
            bucket = byAddress.computeIfAbsent(http.getRemoteAddr(), any -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(properties.checksPerMinute())
                            .refillGreedy(properties.checksPerMinute(), Duration.ofMinutes(1)).build())
                    .build());
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds());
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                    .body(Map.of("errors", List.of(Map.of("message", "Too many checks: try again in " + seconds + " s.",
                            "extensions", Map.of("classification", "LIMIT_EXCEEDED")))));
        }
        CardVerification answer = verifier.verify(token);
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(answer.valid() ? Map.of("valid", true, "cardType", answer.cardType()) : Map.of("valid", false));
    }
}
