package id.terpadu;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;

/**
 * Base of the hub's tests: the whole application on a random port against a real PostgreSQL
 * (see {@link TestDatabase}), queried over HTTP like an agency's app would. All tests share one
 * application context and database, so each test makes its own households with fresh identities
 * ({@link TestIdentities}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(SqlCountingConfiguration.class)
public abstract class HubTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected DSLContext dsl;

    @Autowired
    protected SqlStatementCounter statements;

    protected HttpGraphQlTester graphQl;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.configure(registry);
    }

    @BeforeEach
    void connect() {
        // the first requests of a run meet a cold JVM on a busy machine: allow more than the default 5 s
        WebTestClient client = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port + "/graphql")
                .responseTimeout(Duration.ofSeconds(30))
                .build();
        graphQl = HttpGraphQlTester.create(client);
    }
}
