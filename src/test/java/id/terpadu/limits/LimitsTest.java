package id.terpadu.limits;

import com.jayway.jsonpath.JsonPath;
import graphql.introspection.IntrospectionQuery;
import id.terpadu.HubTest;
import id.terpadu.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import javax.sql.DataSource;
import java.time.Duration;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits on one request: each hostile shape is refused before anything runs, with
 * BAD_REQUEST and the limit it hit, while the queries agencies and GraphiQL send pass.
 */
class LimitsTest extends HubTest {

    @Autowired
    private DataSource dataSource;

    @Test
    void aDeepQueryIsRefusedNamingTheDepthLimit() {
        String deep = "{ households(first: 1) { edges { node { members { household { members { household { members { household { members { nik } } } } } } } } } } }";
        Map<String, Object> error = onlyError(post(deep));
        assertThat(JsonPath.<String>read(error, "$.extensions.classification")).isEqualTo("BAD_REQUEST");
        assertThat(JsonPath.<String>read(error, "$.extensions.limit")).isEqualTo("maxDepth");
        assertThat(JsonPath.<Integer>read(error, "$.extensions.maximum")).isEqualTo(10);
        assertThat(JsonPath.<Integer>read(error, "$.extensions.actual")).isEqualTo(11);
        assertThat((String) error.get("message")).contains("10 levels");
    }

    @Test
    void aDeepIntrospectionQueryIsRefusedInBadFaith() {
        String deep = "{ __schema { types { fields { type " + "{ ofType ".repeat(40) + "{ name }" + " }".repeat(40) + " } } } }";
        Answer answer = post(deep);
        assertThat(answer.<Object>at("$.data.__schema")).as(answer.body()).isNull();
        // introspection is left out of the depth and cost of a request: graphql-java's good-faith check bounds it
        assertThat(answer.<List<String>>at("$.errors[*].extensions.classification")).as(answer.body()).containsExactly("BadFaithIntrospection");
    }

    @Test
    void aThousandAliasesAreRefusedNamingTheAliasLimit() {
        String flood = IntStream.range(0, 1000).mapToObj(i -> "a" + i + ": programmes { code }")
                .collect(Collectors.joining(" ", "{ ", " }"));
        Answer answer = post(flood);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.<Object>at("$.data")).isNull();
        assertThat(answer.<List<String>>at("$.errors[*].extensions.limit")).contains("maxAliases");
        assertThat(answer.<List<Integer>>at("$.errors[?(@.extensions.limit == 'maxAliases')].extensions.actual")).containsExactly(1000);
    }

    @Test
    void aHugePageIsRefusedNamingThePageSizeLimitAndTheArgument() {
        Map<String, Object> error = onlyError(post("{ households(first: 100000) { totalCount edges { node { kk } } } }"));
        assertThat(JsonPath.<String>read(error, "$.extensions.classification")).isEqualTo("BAD_REQUEST");
        assertThat(JsonPath.<String>read(error, "$.extensions.limit")).isEqualTo("maxPageSize");
        assertThat(JsonPath.<String>read(error, "$.extensions.field")).isEqualTo("first");
        assertThat(JsonPath.<Integer>read(error, "$.extensions.actual")).isEqualTo(100000);
    }

    @Test
    void aPageSizeGivenAsAVariableCountsToo() {
        Answer answer = post("query($n: Int) { households(first: $n) { edges { node { kk } } } }", Map.of("n", 5000));
        assertThat(answer.<List<String>>at("$.errors[*].extensions.limit")).containsExactly("maxPageSize");
    }

    @Test
    void manyFieldsThroughFewAliasesAreRefusedNamingTheFieldLimit() {
        String node = "id kk address rt rw status version registeredAt village { code name level } members { id nik name sex birthDate relationship version }";
        String query = IntStream.range(0, 25).mapToObj(i -> "h" + i + ": households(first: 1) { totalCount edges { cursor node { " + node + " } } }")
                .collect(Collectors.joining(" ", "{ ", " }"));
        Map<String, Object> error = onlyError(post(query));
        assertThat(JsonPath.<String>read(error, "$.extensions.limit")).isEqualTo("maxFields");
        assertThat(JsonPath.<Integer>read(error, "$.extensions.maximum")).isEqualTo(300);
    }

    @Test
    void aQueryWhosePagesMultiplyBeyondTheCostIsRefusedNamingTheCostLimit() {
        String page = "households(first: 100) { edges { node { members { nik name sex birthDate relationship version "
                + "health { segment active since version } benefits { id status startsOn endsOn amount reason version } } } } }";
        String query = IntStream.range(0, 3).mapToObj(i -> "p" + i + ": " + page).collect(Collectors.joining(" ", "{ ", " }"));
        Map<String, Object> error = onlyError(post(query));
        assertThat(JsonPath.<String>read(error, "$.extensions.classification")).isEqualTo("BAD_REQUEST");
        assertThat(JsonPath.<String>read(error, "$.extensions.limit")).isEqualTo("maxCost");
        assertThat(JsonPath.<Integer>read(error, "$.extensions.actual")).isGreaterThan(50000);
    }

    @Test
    void aBatchOfOperationsIsRefusedAsBadRequest() {
        EntityExchangeResult<String> result = client().post().uri("/graphql")
                .header("Authorization", "Bearer " + Tokens.of("uptpk"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("[{\"query\":\"{ programmes { code } }\"},{\"query\":\"{ programmes { name } }\"}]")
                .exchange().expectBody(String.class).returnResult();
        assertThat(result.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(JsonPath.<String>read(result.getResponseBody(), "$.errors[0].extensions.classification")).isEqualTo("BAD_REQUEST");
        assertThat(JsonPath.<String>read(result.getResponseBody(), "$.errors[0].extensions.limit")).isEqualTo("batching");
    }

    @Test
    void aRequestLargerThanTheLimitIsRefusedBeforeItIsRead() {
        String padding = "#".repeat(300 * 1024);
        EntityExchangeResult<String> result = client().post().uri("/graphql")
                .header("Authorization", "Bearer " + Tokens.of("uptpk"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", "{ programmes { code } } " + padding))
                .exchange().expectBody(String.class).returnResult();
        assertThat(result.getStatus()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(JsonPath.<String>read(result.getResponseBody(), "$.errors[0].extensions.limit")).isEqualTo("maxRequestSize");
        assertThat(JsonPath.<Integer>read(result.getResponseBody(), "$.errors[0].extensions.maximum")).isEqualTo(256 * 1024);
    }

    @Test
    void graphiqlsIntrospectionPassesForEveryRole() {
        for (String user : List.of("uptpk", "dinkes", "bappeda", "admin")) {
            Answer answer = post(user, IntrospectionQuery.INTROSPECTION_QUERY, Map.of());
            assertThat(answer.<List<Object>>at("$.errors")).as(user).isNull();
            assertThat(answer.<String>at("$.data.__schema.queryType.name")).isEqualTo("Query");
        }
    }

    @Test
    void theLargestPageAnAgencyAsksForPasses() {
        // a page of 100 households with members, their JKN status and benefits: the agency query the limits must allow
        Answer answer = post("""
                query Page {
                  households(first: 100, filter: {region: "51.06"}) {
                    totalCount
                    pageInfo { hasNextPage endCursor }
                    edges { cursor node { id kk address village { code name }
                      social { cluster { code } decile }
                      members { id nik name sex birthDate relationship
                        health { jknNumber segment active since version }
                        benefits { id programme { code } status startsOn endsOn amount } } } }
                  }
                }""");
        assertThat(answer.<List<Object>>at("$.errors")).as(answer.body()).isNull();
    }

    @Test
    void everyConnectionStartsWithTheStatementTimeout() throws Exception {
        try (Connection connection = dataSource.getConnection();
             ResultSet timeout = connection.createStatement().executeQuery("SHOW statement_timeout")) {
            timeout.next();
            assertThat(timeout.getString(1)).isEqualTo("15s");
        }
    }

    private Answer post(String query) {
        return post("uptpk", query, Map.of());
    }

    private Answer post(String query, Map<String, Object> variables) {
        return post("uptpk", query, variables);
    }

    private Answer post(String user, String query, Map<String, Object> variables) {
        EntityExchangeResult<String> result = client().post().uri("/graphql")
                .header("Authorization", "Bearer " + Tokens.of(user))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", query, "variables", variables))
                .exchange().expectBody(String.class).returnResult();
        return new Answer(result.getStatus().value(), result.getResponseBody());
    }

    private static Map<String, Object> onlyError(Answer answer) {
        assertThat(answer.<Object>at("$.data")).as(answer.body()).isNull();
        List<Map<String, Object>> errors = answer.at("$.errors");
        assertThat(errors).as(answer.body()).hasSize(1);
        return errors.getFirst();
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer().responseTimeout(Duration.ofSeconds(30)).baseUrl("http://localhost:" + port)
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build();
    }

    record Answer(int status, String body) {
        <T> T at(String path) {
            try {
                return JsonPath.read(body, path);
            } catch (com.jayway.jsonpath.PathNotFoundException absent) {
                return null;
            }
        }
    }
}
