package id.terpadu.graphql;

import id.terpadu.error.ErrorClassification;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Objects;

/**
 * Serves GraphQL over HTTP as Spring does, but answers 503 instead of 200 when nothing was done
 * because the database could not be reached (every error {@code UNAVAILABLE}, no data), so an
 * agency system, a proxy or a load balancer sees at once that it should try again later.
 */
@Component
class UnavailableHttpStatus extends GraphQlHttpHandler {

    UnavailableHttpStatus(WebGraphQlHandler handler) {
        super(handler);
    }

    @Override
    protected HttpStatus selectResponseStatus(WebGraphQlResponse response, MediaType responseMediaType) {
        if (!response.getErrors().isEmpty() && response.getErrors().stream().allMatch(UnavailableHttpStatus::unavailable)
                && noData(response)) {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
        return super.selectResponseStatus(response, responseMediaType);
    }

    private static boolean unavailable(ResponseError error) {
        return ErrorClassification.UNAVAILABLE.equals(error.getErrorType())
                || ErrorClassification.UNAVAILABLE.name().equals(String.valueOf(error.getExtensions().get("classification")));
    }

    private static boolean noData(WebGraphQlResponse response) {
        return !(response.getData() instanceof Map<?, ?> data) || data.values().stream().allMatch(Objects::isNull);
    }
}
