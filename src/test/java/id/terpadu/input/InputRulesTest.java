package id.terpadu.input;

import id.terpadu.Fast;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.ObjectTypeDefinition;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The input rules against the schema files, without a server: a {@code Float} input field added
 * without a range, or a field with a text limit of its own whose description does not tell the
 * limit, fails here.
 */
@Fast
class InputRulesTest {

    @Test
    void everyFloatInputFieldHasARange() throws IOException {
        TypeDefinitionRegistry schema = schema();
        List<String> floats = new ArrayList<>();
        inputFields(schema).forEach(field -> {
            if (named(field.value().getType()).equals("Float")) {
                floats.add(field.coordinate());
            }
        });
        assertThat(floats).isNotEmpty().allSatisfy(coordinate ->
                assertThat(NumberRule.of(coordinate)).as("the range of %s", coordinate).isPresent());
        for (ObjectTypeDefinition type : schema.getTypes(ObjectTypeDefinition.class)) {
            for (FieldDefinition field : type.getFieldDefinitions()) {
                assertThat(field.getInputValueDefinitions()).as("arguments of %s.%s", type.getName(), field.getName())
                        .noneMatch(argument -> named(argument.getType()).equals("Float"));
            }
        }
    }

    @Test
    void aFieldWithATextLimitOfItsOwnTellsItInItsDescription() throws IOException {
        inputFields(schema()).filter(field -> named(field.value().getType()).equals("String")).forEach(field -> {
            TextRule rule = TextRule.of(field.value().getName());
            if (rule.maxLength() != TextRule.DEFAULT.maxLength()) {
                assertThat(field.value().getDescription()).as("description of %s", field.coordinate()).isNotNull();
                assertThat(field.value().getDescription().getContent()).as("description of %s", field.coordinate())
                        .containsPattern("(up to|at most) [0-9,]+ characters");
            }
        });
    }

    @Test
    void invisibleOnlyTextIsBlankButAnyVisibleCharacterIsNot() {
        TextRule name = TextRule.of("name");
        assertThat(TextCheck.check("name", "\u200B\u2060\u3164", name, false)).hasValueSatisfying(refusal ->
                assertThat(refusal.rule()).isEqualTo("blank"));
        assertThat(TextCheck.check("name", "   ", name, true)).hasValueSatisfying(refusal ->
                assertThat(refusal.rule()).isEqualTo("blank"));
        // an optional text of spaces means none: the services read it so
        assertThat(TextCheck.check("note", "  ", TextRule.of("note"), false)).isEmpty();
        assertThat(TextCheck.check("name", "\u200BI Gusti\u200D", name, true)).isEmpty();
    }

    @Test
    void textIsNormalisedToFormC() {
        assertThat(Nfc.text("Rene\u0301e")).isEqualTo("Ren\u00E9e");
        assertThat(Nfc.variables(java.util.Map.of("input", java.util.Map.of("names", List.of("Jose\u0301")))))
                .isEqualTo(java.util.Map.of("input", java.util.Map.of("names", List.of("Jos\u00E9"))));
    }

    private record InputField(String coordinate, InputValueDefinition value) {
    }

    private static Stream<InputField> inputFields(TypeDefinitionRegistry schema) {
        List<InputField> fields = new ArrayList<>();
        schema.getTypes(InputObjectTypeDefinition.class).forEach(type -> type.getInputValueDefinitions()
                .forEach(field -> fields.add(new InputField(type.getName() + "." + field.getName(), field))));
        schema.inputObjectTypeExtensions().forEach((name, extensions) -> extensions.forEach(extension ->
                extension.getInputValueDefinitions().forEach(field -> fields.add(new InputField(name + "." + field.getName(), field)))));
        return fields.stream();
    }

    private static String named(Type<?> type) {
        return switch (type) {
            case NonNullType nonNull -> named(nonNull.getType());
            case ListType list -> named(list.getType());
            case TypeName name -> name.getName();
            default -> throw new IllegalArgumentException(type.toString());
        };
    }

    private static TypeDefinitionRegistry schema() throws IOException {
        TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
        try (Stream<Path> files = Files.list(Path.of("schema"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".graphqls")).sorted().toList()) {
                registry.merge(new SchemaParser().parse(file.toFile()));
            }
        }
        return registry;
    }
}
