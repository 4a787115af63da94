package id.terpadu.input;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.ResultPath;
import graphql.language.SourceLocation;
import id.terpadu.error.ErrorClassification;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One argument value the hub does not take: the input path at fault ({@code input.members[0].name},
 * as the services name it), a message a clerk can act on, the rule it breaks ({@code extensions.inputRule}) and its
 * figures.
 */
record InputRefusal(String field, String rule, String message, Map<String, Object> details) {

    InputRefusal(String field, String rule, String message) {
        this(field, rule, message, Map.of());
    }

    /** A BAD_REQUEST error at the field of the operation whose argument this is. */
    GraphQLError toError(ResultPath path, SourceLocation location) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("field", field);
        extensions.put("inputRule", rule);
        extensions.putAll(details);
        return GraphqlErrorBuilder.newError()
                .errorType(ErrorClassification.BAD_REQUEST)
                .message(message)
                .path(path)
                .location(location)
                .extensions(extensions)
                .build();
    }
}
