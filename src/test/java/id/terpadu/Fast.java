package id.terpadu;

import org.junit.jupiter.api.Tag;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test of the fast tier: it starts no hub and no Keycloak (the policy, the schema, the limits, or
 * jOOQ repositories against PostgreSQL alone), so {@code ./mvnw test -Dgroups=fast} answers in
 * seconds. The end-to-end tests with real tokens stay for what crosses layers.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("fast")
public @interface Fast {
}
