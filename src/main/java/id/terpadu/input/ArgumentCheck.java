package id.terpadu.input;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import id.terpadu.graphql.Scalars;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Walks the coerced arguments of one field, into input objects and lists, and checks every text,
 * number and date by its type and field name. Paths are written as the services write them:
 * the argument, then {@code .field} and {@code [index]} ({@code input.members[0].name}).
 */
final class ArgumentCheck {

    private final List<InputRefusal> refusals;

    private ArgumentCheck(List<InputRefusal> refusals) {
        this.refusals = refusals;
    }

    /** Adds to {@code refusals} what the arguments of this field break. */
    static void check(GraphQLFieldDefinition field, Map<String, Object> arguments, List<InputRefusal> refusals) {
        ArgumentCheck check = new ArgumentCheck(refusals);
        arguments.forEach((name, value) -> {
            GraphQLArgument argument = field.getArgument(name);
            if (argument != null) {
                check.value(name, name, field.getName() + "." + name, argument.getType(), value);
            }
        });
    }

    private void value(String path, String name, String coordinate, GraphQLInputType type, Object value) {
        if (value == null) {
            return;
        }
        boolean required = type instanceof GraphQLNonNull;
        GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(type);
        switch (bare) {
            case GraphQLList list when value instanceof List<?> items -> {
                for (int i = 0; i < items.size(); i++) {
                    value(path + "[" + i + "]", name, coordinate, (GraphQLInputType) list.getWrappedType(), items.get(i));
                }
            }
            case GraphQLInputObjectType object when value instanceof Map<?, ?> fields -> fields.forEach((key, fieldValue) -> {
                GraphQLInputObjectField field = object.getField(key.toString());
                if (field != null) {
                    value(path + "." + key, field.getName(), object.getName() + "." + field.getName(), field.getType(), fieldValue);
                }
            });
            case GraphQLEnumType ignored -> {
                // coercion admitted one of the enum's values
            }
            default -> leaf(path, name, coordinate, required, value).ifPresent(refusals::add);
        }
    }

    private static Optional<InputRefusal> leaf(String path, String name, String coordinate, boolean required, Object value) {
        return switch (value) {
            case String text -> TextCheck.check(path, text, TextRule.of(name), required);
            case Double number -> NumberRule.check(path, coordinate, number);
            case LocalDate date -> Scalars.withinCalendar(date) ? Optional.empty() : Optional.of(outsideCalendar(path, date.toString()));
            case OffsetDateTime instant -> Scalars.withinCalendar(instant.toLocalDate())
                    ? Optional.empty() : Optional.of(outsideCalendar(path, instant.toString()));
            default -> Optional.empty();
        };
    }

    private static InputRefusal outsideCalendar(String path, String value) {
        return new InputRefusal(path, "calendar", path + " is " + value + "; the hub takes dates from "
                + Scalars.FIRST_DAY + " to " + Scalars.LAST_DAY + ".",
                Map.of("minimum", Scalars.FIRST_DAY.toString(), "maximum", Scalars.LAST_DAY.toString()));
    }
}
