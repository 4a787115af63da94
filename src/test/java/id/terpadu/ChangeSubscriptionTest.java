package id.terpadu;

import id.terpadu.graphql.GlobalId;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.graphql.client.SubscriptionErrorException;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static id.terpadu.db.Tables.AUDIT_ENTRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The subscription {@code changed} over WebSocket: authenticated with the Keycloak token in
 * connection_init, filtered like the pull feed, delivered by every hub instance on the database,
 * and resumed without loss after an instance restarts.
 */
class ChangeSubscriptionTest extends ApiTest {

    private static final String CHANGED = "subscription($after: String, $types: [String!]) {"
            + " changed(after: $after, types: $types) { cursor position type action changes { field after } } }";
    private static final Duration PATIENCE = Duration.ofSeconds(40);

    @Autowired
    private Environment environment;

    /** Events received by one subscription, collected as they arrive. */
    private record Received(List<Map<String, Object>> events, Disposable subscription) {

        @SuppressWarnings("unchecked")
        static Received of(Flux<Map> flux) {
            List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
            Disposable subscription = flux.subscribe(event -> events.add((Map<String, Object>) event));
            return new Received(events, subscription);
        }

        List<String> types() {
            return events.stream().map(event -> (String) event.get("type")).toList();
        }

        /** Waits until an event matches; answers it. */
        Map<String, Object> await(Predicate<Map<String, Object>> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() < deadline) {
                for (Map<String, Object> event : events) {
                    if (wanted.test(event)) {
                        return event;
                    }
                }
                Thread.sleep(100);
            }
            throw new AssertionError("no matching event within " + PATIENCE + "; received " + events);
        }
    }

    private static WebSocketGraphQlTester socket(int port, String user) {
        String token = user == null ? null : Tokens.of(user);
        return WebSocketGraphQlTester.builder(URI.create("ws://localhost:" + port + "/graphql-ws"), new ReactorNettyWebSocketClient())
                .interceptor(new WebSocketGraphQlClientInterceptor() {
                    @Override
                    public Mono<Object> connectionInitPayload() {
                        return token == null ? Mono.just(Map.of()) : Mono.just(Map.of("Authorization", "Bearer " + token));
                    }
                })
                .build();
    }

    private static Received subscribe(WebSocketGraphQlTester socket, String after) {
        return Received.of(socket.document(CHANGED).variable("after", after).executeSubscription().toFlux("changed", Map.class));
    }

    private String currentCursor() {
        return GlobalId.encode("Change", dsl.select(DSL.coalesce(DSL.max(AUDIT_ENTRY.POSITION), 0L)).from(AUDIT_ENTRY).fetchSingle().value1());
    }

    private void updateJkn(String nik, long expectedVersion, String segment) {
        as("dinkes").documentName("updateJknStatus").variable("input", input("nik", nik, "expectedVersion", expectedVersion,
                        "jknNumber", "0001234567890", "segment", segment, "active", true)).execute()
                .path("updateJknStatus.version").entity(Long.class).isEqualTo(expectedVersion + 1);
    }

    private static boolean health(Map<String, Object> event, String segment) {
        return "HealthFacet".equals(event.get("type")) && String.valueOf(event.get("changes")).contains(segment);
    }

    @Test
    void subscribersReceiveTheChangesTheirRoleReads() throws Exception {
        String start = currentCursor();
        Family family = Family.of(TestIdentities.VILLAGE, token());
        Received health = subscribe(socket(port, "dinkes"), start);
        Received housing = subscribe(socket(port, "perkim"), start);
        Received otherVillage = subscribe(socket(port, "desa-b"), start);
        try {
            register(family);
            updateJkn(family.members().get(1).nik(), 0, "PBI_APBD");
            as("perkim").documentName("recordHousingCondition").variable("input", input("kk", family.kk(),
                    "expectedVersion", 0, "rtlhStatus", "UNFIT")).execute().path("recordHousingCondition.version")
                    .entity(Long.class).isEqualTo(1L);

            health.await(event -> health(event, "PBI_APBD"));
            housing.await(event -> "HousingFacet".equals(event.get("type")));
            // both saw everything up to the last change by now; the filters held
            Thread.sleep(1500);
            assertThat(health.types()).doesNotContain("HousingFacet");
            assertThat(housing.types()).doesNotContain("HealthFacet");
            assertThat(otherVillage.types()).as("a village operator elsewhere").isEmpty();
            List<Long> positions = health.events().stream().map(event -> Long.parseLong((String) event.get("position"))).toList();
            assertThat(positions).isSorted().doesNotHaveDuplicates();
        } finally {
            health.subscription().dispose();
            housing.subscription().dispose();
            otherVillage.subscription().dispose();
        }
    }

    @Test
    void aCallerHoldsAFewSubscriptionsAtOnceAndIdleOnesCostOneStatementAPoll() throws Exception {
        WebSocketGraphQlTester socket = socket(port, "perkim");
        List<Received> held = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                held.add(subscribe(socket, currentCursor()));
            }
            // the subscriptions start as their messages arrive
            Thread.sleep(2_000);
            Flux<Map> sixth = socket.document(CHANGED).variable("after", currentCursor()).executeSubscription()
                    .toFlux("changed", Map.class);
            assertThatThrownBy(() -> sixth.blockFirst(PATIENCE))
                    .isInstanceOfSatisfying(SubscriptionErrorException.class, refusal ->
                            assertThat(refusal.getErrors().getFirst().getExtensions()).containsEntry("limit", "maxSubscriptions"));

            // five idle subscribers who see the same: one poller reads the head once a poll (every 500 ms), not once each
            statements.reset();
            Thread.sleep(3_000);
            assertThat(statements.count()).as("statements in 3 s").isLessThanOrEqualTo(8);
        } finally {
            held.forEach(received -> received.subscription().dispose());
        }
    }

    @Test
    void aConnectionWithoutAValidTokenGetsNothing() {
        Flux<Map> anonymous = socket(port, null).document(CHANGED).executeSubscription().toFlux("changed", Map.class);
        // refused at once, not merely silent until the wait runs out
        assertThatThrownBy(() -> anonymous.blockFirst(PATIENCE))
                .satisfies(refusal -> assertThat(String.valueOf(refusal.getMessage())).doesNotContain("Timeout on blocking read"));
    }

    @Test
    void twoInstancesBothDeliverEveryChangeAndARestartLosesNone() throws Exception {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        String nik = family.members().get(1).nik();
        String start = currentCursor();

        ConfigurableApplicationContext second = secondInstance();
        String resumeFrom;
        try {
            Received onThis = subscribe(socket(port, "dinkes"), start);
            Received onSecond = subscribe(socket(localPort(second), "dinkes"), start);
            updateJkn(nik, 0, "PBI_APBN");
            Map<String, Object> here = onThis.await(event -> health(event, "PBI_APBN"));
            Map<String, Object> there = onSecond.await(event -> health(event, "PBI_APBN"));
            assertThat(there.get("cursor")).as("the same event").isEqualTo(here.get("cursor"));
            resumeFrom = (String) there.get("cursor");
            onThis.subscription().dispose();
            onSecond.subscription().dispose();
        } finally {
            second.close();
        }

        // while the second instance is down, two more changes commit
        updateJkn(nik, 1, "PBPU");
        updateJkn(nik, 2, "PPU");

        ConfigurableApplicationContext restarted = secondInstance();
        try {
            Received resumed = subscribe(socket(localPort(restarted), "dinkes"), resumeFrom);
            resumed.await(event -> health(event, "PPU"));
            assertThat(resumed.events()).filteredOn(event -> "HealthFacet".equals(event.get("type")))
                    .extracting(event -> String.valueOf(event.get("changes")))
                    .hasSize(2)
                    .satisfiesExactly(first -> assertThat(first).contains("PBPU"), last -> assertThat(last).contains("PPU"));
            resumed.subscription().dispose();
        } finally {
            restarted.close();
        }
    }

    /** Another hub instance on the same database and Keycloak, on a port of its own. */
    private ConfigurableApplicationContext secondInstance() {
        // as arguments, which outrank the application's own settings (server.port: 8080)
        List<String> arguments = new ArrayList<>(List.of("--server.port=0"));
        for (String key : List.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
                "spring.security.oauth2.resourceserver.jwt.issuer-uri")) {
            String value = environment.getProperty(key);
            if (value != null) {
                arguments.add("--" + key + "=" + value);
            }
        }
        return new SpringApplicationBuilder(TerpaduApplication.class).run(arguments.toArray(String[]::new));
    }

    private static int localPort(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }
}
