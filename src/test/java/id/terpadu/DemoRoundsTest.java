package id.terpadu;

import id.terpadu.demo.DemoDataGenerator;
import id.terpadu.demo.DemoDataProperties;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;

/**
 * The Bangli demo data reproduces the figures of the regency's verification rounds, asked for
 * through the API like a planner would: 2015 with 11,055 households and 36,821 persons, 2017 with
 * 8,995 households and 32,418 persons. The hub runs on a database of its own here, since the demo
 * data only goes into a regency without households.
 */
@Tag("whole-demo")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext
class DemoRoundsTest {

    @LocalServerPort
    private int port;

    @Autowired
    private DSLContext dsl;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestDatabase.configureEmpty(registry, "demo_rounds");
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TestKeycloak::issuer);
    }

    @BeforeAll
    void loadDemoData() {
        DemoDataGenerator.generate(dsl, DemoDataProperties.BANGLI_2017);
    }

    private HttpGraphQlTester as(String user) {
        return HttpGraphQlTester.create(WebTestClient.bindToServer()
                        .baseUrl("http://localhost:" + port + "/graphql")
                        .responseTimeout(Duration.ofSeconds(60))
                        .build())
                .mutate().header("Authorization", "Bearer " + Tokens.of(user)).build();
    }

    private GraphQlTester.Response statistics(String user, String round) {
        return as(user).document("""
                        query($round: String!) {
                          statistics(round: $round, region: "5106") {
                            region { code }
                            households { value suppressed }
                            persons { value suppressed }
                            change { previous { name } households { value } persons { value } }
                          }
                        }""")
                .variable("round", round)
                .execute();
    }

    @Test
    void statisticsGiveBangliFiguresOf2015And2017() {
        for (String user : List.of("bappeda", "uptpk")) {
            statistics(user, "2015")
                    .path("statistics.region.code").entity(String.class).isEqualTo("51.06")
                    .path("statistics.households.value").entity(Integer.class).isEqualTo(11_055)
                    .path("statistics.households.suppressed").entity(Boolean.class).isEqualTo(false)
                    .path("statistics.persons.value").entity(Integer.class).isEqualTo(36_821)
                    .path("statistics.change").valueIsNull();
            statistics(user, "2017")
                    .path("statistics.households.value").entity(Integer.class).isEqualTo(8_995)
                    .path("statistics.persons.value").entity(Integer.class).isEqualTo(32_418)
                    .path("statistics.persons.suppressed").entity(Boolean.class).isEqualTo(false)
                    .path("statistics.change.previous.name").entity(String.class).isEqualTo("2015")
                    .path("statistics.change.households.value").entity(Integer.class).isEqualTo(8_995 - 11_055)
                    .path("statistics.change.persons.value").entity(Integer.class).isEqualTo(32_418 - 36_821);
        }
    }

    @Test
    void bothRoundsAreClosed() {
        as("bappeda").document("{ verificationRounds { name year status previous { name } } }").execute()
                .path("verificationRounds[*].name").entityList(String.class).containsExactly("2017", "2015")
                .path("verificationRounds[*].status").entityList(String.class).containsExactly("CLOSED", "CLOSED")
                .path("verificationRounds[0].previous.name").entity(String.class).isEqualTo("2015");
    }
}
