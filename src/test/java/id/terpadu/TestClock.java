package id.terpadu;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The hub's clock in tests: the real time, which a test may move on (a service level running out)
 * and must set back when it is done. Shared by every test of the one application context.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestClock {

    @Bean
    @Primary
    MovableClock movableClock() {
        return new MovableClock();
    }

    /** The system clock, moved on by an offset. */
    public static final class MovableClock extends Clock {

        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        /** Moves the clock on (or back, for a negative duration). */
        public void advance(Duration by) {
            offset.accumulateAndGet(by, Duration::plus);
        }

        /** Back to the real time. */
        public void reset() {
            offset.set(Duration.ZERO);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            Clock moved = this;
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return zone;
                }

                @Override
                public Clock withZone(ZoneId other) {
                    return moved.withZone(other);
                }

                @Override
                public Instant instant() {
                    return moved.instant();
                }
            };
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }
    }
}
