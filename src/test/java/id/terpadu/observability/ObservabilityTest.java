package id.terpadu.observability;

import id.terpadu.request.RequestIds;

import com.jayway.jsonpath.JsonPath;
import id.terpadu.HubTest;
import id.terpadu.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator sees: readiness that includes the database and the token issuer's keys,
 * Prometheus metrics per GraphQL operation and error classification and of the connection pool,
 * both on the management port only (the probes also on the main port), and a request id on
 * every answer.
 */
class ObservabilityTest extends HubTest {

    @Test
    void readinessIncludesTheDatabaseAndTheIssuerKeysWithoutAToken() {
        String body = management().get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(JsonPath.<String>read(body, "$.status")).isEqualTo("UP");
        assertThat(JsonPath.<String>read(body, "$.components.db.status")).isEqualTo("UP");
        assertThat(JsonPath.<String>read(body, "$.components.issuerKeys.status")).isEqualTo("UP");
        management().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        // the same probes on the main port, for platforms that probe only that one
        String ready = client().get().uri("/readyz").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(JsonPath.<String>read(ready, "$.components.issuerKeys.status")).isEqualTo("UP");
    }

    @Test
    void metricsAreServedOnlyOnTheManagementPort() {
        management().get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
        // on the port clients reach: a token is needed, and even with one there are no metrics
        client().get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        String withToken = client().get().uri("/actuator/prometheus").header("Authorization", "Bearer " + Tokens.of("uptpk"))
                .exchange().expectStatus().isNotFound().expectBody(String.class).returnResult().getResponseBody();
        assertThat(String.valueOf(withToken)).doesNotContain("hikaricp", "graphql_request_seconds");
        client().get().uri("/actuator/health").header("Authorization", "Bearer " + Tokens.of("uptpk"))
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void prometheusCountsRequestsPerOperationNameAndErrorsByClassification() {
        graphQl.document("query ProgrammeCodes { programmes { code } }").execute().path("programmes").hasValue();
        // the social office may not move people: FORBIDDEN, counted under its classification and operation
        post("dinsos", "mutation ForbiddenMove { moveMember(input: {nik: \"5106014101800001\", expectedVersion: 1, toKk: \"5106010101200001\", "
                + "relationship: CHILD, movedOn: \"2026-01-01\", reason: \"test\"}) { id } }");

        String metrics = management().get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).containsPattern("graphql_request_seconds_count\\{[^}]*graphql_operation_name=\"ProgrammeCodes\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("terpadu_graphql_errors_total\\{[^}]*classification=\"FORBIDDEN\"[^}]*operation=\"ForbiddenMove\"[^}]*} [1-9]");
        assertThat(metrics).contains("hikaricp_connections_active");
        assertThat(metrics).contains("hikaricp_connections_max");
        assertThat(metrics).containsPattern("terpadu_sql_statements_total [1-9]");
    }

    @Test
    void everyAnswerCarriesARequestIdAndAPlainOneGivenByTheCallerIsKept() {
        EntityExchangeResult<String> fresh = exchange("uptpk", "{ programmes { code } }", null);
        assertThat(fresh.getResponseHeaders().getFirst(RequestIds.HEADER)).matches("[0-9a-f-]{36}");

        EntityExchangeResult<String> given = exchange("uptpk", "{ programmes { code } }", "agency-app-20261129-0001");
        assertThat(given.getResponseHeaders().getFirst(RequestIds.HEADER)).isEqualTo("agency-app-20261129-0001");

        EntityExchangeResult<String> hostile = exchange("uptpk", "{ programmes { code } }", "x\"}{\"level\":\"ERROR");
        assertThat(hostile.getResponseHeaders().getFirst(RequestIds.HEADER)).matches("[0-9a-f-]{36}");
    }

    private void post(String user, String query) {
        exchange(user, query, null);
    }

    private EntityExchangeResult<String> exchange(String user, String query, String requestId) {
        WebTestClient.RequestBodySpec post = client().post().uri("/graphql")
                .header("Authorization", "Bearer " + Tokens.of(user))
                .contentType(MediaType.APPLICATION_JSON);
        if (requestId != null) {
            post.header(RequestIds.HEADER, requestId);
        }
        return post.bodyValue(Map.of("query", query)).exchange().expectBody(String.class).returnResult();
    }

    private WebTestClient management() {
        return WebTestClient.bindToServer().responseTimeout(Duration.ofSeconds(30)).baseUrl("http://localhost:" + managementPort).build();
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer().responseTimeout(Duration.ofSeconds(30)).baseUrl("http://localhost:" + port).build();
    }
}
