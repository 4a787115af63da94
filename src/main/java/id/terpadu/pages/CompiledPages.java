package id.terpadu.pages;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the hub answers the households pages it can compile with one SQL statement
 * ({@code terpadu.compiled-pages.enabled}, on unless configured off), and how many it has answered
 * so. Off, every page goes field by field; the answers are the same either way. It can be switched
 * while the hub runs, so both ways are compared in one running hub. The metric
 * {@code terpadu.pages.compiled} counts the pages answered so.
 */
@Component
public class CompiledPages {

    private final AtomicBoolean enabled;
    private final Counter answered;

    CompiledPages(@Value("${terpadu.compiled-pages.enabled:true}") boolean enabled, MeterRegistry meters) {
        this.enabled = new AtomicBoolean(enabled);
        this.answered = Counter.builder("terpadu.pages.compiled")
                .description("Households pages answered by one SQL statement")
                .register(meters);
    }

    public boolean enabled() {
        return enabled.get();
    }

    public void enabled(boolean on) {
        enabled.set(on);
    }

    /** How many pages were answered by one statement since the hub started. */
    public long answered() {
        return (long) answered.count();
    }

    void countAnswered() {
        answered.increment();
    }
}
