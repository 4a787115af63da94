package id.terpadu;

import id.terpadu.local.DemoUsersBanner;
import id.terpadu.local.LocalServices;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The hub as a developer starts it from the source tree, with what the machine lacks started
 * beside it (see {@link LocalServices}): {@code ./mvnw spring-boot:test-run -Dspring-boot.run.profiles=demo}.
 * These conveniences live with the tests, so the hub's jar holds neither an embedded database nor a
 * Keycloak launcher.
 */
public class TestTerpaduApplication {

    public static void main(String[] args) {
        LocalServices services = LocalServices.startMissing(args);
        // after the hub has stopped, not before: it closes its connections to them first
        SpringApplication.getShutdownHandlers().add(services::close);
        try {
            run(services);
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
    }

    static ConfigurableApplicationContext run(LocalServices services) {
        return SpringApplication.from(TerpaduApplication::main).with(DemoUsersBanner.class).run(services.arguments())
                .getApplicationContext();
    }
}
