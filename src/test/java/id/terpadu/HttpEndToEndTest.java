package id.terpadu;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The hub as any HTTP client sees it: JSON posted to /graphql, and GraphiQL for people. */
class HttpEndToEndTest extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private HttpResponse<String> post(String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + Tokens.of("uptpk"))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String query, Map<String, Object> variables) throws Exception {
        return post(JSON.writeValueAsString(Map.of("query", query, "variables", variables)));
    }

    @Test
    void registrationAndLookupAreJsonOverHttp() throws Exception {
        Family family = Family.of(TestIdentities.VILLAGE, token());

        HttpResponse<String> registered = post("""
                mutation register($input: RegisterHouseholdInput!) {
                  registerHousehold(input: $input) { kk version }
                }""", Map.of("input", family.input()));

        assertThat(registered.statusCode()).isEqualTo(200);
        assertThat(registered.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        JsonNode body = JSON.readTree(registered.body());
        assertThat(body.has("errors")).as(registered.body()).isFalse();
        assertThat(body.at("/data/registerHousehold/kk").asString()).isEqualTo(family.kk());
        assertThat(body.at("/data/registerHousehold/version").asInt()).isEqualTo(1);
        assertThat(householdRow(family.kk()).getAddress()).isEqualTo(family.address());

        HttpResponse<String> found = post("""
                query byKk($kk: String!) {
                  household(kk: $kk) { kk village { code name } members { nik relationship } }
                }""", Map.of("kk", family.kk()));

        assertThat(found.statusCode()).isEqualTo(200);
        JsonNode household = JSON.readTree(found.body()).at("/data/household");
        assertThat(household.at("/village/code").asString()).isEqualTo(TestIdentities.VILLAGE);
        assertThat(household.at("/village/name").asString()).isEqualTo("Apuan");
        assertThat(household.at("/members")).hasSize(3);
        assertThat(household.at("/members/0/nik").asString()).isEqualTo(family.head().nik());
        assertThat(household.at("/members/0/relationship").asString()).isEqualTo("HEAD");
    }

    @Test
    void refusalIsAGraphQlErrorInTheBodyWithoutInternals() throws Exception {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);

        HttpResponse<String> response = post("""
                mutation enrol($input: EnrolBenefitInput!) { enrolBenefit(input: $input) { id } }""",
                Map.of("input", Map.of("programme", "RASKIN", "kk", family.kk(), "startsOn", "2025-01-01", "reason", "Poor")));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.at("/data").isNull()).as(response.body()).isTrue();
        assertThat(body.at("/errors")).hasSize(1);
        assertThat(body.at("/errors/0/extensions/classification").asString()).isEqualTo("NOT_FOUND");
        assertThat(body.at("/errors/0/extensions/field").asString()).isEqualTo("input.programme");
        assertThat(body.at("/errors/0/message").asString()).contains("RASKIN");
        assertThat(body.at("/errors/0/path/0").asString()).isEqualTo("enrolBenefit");
        assertThat(response.body()).doesNotContain("Exception", "SQL", "org.", "jooq", "stackTrace");
    }

    @Test
    void requestThatIsNotJsonIsRefusedWithoutInternals() throws Exception {
        HttpResponse<String> response = post("{ this is not json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("Exception", "SQL", "org.", "jooq", "\tat ");
    }

    @Test
    void queryWithAnUnknownFieldIsAValidationError() throws Exception {
        HttpResponse<String> response = post("{ households { edges { node { password } } } }", Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.at("/errors/0/extensions/classification").asString()).isEqualTo("ValidationError");
        assertThat(body.at("/errors/0/message").asString()).contains("password");
        assertThat(response.body()).doesNotContain("Exception", "org.", "\tat ");
    }

    @Test
    void graphiqlIsServedForPeople() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphiql"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).containsIgnoringCase("graphiql").contains("Sign in");
        assertBundledFromTheHubAlone(page.body());

        HttpResponse<String> config = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphiql/config"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body()).contains("\"clientId\":\"terpadu-graphiql\"").contains("\"issuer\":\"" + TestKeycloak.issuer() + "\"");
    }

    @Test
    void theWebAppIsServedAtTheRootInIndonesianWithItsBundleAndSignInConfiguration() throws Exception {
        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<html lang=\"id\">");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
                .contains("script-src 'self';", "connect-src 'self' " + TestKeycloak.baseUrl() + ";"));
        assertBundledFromTheHubAlone(page.body());

        String script = page.body().replaceFirst("(?s).*<script type=\"module\" crossorigin src=\"(/assets/[^\"]+\\.js)\".*", "$1");
        HttpResponse<String> bundle = get(script);
        assertThat(bundle.statusCode()).as(script).isEqualTo(200);
        assertThat(bundle.headers().firstValue("Cache-Control")).hasValueSatisfying(cache -> assertThat(cache).contains("max-age=31536000"));
        assertThat(bundle.body()).contains("/app/config").contains("/graphql");

        HttpResponse<String> config = get("/app/config");
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body()).contains("\"clientId\":\"terpadu-graphiql\"").contains("\"issuer\":\"" + TestKeycloak.issuer() + "\"");
    }

    @Test
    void theWebAppsPageIsOpenButItsDataAreNot() throws Exception {
        assertThat(get("/app/config").statusCode()).isEqualTo(200);
        assertThat(get("/graphiql.html").statusCode()).isEqualTo(401);
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ households(first: 1) { totalCount } }\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every script and style of the page comes from the hub: none from a CDN or any other host. */
    private static void assertBundledFromTheHubAlone(String html) {
        assertThat(html).containsPattern("<script type=\"module\" crossorigin src=\"/assets/[^\"]+\\.js\"");
        assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//");
        assertThat(html).doesNotContain("esm.sh", "importmap", "unpkg", "jsdelivr");
    }
}
