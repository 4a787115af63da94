package id.terpadu;

import id.terpadu.access.Disclosure;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;

/**
 * Base of the hub's tests: the whole application on a random port against a real PostgreSQL
 * (see {@link TestDatabase}) and a real Keycloak ({@link TestKeycloak}), queried over HTTP with
 * real tokens like an agency's app would. {@link #graphQl} calls as UPT-PK, which may read and
 * write everything; {@link #as(String)} calls as another demo user. All tests share one
 * application context and database, so each test makes its own households with fresh
 * identities ({@link TestIdentities}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({SqlCountingConfiguration.class, TestClock.class})
public abstract class HubTest {

    @LocalServerPort
    protected int port;

    /** The port of health and metrics (any free one in tests). */
    @LocalManagementPort
    protected int managementPort;

    @Autowired
    protected DSLContext dsl;

    @Autowired
    protected SqlStatementCounter statements;

    @Autowired
    private Disclosure disclosure;

    protected HttpGraphQlTester graphQl;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestDatabase.configure(registry);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TestKeycloak::issuer);
    }

    @BeforeEach
    void connect() {
        graphQl = as("uptpk");
    }

    /** A NIK or KK as a role that sees identity numbers masked is shown it. */
    protected String masked(String number) {
        return disclosure.masked(number);
    }

    /** A tester that calls with the token of this demo user (or of the bpjs-sync service account). */
    protected HttpGraphQlTester as(String user) {
        return anonymous().mutate().header("Authorization", "Bearer " + Tokens.of(user)).build();
    }

    /** A tester that sends no token. */
    protected HttpGraphQlTester anonymous() {
        // the first requests of a run meet a cold JVM on a busy machine: allow more than the default 5 s
        return HttpGraphQlTester.create(WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port + "/graphql")
                .responseTimeout(Duration.ofSeconds(30))
                .build());
    }
}
