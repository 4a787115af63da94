package id.terpadu.graphql;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import id.terpadu.error.Disclosable;
import id.terpadu.error.HubException;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal that ends a subscription (too many held at once, a subscriber too slow) reaches the
 * client in the shape of every other refusal: the classification, the field at fault, the details.
 * A subscription's stream knows no request to disclose data to, so a detail that only some callers
 * may read is left out.
 */
@Component
class SubscriptionRefusals extends SubscriptionExceptionResolverAdapter {

    @Override
    protected @Nullable GraphQLError resolveToSingleError(Throwable exception) {
        if (!(exception instanceof HubException refusal)) {
            return null;
        }
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (refusal.field() != null) {
            extensions.put("field", refusal.field());
        }
        refusal.details().forEach((key, value) -> {
            if (!(value instanceof Disclosable)) {
                extensions.put(key, value);
            }
        });
        return GraphqlErrorBuilder.newError()
                .errorType(refusal.classification())
                .message(refusal.getMessage())
                .extensions(extensions)
                .build();
    }
}
