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
import graphql.schema.idl.ScalarWiringEnvironment;
import graphql.schema.idl.WiringFactory;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;

/**
 * The scalars of the schema: {@code Date} and {@code DateTime} in ISO-8601 within the years the
 * hub's records span, and {@code Float}, which lets a number beyond a double's range through as
 * infinity so that the input check refuses it with the field at fault.
 * <p>
 * The calendar bounds are checked by the input check ({@code id.terpadu.input}), not here: a
 * refusal thrown while a variable is coerced reaches the client as a validation error without the
 * input field, while the input check answers BAD_REQUEST naming it.
 */
public final class Scalars {

    /** The earliest date the hub takes: the oldest person alive was born after it. */
    public static final LocalDate FIRST_DAY = LocalDate.of(1900, 1, 1);
    /** The latest date the hub takes: no benefit period or plan reaches beyond it. */
    public static final LocalDate LAST_DAY = LocalDate.of(2100, 12, 31);

    private static final String CALENDAR = ", from " + FIRST_DAY + " to " + LAST_DAY;

    static final GraphQLScalarType DATE = isoScalar("Date", "a date like 2025-01-31", CALENDAR, LocalDate.class, LocalDate::parse);
    static final GraphQLScalarType DATE_TIME = isoScalar("DateTime", "an instant like 2025-01-31T08:15:00Z",
            " in the years " + FIRST_DAY.getYear() + " to " + LAST_DAY.getYear(), OffsetDateTime.class, OffsetDateTime::parse);
    static final GraphQLScalarType FLOAT = unboundedFloat();
    /** Provides {@link #FLOAT} in place of the built-in scalar of that name. */
    static final WiringFactory FLOAT_WIRING = new WiringFactory() {
        @Override
        public boolean providesScalar(ScalarWiringEnvironment environment) {
            return environment.getScalarTypeDefinition().getName().equals(FLOAT.getName());
        }

        @Override
        public GraphQLScalarType getScalar(ScalarWiringEnvironment environment) {
            return FLOAT;
        }
    };

    private Scalars() {
    }

    /** Whether a date lies within the calendar the hub takes. */
    public static boolean withinCalendar(LocalDate date) {
        return !date.isBefore(FIRST_DAY) && !date.isAfter(LAST_DAY);
    }

    private static <T> GraphQLScalarType isoScalar(String name, String expected, String range, Class<T> type,
                                                   Function<String, T> parser) {
        return GraphQLScalarType.newScalar()
                .name(name)
                .description("ISO-8601: " + expected + range + ".")
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

    /**
     * GraphQL's {@code Float}, except that a variable beyond a double's range ({@code 1e400}) is
     * taken as infinity, as a literal already is, instead of failing coercion without naming the
     * field; the input check refuses every number that is not finite.
     */
    @SuppressWarnings("unchecked")
    private static GraphQLScalarType unboundedFloat() {
        GraphQLScalarType builtIn = graphql.Scalars.GraphQLFloat;
        Coercing<Double, Double> standard = (Coercing<Double, Double>) builtIn.getCoercing();
        return builtIn.transform(scalar -> scalar.coercing(new Coercing<Double, Double>() {
            @Override
            public Double serialize(Object value, GraphQLContext context, Locale locale) {
                return standard.serialize(value, context, locale);
            }

            @Override
            public Double parseValue(Object input, GraphQLContext context, Locale locale) {
                if (input instanceof Number number && !Double.isFinite(number.doubleValue())) {
                    return number.doubleValue();
                }
                return standard.parseValue(input, context, locale);
            }

            @Override
            public Double parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                return standard.parseLiteral(input, variables, context, locale);
            }

            @Override
            public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
                return standard.valueToLiteral(input, context, locale);
            }
        }));
    }
}
