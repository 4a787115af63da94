package id.terpadu.access;

import graphql.schema.Coercing;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import id.terpadu.Fast;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.graphql.execution.GraphQlSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema each combination of roles is served, built from the schema files and the policy
 * alone: what a role may not read, run or reach does not exist in it, types included.
 */
@Fast
class RoleSchemaTest {

    private static final PolicyScopedGraphQlSource SCOPED = new PolicyScopedGraphQlSource(fullSchema(), AccessPolicy.load(), java.util.List.of());

    @Test
    void thePlanningAgencyIsServedStatisticsAndReferenceDataAndNoHouseholdsOrMutations() {
        GraphQLSchema schema = SCOPED.schemaFor(Set.of("bappeda"));
        assertThat(schema.getType("RoundStatistics")).isNotNull();
        assertThat(schema.getType("Region")).isNotNull();
        for (String hidden : Set.of("Household", "Member", "HealthFacet", "Benefit", "AuditEntry", "RegisterHouseholdInput")) {
            assertThat(schema.getType(hidden)).as(hidden).isNull();
        }
        assertThat(schema.getMutationType()).isNull();
        assertThat(schema.getSubscriptionType()).isNull();
    }

    @Test
    void theHealthOfficeIsServedJknButNotTheHouseAndOnlyItsOwnMutations() {
        GraphQLSchema schema = SCOPED.schemaFor(Set.of("dinkes"));
        assertThat(schema.getType("HealthFacet")).isNotNull();
        assertThat(schema.getType("HousingFacet")).isNull();
        assertThat(schema.getType("RecordHousingConditionInput")).isNull();
        assertThat(((GraphQLFieldsContainer) schema.getType("Household")).getFieldDefinition("housing")).isNull();
        assertThat(schema.getMutationType().getFieldDefinition("updateJknStatus")).isNotNull();
        assertThat(schema.getMutationType().getFieldDefinition("registerHousehold")).isNull();
    }

    @Test
    void aTokenWithNoRoleOfTheHubIsServedNothingButAPlaceholder() {
        GraphQLSchema schema = SCOPED.schemaFor(Set.of());
        assertThat(schema.getQueryType().getFieldDefinitions()).extracting(field -> field.getName()).containsExactly("noAccess");
        assertThat(schema.getMutationType()).isNull();
        assertThat(schema.getType("Household")).isNull();
    }

    @Test
    void uptpkIsServedTheWholeSchema() {
        GraphQLSchema full = SCOPED.schema();
        GraphQLSchema served = SCOPED.schemaFor(Set.of("uptpk"));
        assertThat(served.getMutationType().getFieldDefinitions()).hasSameSizeAs(full.getMutationType().getFieldDefinitions());
        assertThat(served.getType("HousingFacet")).isNotNull();
        assertThat(served.getType("DoubleAidReport")).isNotNull();
    }

    /** The hub's schema from its files, with stand-ins for its scalars (this test reads its shape only). */
    static GraphQlSource fullSchema() {
        try (Stream<Path> files = Files.list(Path.of("schema"))) {
            Resource[] resources = files.filter(file -> file.toString().endsWith(".graphqls"))
                    .map(FileSystemResource::new).toArray(Resource[]::new);
            return GraphQlSource.schemaResourceBuilder()
                    .schemaResources(resources)
                    .configureRuntimeWiring(wiring -> wiring.scalar(scalar("Date")).scalar(scalar("DateTime")))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static GraphQLScalarType scalar(String name) {
        return GraphQLScalarType.newScalar().name(name).coercing(new Coercing<Object, Object>() {
        }).build();
    }
}
