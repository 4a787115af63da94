package id.terpadu.limits;

import com.jayway.jsonpath.JsonPath;
import id.terpadu.HubTest;
import id.terpadu.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admission control: with as many requests in flight as the hub admits (4 by default), the next
 * one waits its turn and, after the longest wait (10 s), is answered 503 with Retry-After and the
 * limit it hit; the requests that were admitted all answer in full.
 */
class AdmissionTest extends HubTest {

    private static final String PAGE = "{\"query\":\"{ households(first: 1) { edges { node { kk } } } }\"}";

    @Autowired
    private Admission admission;

    @Autowired
    private DataSource dataSource;

    @Test
    void aRequestBeyondTheRequestsInFlightWaitsThenIsAnsweredUnavailable() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String token = Tokens.of("uptpk");
        List<CompletableFuture<HttpResponse<String>>> admitted;
        HttpResponse<String> refused;
        try (Connection lock = dataSource.getConnection(); Statement statement = lock.createStatement();
             Connection watch = dataSource.getConnection(); Statement watching = watch.createStatement()) {
            lock.setAutoCommit(false);
            // every page request reads households: held up until this transaction ends
            statement.execute("LOCK TABLE household IN ACCESS EXCLUSIVE MODE");
            admitted = IntStream.range(0, admission.maxInFlight())
                    .mapToObj(i -> http.sendAsync(page(token), HttpResponse.BodyHandlers.ofString())).toList();
            // watched from a connection of its own: a transaction sees one snapshot of pg_stat_activity
            waitUntilBlocked(watching, admission.maxInFlight());
            long started = System.nanoTime();
            refused = http.send(page(token), HttpResponse.BodyHandlers.ofString());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(admission.maxWait());
            lock.rollback();
        }
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(JsonPath.<String>read(refused.body(), "$.errors[0].extensions.classification")).isEqualTo("UNAVAILABLE");
        assertThat(JsonPath.<String>read(refused.body(), "$.errors[0].extensions.limit")).isEqualTo("maxInFlight");
        assertThat(JsonPath.<Integer>read(refused.body(), "$.errors[0].extensions.maximum")).isEqualTo(admission.maxInFlight());
        for (CompletableFuture<HttpResponse<String>> answer : admitted) {
            HttpResponse<String> response = answer.get();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).doesNotContain("\"errors\"").contains("{\"data\":{\"households\":{\"edges\":[");
        }
        // the turns were given back: the next request is admitted at once
        assertThat(http.send(page(token), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    private HttpRequest page(String token) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(PAGE))
                .build();
    }

    /** Waits until this many statements of the hub wait for the lock on households (the statement timeout is 15 s). */
    private static void waitUntilBlocked(Statement statement, int count) throws Exception {
        for (int i = 0; i < 300; i++) {
            try (var rows = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    + " AND query ILIKE '%household%' AND pid <> pg_backend_pid()")) {
                rows.next();
                if (rows.getInt(1) >= count) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the page requests did not reach the database");
    }
}
