package id.terpadu.db.codes;

import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import id.terpadu.Fast;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GraphQL contract's enums and the code lists generated from the migrations hold the same values,
 * so a value added to one and not the other fails here, not at a clerk's request. Every enum of either
 * side is accounted for: shared, or declared as the contract's or the database's own. Runs without a
 * database or server.
 */
@Fast
class CodesMatchSchemaTest {

    /** Enums of the contract that are not stored codes: computed answers, orderings, policy terms. */
    private static final Set<String> CONTRACT_ONLY = Set.of("AccessKind", "ClusterFactKind", "Direction",
            "DuplicateReason", "HouseholdOrderField", "IdentityNumberKind", "JknStatusOutcome", "RegionLevel");
    /** Code lists the contract shows as plain strings. */
    private static final Set<String> DATABASE_ONLY = Set.of("SourceList");

    @Test
    void everyCodeListSharedWithTheContractHoldsTheSchemaEnumsValues() throws IOException {
        Map<String, List<String>> schemaEnums = schemaEnums();
        for (Class<?> codes : generatedEnums()) {
            if (DATABASE_ONLY.contains(codes.getSimpleName())) {
                assertThat(schemaEnums).as("%s is declared the database's own", codes.getSimpleName())
                        .doesNotContainKey(codes.getSimpleName());
                continue;
            }
            assertThat(schemaEnums).as("a GraphQL enum for the code list %s", codes.getSimpleName())
                    .containsKey(codes.getSimpleName());
            assertThat(Arrays.stream(codes.getEnumConstants()).map(value -> ((Enum<?>) value).name()))
                    .as("values of %s in the schema and the migrations", codes.getSimpleName())
                    .containsExactlyInAnyOrderElementsOf(schemaEnums.get(codes.getSimpleName()));
        }
    }

    @Test
    void everySchemaEnumIsACodeListOrTheContractsOwn() throws IOException {
        Set<String> generated = generatedEnums().stream().map(Class::getSimpleName).collect(Collectors.toSet());
        assertThat(generated).contains("Relationship", "Sex", "HouseholdStatus", "BenefitStatus", "JknSegment",
                "ProgrammeTarget", "RtlhStatus", "VerificationOutcome", "PbiFunding");
        for (String schemaEnum : schemaEnums().keySet()) {
            assertThat(generated.contains(schemaEnum) || CONTRACT_ONLY.contains(schemaEnum))
                    .as("%s is generated from a CHECK constraint or declared the contract's own", schemaEnum)
                    .isTrue();
        }
        assertThat(generated).doesNotContainAnyElementsOf(CONTRACT_ONLY);
    }

    private static Map<String, List<String>> schemaEnums() throws IOException {
        TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
        try (Stream<Path> files = Files.list(Path.of("schema"))) {
            for (Path file : files.filter(file -> file.toString().endsWith(".graphqls")).toList()) {
                registry.merge(new SchemaParser().parse(Files.readString(file)));
            }
        }
        return registry.getTypes(EnumTypeDefinition.class).stream().collect(Collectors.toMap(EnumTypeDefinition::getName,
                definition -> definition.getEnumValueDefinitions().stream().map(EnumValueDefinition::getName).toList()));
    }

    private static List<Class<?>> generatedEnums() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(Enum.class));
        return scanner.findCandidateComponents(CodesMatchSchemaTest.class.getPackageName()).stream()
                .map(BeanDefinition::getBeanClassName)
                .<Class<?>>map(CodesMatchSchemaTest::load)
                .filter(Class::isEnum)
                .toList();
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
