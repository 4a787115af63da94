package id.terpadu.observability;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.StackTracePrinter;
import org.springframework.boot.logging.structured.ContextPairs;
import org.springframework.boot.logging.structured.ElasticCommonSchemaProperties;
import org.springframework.boot.logging.structured.JsonWriterStructuredLogFormatter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;

import java.nio.charset.Charset;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The hub's log lines in the Elastic Common Schema, the same members, names and order as Spring
 * Boot's {@code ecs} format (so {@code logging.structured.json.*} applies as before), written to
 * bytes from one string. Spring Boot 4.0 writes a structured line to bytes through an
 * {@code OutputStreamWriter} a few characters at a time: about 6 % of a look-up's hub CPU, some
 * 40 % of what its request log line cost (spring-boot#49428, changed in 4.1). With Boot 4.1 this
 * class can go and {@code ecs} come back.
 */
public class EcsLogLines extends JsonWriterStructuredLogFormatter<ILoggingEvent> {

    private static final JsonWriter.PairExtractor<KeyValuePair> KEY_VALUE = JsonWriter.PairExtractor.of(pair -> pair.key,
            pair -> pair.value);

    /** The parameters Spring Boot gives a structured log format named by its class. */
    public EcsLogLines(Environment environment, StackTracePrinter stackTracePrinter, ContextPairs contextPairs,
                       ThrowableProxyConverter throwableProxyConverter,
                       StructuredLoggingJsonMembersCustomizer.Builder<?> customizer) {
        super(members -> members(environment, stackTracePrinter, contextPairs, throwableProxyConverter, members),
                customizer.nested().build());
    }

    @Override
    public byte[] formatAsBytes(ILoggingEvent event, Charset charset) {
        return format(event).getBytes(charset);
    }

    private static void members(Environment environment, StackTracePrinter stackTracePrinter, ContextPairs contextPairs,
                                ThrowableProxyConverter throwableProxyConverter, JsonWriter.Members<ILoggingEvent> members) {
        members.add("@timestamp", ILoggingEvent::getInstant);
        members.add("log").usingMembers(log -> {
            log.add("level", ILoggingEvent::getLevel);
            log.add("logger", ILoggingEvent::getLoggerName);
        });
        members.add("process").usingMembers(process -> {
            process.add("pid", environment.getProperty("spring.application.pid", Long.class)).whenNotNull();
            process.add("thread").usingMembers(thread -> thread.add("name", ILoggingEvent::getThreadName));
        });
        ElasticCommonSchemaProperties.get(environment).jsonMembers(members);
        members.add("message", ILoggingEvent::getFormattedMessage);
        members.add().usingPairs(contextPairs.nested(pairs -> {
            pairs.addMapEntries(ILoggingEvent::getMDCPropertyMap);
            pairs.add(ILoggingEvent::getKeyValuePairs, KEY_VALUE);
        }));
        members.add().whenNotNull(ILoggingEvent::getThrowableProxy).usingMembers(thrown -> thrown.add("error").usingMembers(error -> {
            error.add("type", ILoggingEvent::getThrowableProxy).as(IThrowableProxy::getClassName);
            error.add("message", ILoggingEvent::getThrowableProxy).as(IThrowableProxy::getMessage);
            error.add("stack_trace", event -> stackTrace(event, stackTracePrinter, throwableProxyConverter));
        }));
        members.add("tags", ILoggingEvent::getMarkerList).whenNotNull().as(EcsLogLines::markers).whenNotEmpty();
        members.add("ecs").usingMembers(ecs -> ecs.add("version", "8.11"));
    }

    private static String stackTrace(ILoggingEvent event, StackTracePrinter printer, ThrowableProxyConverter converter) {
        if (printer != null && event.getThrowableProxy() instanceof ThrowableProxy proxy) {
            return printer.printStackTraceToString(proxy.getThrowable());
        }
        return converter.convert(event);
    }

    private static Set<String> markers(List<Marker> markers) {
        Set<String> names = new TreeSet<>();
        addMarkers(names, markers.iterator());
        return names;
    }

    private static void addMarkers(Set<String> names, Iterator<Marker> markers) {
        while (markers.hasNext()) {
            Marker marker = markers.next();
            names.add(marker.getName());
            if (marker.hasReferences()) {
                addMarkers(names, marker.iterator());
            }
        }
    }
}
