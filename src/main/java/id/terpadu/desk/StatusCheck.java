package id.terpadu.desk;

import id.terpadu.access.PublicPaths;
import id.terpadu.db.tables.records.ServiceRequestRecord;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resident's status check, without a token: the number on the receipt and the reporter's birth
 * date answer the request's state and nothing else. A wrong number and a wrong birth date answer
 * alike, so the check tells no one which numbers exist. Limited per client address and per request
 * number (each hub instance counts its own), so birth dates cannot be guessed.
 */
@RestController
class StatusCheck implements PublicPaths {

    static final String PATH = "/public/service-requests/{number}/status";

    private final ServiceRequestRepository requests;
    private final DeskProperties properties;
    /** How many client addresses and request numbers the limits remember, the least recently asked forgotten first. */
    static final int REMEMBERED = 100_000;

    private final Map<String, Bucket> byAddress = remembered();
    private final Map<String, Bucket> byNumber = remembered();

    StatusCheck(ServiceRequestRepository requests, DeskProperties properties) {
        this.requests = requests;
        this.properties = properties;
    }

    @Override
    public List<String> patterns() {
        return List.of("/public/service-requests/*/status");
    }

    @GetMapping(value = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> status(@PathVariable String number, @RequestParam(required = false) String birthDate,
                                               HttpServletRequest http) {
        ConsumptionProbe address = bucket(byAddress, http.getRemoteAddr(), properties.statusChecksPerMinute(), Duration.ofMinutes(1))
                .tryConsumeAndReturnRemaining(1);
        if (!address.isConsumed()) {
            return tooMany(address);
        }
        ConsumptionProbe ofNumber = bucket(byNumber, number, properties.statusChecksPerRequest(), Duration.ofHours(1))
                .tryConsumeAndReturnRemaining(1);
        if (!ofNumber.isConsumed()) {
            return tooMany(ofNumber);
        }
        LocalDate born;
        try {
            born = birthDate == null ? null : LocalDate.parse(birthDate);
        } catch (DateTimeParseException e) {
            born = null;
        }
        if (born == null) {
            return ResponseEntity.badRequest().body(error("Give the birth date of the person who asked, as birthDate=YYYY-MM-DD.",
                    "BAD_REQUEST"));
        }
        LocalDate given = born;
        return requests.findForStatusCheck(number.strip())
                .filter(request -> sameDay(request, given))
                .<ResponseEntity<Map<String, Object>>>map(request -> ResponseEntity.ok()
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .body(Map.of("number", request.getNumber(), "state", request.getState().name())))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .body(error("No request has this number and birth date: check both on the receipt.", "NOT_FOUND")));
    }

    private static boolean sameDay(ServiceRequestRecord request, LocalDate given) {
        // compared in constant time, like a password
        return MessageDigest.isEqual(request.getReporterBirthDate().toString().getBytes(StandardCharsets.US_ASCII),
                given.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static ResponseEntity<Map<String, Object>> tooMany(ConsumptionProbe probe) {
        long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .body(error("Too many status checks: try again in " + seconds + " s.", "LIMIT_EXCEEDED"));
    }

    private static Map<String, Object> error(String message, String classification) {
        return Map.of("errors", List.of(Map.of("message", message, "extensions", Map.of("classification", classification))));
    }

    private static Bucket bucket(Map<String, Bucket> buckets, String key, int capacity, Duration period) {
        synchronized (buckets) {
            return buckets.computeIfAbsent(key, any -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build())
                    .build());
        }
    }

    /** A map of buckets that forgets the least recently used beyond {@link #REMEMBERED}, so random numbers cannot fill the memory. */
    private static Map<String, Bucket> remembered() {
        return new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > REMEMBERED;
            }
        };
    }
}
