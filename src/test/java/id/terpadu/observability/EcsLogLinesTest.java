package id.terpadu.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import id.terpadu.Fast;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MarkerFactory;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub's log lines are Spring Boot's {@code ecs} lines byte for byte: plain lines, lines with
 * the request id and key values, with markers, with an exception and its causes, with characters
 * JSON escapes and characters outside the basic plane, and with {@code logging.structured.json}
 * settings applied.
 */
@Fast
class EcsLogLinesTest {

    private static final Instant AT = Instant.parse("2026-12-01T08:30:00.123456Z");

    @Test
    void linesAreSpringBootsEcsLinesByteForByte() {
        for (MockEnvironment environment : List.of(environment(), environment()
                .withProperty("logging.structured.json.exclude", "process.thread")
                .withProperty("logging.structured.json.rename.log.logger", "log.origin")
                .withProperty("logging.structured.json.add.region", "51.06"))) {
            StructuredLogEncoder boots = encoder(environment, "ecs");
            StructuredLogEncoder ours = encoder(environment, EcsLogLines.class.getName());
            for (LoggingEvent event : events()) {
                String line = new String(boots.encode(event), StandardCharsets.UTF_8);
                assertThat(new String(ours.encode(event), StandardCharsets.UTF_8)).as(event.getFormattedMessage()).isEqualTo(line);
            }
        }
    }

    @Test
    void aLineHoldsTheRequestsKeyValuesAndTheCausesOfAnError() {
        LoggingEvent failed = event(Level.ERROR, "GraphQL {} failed", new IllegalStateException("outer",
                new IllegalArgumentException("inner")), "householdPage");
        failed.setMDCPropertyMap(Map.of("requestId", "r-1"));
        failed.addKeyValuePair(new KeyValuePair("graphql.operation", "householdPage"));

        String line = new String(encoder(environment(), EcsLogLines.class.getName()).encode(failed), StandardCharsets.UTF_8);

        assertThat(line).startsWith("{\"@timestamp\":\"2026-12-01T08:30:00.123456Z\",\"log\":{\"level\":\"ERROR\"")
                .contains("\"message\":\"GraphQL householdPage failed\"", "\"requestId\":\"r-1\"",
                        "\"graphql\":{\"operation\":\"householdPage\"}", "\"type\":\"java.lang.IllegalStateException\"",
                        "Caused by: java.lang.IllegalArgumentException: inner", "\"ecs\":{\"version\":\"8.11\"}")
                .endsWith("}\n");
    }

    private static List<LoggingEvent> events() {
        LoggingEvent plain = event(Level.INFO, "The hub started in {} s", null, 4.2);
        LoggingEvent request = event(Level.INFO, "GraphQL {} answered in {} ms", null, "member", 3);
        request.setMDCPropertyMap(Map.of("requestId", "5f0c\"quoted\\", "other", "a\tb\u0001"));
        request.addKeyValuePair(new KeyValuePair("graphql.operation", "member"));
        request.addKeyValuePair(new KeyValuePair("graphql.errors", 0));
        request.addKeyValuePair(new KeyValuePair("duration.ms", 3L));
        request.addKeyValuePair(new KeyValuePair("caller.roles", null));
        LoggingEvent marked = event(Level.WARN, "Rumah tangga \"{}\" ditolak: {}", null, "Ni Luh Putu 😀", "ä\u00e9\u4e2d");
        marked.addMarker(MarkerFactory.getMarker("SECURITY"));
        marked.addMarker(MarkerFactory.getMarker("AUDIT"));
        LoggingEvent failed = event(Level.ERROR, "The sealer stopped", new IllegalStateException("chain broken",
                new IllegalArgumentException("position 12")));
        failed.setMDCPropertyMap(Map.of("requestId", "r-2"));
        return List.of(plain, request, marked, failed);
    }

    private static LoggingEvent event(Level level, String message, Throwable thrown, Object... arguments) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        LoggingEvent event = new LoggingEvent(EcsLogLinesTest.class.getName(), context.getLogger("id.terpadu.hub.Example"),
                level, message, thrown, arguments);
        event.setInstant(AT);
        event.setThreadName("tomcat-handler-7");
        return event;
    }

    private static MockEnvironment environment() {
        return new MockEnvironment()
                .withProperty("spring.application.name", "terpadu")
                .withProperty("spring.application.version", "1.0")
                .withProperty("spring.application.pid", "4242")
                .withProperty("logging.structured.ecs.service.environment", "demo");
    }

    private static StructuredLogEncoder encoder(Environment environment, String format) {
        LoggerContext context = new LoggerContext();
        context.putObject(Environment.class.getName(), environment);
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(context);
        encoder.setFormat(format);
        encoder.start();
        return encoder;
    }
}
