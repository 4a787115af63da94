package id.terpadu;

import id.terpadu.graphql.GlobalId;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.client.SubscriptionErrorException;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static id.terpadu.db.Tables.AUDIT_ENTRY;
import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.HOUSING_FACET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token's expiry holds on a GraphQL WebSocket connection as on HTTP: once it has passed, a
 * running subscription ends with an error and every operation on the connection is refused,
 * until the client sends a fresh token of the same caller in the extensions of a subscribe
 * message, which also keeps running subscriptions going past the old token's expiry. The tokens
 * live 15 seconds: they come from a client this test creates in a Keycloak of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebSocketTokenExpiryTest {

    private static final OwnKeycloak KEYCLOAK = new OwnKeycloak().start();
    private static final int LIFESPAN_SECONDS = 15;
    /** The clock skew the hub allows past a token's expiry. */
    private static final Duration SKEW = Duration.ofSeconds(10);
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String CHANGED = "subscription($after: String) { changed(after: $after) { cursor type action } }";
    private static final String MEMBER = "query($nik: String!) { member(nik: $nik) { nik name } }";

    @LocalServerPort
    private int port;

    @Autowired
    private DSLContext dsl;

    private String shortLivedClient;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestDatabase.configure(registry);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", KEYCLOAK::issuer);
    }

    @BeforeAll
    void createShortLivedClient() {
        shortLivedClient = KEYCLOAK.clientWithTokenLifespan(LIFESPAN_SECONDS);
    }

    @AfterAll
    void stopKeycloak() {
        KEYCLOAK.close();
    }

    @Test
    void anExpiredTokenEndsTheSubscriptionAndRefusesEveryOperationUntilAFreshOneComes() throws Exception {
        Family family = Family.of(TestIdentities.VILLAGE, "Kadaluarsa");
        register(family);
        String token = shortLived("uptpk");
        WebSocketGraphQlTester socket = socket(token);
        Received changes = Received.of(socket, currentCursor());
        String nik = family.head().nik();

        // while the token lasts, the connection works
        assertThat(socket.document(MEMBER).variable("nik", nik).execute().path("member.nik").entity(String.class).get())
                .isEqualTo(nik);
        recordHousing(family.kk(), 0, "UNFIT");
        changes.await("HousingFacet");

        sleepUntil(expiry(token).plus(SKEW).plusSeconds(1));
        ResponseError ended = changes.awaitEnd();
        assertExpired(ended);
        int received = changes.events().size();
        recordHousing(family.kk(), 1, "FIT");
        Thread.sleep(2000);
        assertThat(changes.events()).as("no event after the end").hasSize(received);

        GraphQlTester.Response read = socket.document(MEMBER).variable("nik", nik).execute();
        read.errors().satisfy(errors -> assertExpired(errors.getFirst()));
        read.path("member").pathDoesNotExist();
        GraphQlTester.Response write = socket.document("""
                mutation($kk: String!) { recordHousingCondition(input: {kk: $kk, expectedVersion: 2, rtlhStatus: UNFIT}) { version } }""")
                .variable("kk", family.kk()).execute();
        write.errors().satisfy(errors -> assertExpired(errors.getFirst()));
        assertThat(housingVersion(family.kk())).as("nothing written").isEqualTo(2L);
        GraphQlTester.Response resubscribed = socket.document(CHANGED).executeSubscription().toFlux().blockFirst(PATIENCE);
        resubscribed.errors().satisfy(errors -> assertExpired(errors.getFirst()));

        // a fresh token on the same connection opens it again
        assertThat(socket.document(MEMBER).variable("nik", nik).extension("Authorization", "Bearer " + shortLived("uptpk"))
                .execute().path("member.nik").entity(String.class).get()).isEqualTo(nik);
        changes.subscription().dispose();
    }

    @Test
    void aFreshTokenSentOnTheConnectionKeepsItsSubscriptionRunning() throws Exception {
        Family family = Family.of(TestIdentities.VILLAGE, "Diperbarui");
        register(family);
        String first = shortLived("uptpk");
        WebSocketGraphQlTester socket = socket(first);
        Received changes = Received.of(socket, currentCursor());

        Thread.sleep(Duration.ofSeconds(LIFESPAN_SECONDS / 2));
        String fresh = shortLived("uptpk");
        socket.document("{ __typename }").extension("Authorization", "Bearer " + fresh).execute()
                .path("__typename").entity(String.class).isEqualTo("Query");

        sleepUntil(expiry(first).plus(SKEW).plusSeconds(1));
        recordHousing(family.kk(), 0, "UNFIT");
        changes.await("HousingFacet");
        assertThat(changes.end()).as("still running after the first token's expiry").isNull();

        // the fresh token's own expiry still ends it
        sleepUntil(expiry(fresh).plus(SKEW).plusSeconds(1));
        assertExpired(changes.awaitEnd());
    }

    @Test
    void aFreshTokenOfAnotherCallerOrAForgedOneIsRefusedAndTheConnectionKeepsItsCaller() throws Exception {
        Family family = Family.of(TestIdentities.VILLAGE, "Penyusup");
        register(family);
        String nik = family.head().nik();
        WebSocketGraphQlTester socket = socket(shortLived("uptpk"));

        GraphQlTester.Response other = socket.document(MEMBER).variable("nik", nik)
                .extension("Authorization", "Bearer " + shortLived("dinsos")).execute();
        other.errors().satisfy(errors -> assertThat(errors.getFirst().getExtensions())
                .containsEntry("classification", "UNAUTHORIZED").containsEntry("reason", "TOKEN_OTHER_CALLER"));
        other.path("member").pathDoesNotExist();

        String real = shortLived("uptpk");
        String forged = real.substring(0, real.lastIndexOf('.') + 1) + "AAAA" + real.substring(real.lastIndexOf('.') + 5);
        socket.document(MEMBER).variable("nik", nik).extension("Authorization", "Bearer " + forged).execute()
                .errors().satisfy(errors -> assertThat(errors.getFirst().getExtensions())
                        .containsEntry("reason", "TOKEN_BAD_SIGNATURE"));

        // still the first caller, who reads whole NIKs (the social office reads them masked)
        socket.document(MEMBER).variable("nik", nik).execute().path("member.nik").entity(String.class).isEqualTo(nik);
    }

    private static void assertExpired(ResponseError error) {
        assertThat(error.getExtensions()).containsEntry("classification", "UNAUTHORIZED").containsEntry("reason", "TOKEN_EXPIRED");
        assertThat(error.getMessage()).contains("expired").contains("extensions");
    }

    /** Events of one subscription as they arrive, and the error that ended it. */
    private record Received(List<Map<String, Object>> events, AtomicReference<Throwable> ended, Disposable subscription) {

        @SuppressWarnings("unchecked")
        static Received of(WebSocketGraphQlTester socket, String after) {
            List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
            AtomicReference<Throwable> ended = new AtomicReference<>();
            Disposable subscription = socket.document(CHANGED).variable("after", after).executeSubscription()
                    .toFlux("changed", Map.class)
                    .subscribe(event -> events.add((Map<String, Object>) event), ended::set);
            return new Received(events, ended, subscription);
        }

        void await(String type) throws InterruptedException {
            Instant deadline = Instant.now().plus(PATIENCE);
            while (events.stream().noneMatch(event -> type.equals(event.get("type")))) {
                assertThat(ended.get()).as("ended early").isNull();
                assertThat(Instant.now()).as("a %s event within %s; received %s", type, PATIENCE, events).isBefore(deadline);
                Thread.sleep(100);
            }
        }

        Throwable end() {
            return ended.get();
        }

        /** The error the server ended the subscription with. */
        ResponseError awaitEnd() throws InterruptedException {
            Instant deadline = Instant.now().plus(PATIENCE);
            while (ended.get() == null) {
                assertThat(Instant.now()).as("the subscription ends").isBefore(deadline);
                Thread.sleep(100);
            }
            assertThat(ended.get()).isInstanceOf(SubscriptionErrorException.class);
            List<ResponseError> errors = ((SubscriptionErrorException) ended.get()).getErrors();
            assertThat(errors).hasSize(1);
            return errors.getFirst();
        }
    }

    private String shortLived(String user) {
        return KEYCLOAK.token(user, shortLivedClient);
    }

    private static Instant expiry(String token) {
        return Instant.ofEpochSecond(OwnKeycloak.claims(token).get("exp").asLong());
    }

    private static void sleepUntil(Instant moment) throws InterruptedException {
        Duration left = Duration.between(Instant.now(), moment);
        assertThat(left).as("a wait within reason").isLessThan(Duration.ofMinutes(1));
        if (!left.isNegative()) {
            Thread.sleep(left);
        }
    }

    private WebSocketGraphQlTester socket(String token) {
        return WebSocketGraphQlTester.builder(URI.create("ws://localhost:" + port + "/graphql-ws"), new ReactorNettyWebSocketClient())
                .interceptor(new WebSocketGraphQlClientInterceptor() {
                    @Override
                    public Mono<Object> connectionInitPayload() {
                        return Mono.just(Map.of("Authorization", "Bearer " + token));
                    }
                })
                .build();
    }

    /** Calls over HTTP as UPT-PK with a token of the usual lifespan. */
    private HttpGraphQlTester http() {
        return HttpGraphQlTester.create(WebTestClient.bindToServer()
                        .baseUrl("http://localhost:" + port + "/graphql")
                        .responseTimeout(Duration.ofSeconds(30))
                        .build())
                .mutate().header("Authorization", "Bearer " + KEYCLOAK.token("uptpk")).build();
    }

    private void register(Family family) {
        http().documentName("registerHousehold").variable("input", family.input()).execute()
                .path("registerHousehold.kk").entity(String.class).isEqualTo(family.kk());
    }

    private void recordHousing(String kk, long expectedVersion, String status) {
        http().document("""
                        mutation($kk: String!, $version: Int!, $status: RtlhStatus!) {
                          recordHousingCondition(input: {kk: $kk, expectedVersion: $version, rtlhStatus: $status}) { version }
                        }""")
                .variable("kk", kk).variable("version", expectedVersion).variable("status", status).execute()
                .path("recordHousingCondition.version").entity(Long.class).isEqualTo(expectedVersion + 1);
    }

    private Long housingVersion(String kk) {
        return dsl.select(HOUSING_FACET.VERSION).from(HOUSING_FACET).join(HOUSEHOLD).on(HOUSEHOLD.ID.eq(HOUSING_FACET.HOUSEHOLD_ID))
                .where(HOUSEHOLD.KK.eq(kk)).fetchSingle().value1();
    }

    private String currentCursor() {
        return GlobalId.encode("Change", dsl.select(DSL.coalesce(DSL.max(AUDIT_ENTRY.POSITION), 0L)).from(AUDIT_ENTRY).fetchSingle().value1());
    }
}
