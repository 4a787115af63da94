package id.terpadu.limits;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Refuses, before the token is checked and before any parsing, a GraphQL request whose body is
 * larger than the limit (413) or that is a batch, a JSON array of operations (400): one request,
 * one operation, so the limits on an operation also bound a request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final QueryLimits limits;
    private final JsonMapper json;
    private final String graphQlPath;

    RequestBodyLimitFilter(QueryLimits limits, JsonMapper json, @Value("${spring.graphql.http.path:/graphql}") String graphQlPath) {
        this.limits = limits;
        this.json = json;
        this.graphQlPath = graphQlPath;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !graphQlPath.equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long maximum = limits.maxRequestSize().toBytes();
        if (request.getContentLengthLong() > maximum) {
            refuse(response, HttpStatus.CONTENT_TOO_LARGE, "maxRequestSize", maximum, request.getContentLengthLong(),
                    "The request is larger than the " + maximum + " bytes the hub accepts.");
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) maximum + 1);
        if (body.length > maximum) {
            refuse(response, HttpStatus.CONTENT_TOO_LARGE, "maxRequestSize", maximum, body.length,
                    "The request is larger than the " + maximum + " bytes the hub accepts.");
            return;
        }
        if (isJsonArray(body)) {
            refuse(response, HttpStatus.BAD_REQUEST, "batching", 1, -1,
                    "Batched operations are not accepted: send one operation per request.");
            return;
        }
        chain.doFilter(new ReadBody(request, body), response);
    }

    private static boolean isJsonArray(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return b == '[';
            }
        }
        return false;
    }

    private void refuse(HttpServletResponse response, HttpStatus status, String limit, long maximum, long actual, String message)
            throws IOException {
        Map<String, Object> extensions = actual < 0
                ? Map.of("classification", "BAD_REQUEST", "limit", limit, "maximum", maximum)
                : Map.of("classification", "BAD_REQUEST", "limit", limit, "maximum", maximum, "actual", actual);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Map.of("errors", List.of(Map.of("message", message, "extensions", extensions))));
    }

    /** The request with its body already read. */
    private static final class ReadBody extends HttpServletRequestWrapper {
        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body is already read");
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
