package id.terpadu.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;

/** The {@code Date} and {@code DateTime} scalars of the schema, in ISO-8601. */
final class Scalars {

    static final GraphQLScalarType DATE = isoScalar("Date", "a date like 2025-01-31", LocalDate.class, LocalDate::parse);
    static final GraphQLScalarType DATE_TIME = isoScalar("DateTime", "an instant like 2025-01-31T08:15:00Z",
            OffsetDateTime.class, OffsetDateTime::parse);

    private Scalars() {
    }

    private static <T> GraphQLScalarType isoScalar(String name, String expected, Class<T> type, Function<String, T> parser) {
        return GraphQLScalarType.newScalar()
                .name(name)
                .description("ISO-8601: " + expected)
                .coercing(new Coercing<T, String>() {
                    @Override
                    public String serialize(Object value, GraphQLContext context, Locale locale) {
                        if (type.isInstance(value)) {
                            return value.toString();
                        }
                        throw new CoercingSerializeException("Not a " + name + ": " + value.getClass().getSimpleName());
                    }

                    @Override
                    public T parseValue(Object input, GraphQLContext context, Locale locale) {
                        if (input instanceof String text) {
                            return parse(text, CoercingParseValueException::new);
                        }
                        throw new CoercingParseValueException("Expected " + expected);
                    }

                    @Override
                    public T parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                        if (input instanceof StringValue text) {
                            return parse(text.getValue(), CoercingParseLiteralException::new);
                        }
                        throw new CoercingParseLiteralException("Expected " + expected);
                    }

                    private T parse(String text, Function<String, RuntimeException> error) {
                        try {
                            return parser.apply(text);
                        } catch (DateTimeParseException e) {
                            throw error.apply("'" + text + "' is not " + expected);
                        }
                    }
                })
                .build();
    }
}
