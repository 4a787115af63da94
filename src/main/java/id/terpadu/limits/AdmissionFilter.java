package id.terpadu.limits;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Admission control: at most {@link Admission#maxInFlight()} GraphQL requests over HTTP are worked
 * on at once, token check, execution and writing the answer included; the others wait in arrival
 * order, and one that waits longer than {@link Admission#maxWait()} is answered 503 with
 * {@code Retry-After}. Streams (subscriptions over server-sent events) are not bounded: they last.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class AdmissionFilter extends OncePerRequestFilter {

    private final Admission admission;
    private final Semaphore turns;
    private final JsonMapper json;
    private final String graphQlPath;

    AdmissionFilter(Admission admission, JsonMapper json, @Value("${spring.graphql.http.path:/graphql}") String graphQlPath) {
        this.admission = admission;
        this.turns = new Semaphore(Math.max(admission.maxInFlight(), 1), true);
        this.json = json;
        this.graphQlPath = graphQlPath;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return admission.maxInFlight() <= 0 || !graphQlPath.equals(request.getRequestURI())
                || (accept != null && accept.contains(MediaType.TEXT_EVENT_STREAM_VALUE));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!awaitTurn()) {
            refuse(response);
            return;
        }
        Turn turn = new Turn();
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(turn);
            } else {
                turn.end();
            }
        }
    }

    private boolean awaitTurn() {
        try {
            return turns.tryAcquire(admission.maxWait().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Map.of("errors", List.of(Map.of(
                "message", "The hub is busy; try again in a moment.",
                "extensions", Map.of("classification", "UNAVAILABLE", "limit", "maxInFlight",
                        "maximum", admission.maxInFlight())))));
    }

    /** One request's turn, given back once: when the request ends, also when it ends asynchronously. */
    private final class Turn implements AsyncListener {

        private final AtomicBoolean ended = new AtomicBoolean();

        void end() {
            if (ended.compareAndSet(false, true)) {
                turns.release();
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            end();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            end();
        }

        @Override
        public void onError(AsyncEvent event) {
            end();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
