package id.terpadu.access;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import id.terpadu.TestIdentities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.DynamicContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The role × field matrix, generated from {@code schema/access-policy.yml} and the hub's live
 * schema: for every role of the policy (each as its demo user, whose name is the role's) and every
 * type, field, filter field, mutation and restricted input field, what the caller sees and may do
 * is exactly what the policy grants. A field or mutation added to the schema joins the matrix by
 * itself; a mutation added without a harmless input below fails here until it gets one.
 */
class PolicyMatrixTest extends AccessTest {

    private static final PolicyFile POLICY = PolicyFile.read();

    @Autowired
    private GraphQlSource graphQlSource;

    @TestFactory
    Stream<DynamicContainer> introspectionShowsEachRoleExactlyTheFieldsItReads() {
        List<GraphQLFieldsContainer> types = schemaTypes(GraphQLFieldsContainer.class);
        return POLICY.roles().stream().map(role -> dynamicContainer(role, types.stream().map(type ->
                dynamicTest(type.getName(), () -> {
                    Answer answer = ask(role, "query($name: String!) { __type(name: $name) { name fields { name } } }",
                            "name", type.getName());
                    assertThat(answer.errors()).as(answer.body()).isEmpty();
                    Stream<String> all = type.getFieldDefinitions().stream().map(GraphQLFieldDefinition::getName);
                    List<String> expected = type.getName().equals("Mutation")
                            ? all.filter(mutation -> POLICY.writers(mutation).contains(role)).toList()
                            : granted(role, type.getName(), all);
                    if (expected.isEmpty()) {
                        // a type of which the role reads nothing does not exist for it, not even by name
                        assertThat(answer.<Object>data("__type")).as("%s shown to %s", type.getName(), role).isNull();
                        return;
                    }
                    assertThat(answer.<String>data("__type.name")).isEqualTo(type.getName());
                    List<String> shown = answer.data("__type.fields[*].name");
                    assertThat(shown).as("fields of %s shown to %s", type.getName(), role)
                            .containsExactlyInAnyOrderElementsOf(expected);
                }))));
    }

    @TestFactory
    Stream<DynamicContainer> introspectionShowsEachRoleExactlyTheFilterFieldsItReads() {
        List<GraphQLInputObjectType> inputs = schemaTypes(GraphQLInputObjectType.class);
        return POLICY.roles().stream().map(role -> dynamicContainer(role, inputs.stream().map(input ->
                dynamicTest(input.getName(), () -> {
                    Answer answer = ask(role, "query($name: String!) { __type(name: $name) { inputFields { name } } }",
                            "name", input.getName());
                    assertThat(answer.errors()).as(answer.body()).isEmpty();
                    Stream<String> all = input.getFieldDefinitions().stream().map(GraphQLInputObjectField::getName);
                    // inputs the read policy does not name are mutation inputs: whole for the roles that run a
                    // mutation taking them (the write policy decides about their fields), absent for the others
                    List<String> expected = POLICY.coversType(input.getName()) ? granted(role, input.getName(), all)
                            : takenByAFieldOf(role, input.getName()) ? all.toList() : List.of();
                    if (expected.isEmpty()) {
                        assertThat(answer.<Object>data("__type")).as("%s shown to %s", input.getName(), role).isNull();
                        return;
                    }
                    assertThat(answer.<List<String>>data("__type.inputFields[*].name"))
                            .as("input fields of %s shown to %s", input.getName(), role)
                            .containsExactlyInAnyOrderElementsOf(expected);
                }))));
    }

    /**
     * Whether a root field the role may use (a query or subscription it reads, a mutation it may run)
     * takes this input type, directly or inside another input.
     */
    private boolean takenByAFieldOf(String role, String inputType) {
        GraphQLSchema schema = graphQlSource.schema();
        Stream<GraphQLFieldDefinition> usable = Stream.of(
                schema.getQueryType().getFieldDefinitions().stream()
                        .filter(field -> POLICY.readers("Query", field.getName()).contains(role)),
                schema.getSubscriptionType().getFieldDefinitions().stream()
                        .filter(field -> POLICY.readers("Subscription", field.getName()).contains(role)),
                schema.getMutationType().getFieldDefinitions().stream()
                        .filter(mutation -> POLICY.writers(mutation.getName()).contains(role)))
                .flatMap(fields -> fields);
        return usable.flatMap(field -> field.getArguments().stream())
                .anyMatch(argument -> contains(GraphQLTypeUtil.unwrapAll(argument.getType()), inputType, new java.util.HashSet<>()));
    }

    private static boolean contains(GraphQLNamedType type, String inputType, Set<String> seen) {
        if (type.getName().equals(inputType)) {
            return true;
        }
        return type instanceof GraphQLInputObjectType input && seen.add(input.getName())
                && input.getFieldDefinitions().stream()
                .anyMatch(field -> contains(GraphQLTypeUtil.unwrapAll(field.getType()), inputType, seen));
    }

    @TestFactory
    Stream<DynamicContainer> eachMutationIsForbiddenExactlyToTheRolesThePolicyDenies() {
        List<GraphQLFieldDefinition> mutations = graphQlSource.schema().getMutationType().getFieldDefinitions();
        return POLICY.roles().stream().map(role -> dynamicContainer(role, mutations.stream().map(mutation ->
                dynamicTest(mutation.getName(), () -> {
                    Answer answer = runHarmlessly(role, mutation, Map.of());
                    boolean allowed = POLICY.writers(mutation.getName()).contains(role);
                    if (allowed && REPORTED_PER_ROW.contains(mutation.getName())) {
                        // allowed: it runs, and reports the unknown person in its row instead of failing
                        assertThat(answer.errors()).as(answer.body()).isEmpty();
                        assertThat(answer.hasData()).as(answer.body()).isTrue();
                        return;
                    }
                    if (allowed) {
                        // allowed: it runs, and finds nothing to change
                        assertThat(answer.classifications()).as(answer.body()).containsExactly("NOT_FOUND");
                    } else {
                        assertThat(answer.classifications()).as(answer.body()).containsExactly("FORBIDDEN");
                        assertThat(answer.<List<String>>at("$.errors[0].path")).containsExactly(mutation.getName());
                        // also when it asks for a field of a result the role may not read: refused, not "undefined"
                        Answer withResultField = runHarmlessly(role, mutation, Map.of(), firstScalarField(mutation));
                        assertThat(withResultField.classifications()).as(withResultField.body()).containsExactly("FORBIDDEN");
                        assertThat(withResultField.hasData()).as(withResultField.body()).isFalse();
                    }
                    assertThat(answer.hasData()).as(answer.body()).isFalse();
                }))));
    }

    /** The first field of a mutation's result type that holds a plain value. */
    private static String firstScalarField(GraphQLFieldDefinition mutation) {
        GraphQLFieldsContainer result = (GraphQLFieldsContainer) GraphQLTypeUtil.unwrapAll(mutation.getType());
        return result.getFieldDefinitions().stream()
                .filter(field -> GraphQLTypeUtil.isLeaf(GraphQLTypeUtil.unwrapAll(field.getType())))
                .filter(field -> field.getArguments().isEmpty())
                .map(GraphQLFieldDefinition::getName)
                .findFirst().orElseThrow();
    }

    @TestFactory
    Stream<DynamicContainer> restrictedInputFieldsAreForbiddenExactlyToTheRolesThePolicyDenies() {
        GraphQLFieldsContainer mutationType = graphQlSource.schema().getMutationType();
        return POLICY.restrictedInputFields().entrySet().stream().flatMap(restricted -> restricted.getValue().stream()
                .map(field -> dynamicContainer(restricted.getKey() + ".input." + field, POLICY.roles().stream().map(role ->
                        dynamicTest(role, () -> {
                            String coordinate = restricted.getKey() + "." + field;
                            assertThat(RESTRICTED_VALUES).as("a harmless value for %s", coordinate).containsKey(coordinate);
                            Answer answer = runHarmlessly(role, mutationType.getFieldDefinition(restricted.getKey()),
                                    Map.of(field, RESTRICTED_VALUES.get(coordinate)));
                            if (!POLICY.writers(restricted.getKey()).contains(role)) {
                                assertThat(answer.classifications()).as(answer.body()).containsExactly("FORBIDDEN");
                            } else if (POLICY.writers(restricted.getKey(), field).contains(role)) {
                                assertThat(answer.classifications()).as(answer.body()).containsExactly("NOT_FOUND");
                            } else {
                                assertThat(answer.classifications()).as(answer.body()).containsExactly("FORBIDDEN");
                                assertThat(answer.errorFields()).containsExactly("input." + field);
                            }
                            assertThat(answer.hasData()).as(answer.body()).isFalse();
                        })))));
    }

    /**
     * One real read of every facet per role, through the path a client takes, on a household that
     * has every facet: the role gets the stored value when the policy grants every field on the
     * path, and a validation error and no data otherwise.
     */
    @TestFactory
    Stream<DynamicContainer> eachRoleReadsExactlyTheFacetsItIsGranted() {
        Facets facets = householdWithEveryFacet();
        List<FacetRead> reads = List.of(
                new FacetRead("Household.address", "query($kk: String!) { household(kk: $kk) { address } }",
                        "household.address", List.of("Query.household", "Household.address"),
                        role -> facets.household().address()),
                new FacetRead("Household.kkHistory", "query($kk: String!) { household(kk: $kk) { kkHistory { reason } } }",
                        "household.kkHistory[0].reason", List.of("Query.household", "Household.kkHistory", "KkChange.reason"),
                        role -> "Split from the parents' card"),
                new FacetRead("Household.social", "query($kk: String!) { household(kk: $kk) { social { decile cluster { code } } } }",
                        "household.social.decile", List.of("Query.household", "Household.social", "SocialFacet.decile",
                        "SocialFacet.cluster", "Cluster.code"), role -> 2),
                new FacetRead("Household.housing", "query($kk: String!) { household(kk: $kk) { housing { rtlhStatus } } }",
                        "household.housing.rtlhStatus", List.of("Query.household", "Household.housing", "HousingFacet.rtlhStatus"),
                        role -> "UNFIT"),
                new FacetRead("Household.benefits", "query($kk: String!) { household(kk: $kk) { benefits { programme { code } } } }",
                        "household.benefits[*].programme.code", List.of("Query.household", "Household.benefits",
                        "Benefit.programme", "Programme.code"), role -> readable(role, Set.of("PKH", "RTLH"))),
                new FacetRead("Member.health", "query($kk: String!) { household(kk: $kk) { members { relationship health { segment } } } }",
                        "household.members[0].health.segment", List.of("Query.household", "Household.members",
                        "Member.relationship", "Member.health", "HealthFacet.segment"), role -> "PBI_APBD"),
                new FacetRead("Member.education", "query($nik: String!) { member(nik: $nik) { education { schoolStatus } } }",
                        "member.education.schoolStatus", List.of("Query.member", "Member.education", "EducationFacet.schoolStatus"),
                        role -> "ENROLLED"),
                new FacetRead("Member.benefits", "query($nik: String!) { member(nik: $nik) { benefits { programme { code } } } }",
                        "member.benefits[*].programme.code", List.of("Query.member", "Member.benefits",
                        "Benefit.programme", "Programme.code"), role -> readable(role, Set.of("KIS_PBI", "PIP"))),
                new FacetRead("Member.moves", "query($nik: String!) { member(nik: $nik) { moves { reason from { id } } } }",
                        "member.moves[0].reason", List.of("Query.member", "Member.moves", "MemberMove.reason",
                        "MemberMove.from", "Household.id"), role -> "Married into the family"));
        return POLICY.roles().stream().map(role -> dynamicContainer(role, reads.stream().map(read ->
                dynamicTest(read.facet(), () -> {
                    String nik = read.facet().equals("Member.moves") ? facets.movedIn().nik() : facets.household().child().nik();
                    Answer answer = ask(role, read.document(), "kk", facets.household().kk(), "nik", nik);
                    if (read.path().stream().allMatch(coordinate -> readable(role, coordinate))) {
                        assertThat(answer.errors()).as(answer.body()).isEmpty();
                        Object expected = read.expected().apply(role);
                        if (expected instanceof Collection<?> codes) {
                            assertThat(answer.<List<Object>>data(read.dataPath())).as(answer.body())
                                    .containsExactlyInAnyOrderElementsOf(codes);
                        } else {
                            assertThat(answer.<Object>data(read.dataPath())).as(answer.body()).isEqualTo(expected);
                        }
                    } else {
                        assertThat(answer.classifications()).as(answer.body()).isNotEmpty().containsOnly("ValidationError");
                        assertThat(answer.hasData()).as(answer.body()).isFalse();
                    }
                }))));
    }

    @Test
    void accessPolicyQueryReturnsTheMatrixOfThePolicyFile() {
        Answer answer = ask("admin", """
                { accessPolicy {
                    roles { name readsBenefitsOf writesBenefitsOf }
                    fields { coordinate kind roles maskedFor } } }""");
        assertThat(answer.errors()).as(answer.body()).isEmpty();
        assertThat(answer.<List<String>>data("accessPolicy.roles[*].name")).containsExactlyElementsOf(POLICY.roles());
        assertThat(answer.<List<String>>data("accessPolicy.roles[?(@.name == 'perkim')].readsBenefitsOf[*]"))
                .containsExactly("RTLH");

        Map<String, Map<String, Object>> matrix = new LinkedHashMap<>();
        answer.<List<Map<String, Object>>>data("accessPolicy.fields")
                .forEach(entry -> matrix.put((String) entry.get("coordinate"), entry));
        GraphQLSchema schema = graphQlSource.schema();
        for (GraphQLFieldsContainer type : schemaTypes(GraphQLFieldsContainer.class)) {
            if (type.getName().equals("Mutation")) {
                continue;
            }
            for (GraphQLFieldDefinition field : type.getFieldDefinitions()) {
                String coordinate = type.getName() + "." + field.getName();
                assertThat(matrix).as(coordinate).containsKey(coordinate);
                assertThat(matrix.get(coordinate).get("kind")).isEqualTo("READ");
                assertThat(roles(matrix.get(coordinate))).as(coordinate)
                        .containsExactlyInAnyOrderElementsOf(POLICY.readers(type.getName(), field.getName()));
                Set<String> maskedFor = POLICY.maskedFields().contains(coordinate)
                        ? POLICY.readers(type.getName(), field.getName()).stream()
                                .filter(role -> !POLICY.unmaskedFor().contains(role)).collect(Collectors.toSet())
                        : Set.of();
                assertThat(maskedFor(matrix.get(coordinate))).as(coordinate)
                        .containsExactlyInAnyOrderElementsOf(maskedFor);
            }
        }
        for (GraphQLFieldDefinition mutation : schema.getMutationType().getFieldDefinitions()) {
            String coordinate = "Mutation." + mutation.getName();
            assertThat(matrix).as(coordinate).containsKey(coordinate);
            assertThat(matrix.get(coordinate).get("kind")).isEqualTo("WRITE");
            assertThat(roles(matrix.get(coordinate))).as(coordinate)
                    .containsExactlyInAnyOrderElementsOf(POLICY.writers(mutation.getName()));
        }
        assertThat(roles(matrix.get("Mutation.enrolBenefit.input.status")))
                .containsExactlyInAnyOrderElementsOf(POLICY.writers("enrolBenefit", "status"));
        assertThat(roles(matrix.get("HouseholdFilter.jknSegment")))
                .containsExactlyInAnyOrderElementsOf(POLICY.readers("HouseholdFilter", "jknSegment"));
    }

    @Test
    void accessPolicyIsForAdministratorsOnly() {
        for (String role : POLICY.roles()) {
            Answer answer = ask(role, "{ accessPolicy { roles { name } } }");
            if (role.equals("admin")) {
                assertThat(answer.errors()).as(answer.body()).isEmpty();
            } else {
                assertThat(answer.classifications()).as(role + ": " + answer.body()).containsExactly("ValidationError");
                assertThat(answer.hasData()).isFalse();
            }
        }
    }

    // --- the matrix's inputs

    /** For each restricted input field, a value that passes the schema and is harmless. */
    private static final Map<String, Object> RESTRICTED_VALUES = Map.of("enrolBenefit.status", "PROPOSED");

    /**
     * Runs a mutation with an input naming nothing that exists (a fresh KK or NIK, an unknown
     * village or benefit), so a role allowed to run it gets NOT_FOUND and nothing is written.
     */
    private Answer runHarmlessly(String role, GraphQLFieldDefinition mutation, Map<String, Object> extra) {
        return runHarmlessly(role, mutation, extra, "__typename");
    }

    private Answer runHarmlessly(String role, GraphQLFieldDefinition mutation, Map<String, Object> extra, String selection) {
        Function<String, Map<String, Object>> harmless = HARMLESS_INPUTS.get(mutation.getName());
        assertThat(harmless).as("a harmless input for the mutation %s", mutation.getName()).isNotNull();
        Map<String, Object> input = new LinkedHashMap<>(harmless.apply(role));
        input.putAll(extra);
        if (mutation.getArgument("input") == null) {
            // a mutation of plain arguments (approveChangeRequest(id:, reason:)): each harmless value is one argument
            List<Object> variables = new java.util.ArrayList<>();
            input.forEach((name, value) -> {
                variables.add(name);
                variables.add(value);
            });
            String declared = input.keySet().stream().map(name -> "$" + name + ": "
                    + GraphQLTypeUtil.simplePrint(mutation.getArgument(name).getType())).collect(Collectors.joining(", "));
            String passed = input.keySet().stream().map(name -> name + ": $" + name).collect(Collectors.joining(", "));
            return ask(role, "mutation(" + declared + ") { " + mutation.getName() + "(" + passed + ") { " + selection + " } }",
                    variables.toArray());
        }
        String inputType = GraphQLTypeUtil.simplePrint(mutation.getArgument("input").getType());
        return ask(role, "mutation($input: " + inputType + ") { " + mutation.getName() + "(input: $input) { " + selection + " } }",
                "input", input);
    }

    /** Mutations that answer unknown people row by row (in their data) instead of with NOT_FOUND. */
    private static final Set<String> REPORTED_PER_ROW = Set.of("updateJknStatuses");

    private static final Map<String, Function<String, Map<String, Object>>> HARMLESS_INPUTS = Map.ofEntries(
            Map.entry("registerHousehold", role -> Map.of("kk", TestIdentities.kk(), "villageCode", "51.06.01.2999",
                    "address", "Jalan Tidak Ada 1", "members", List.of(newHead()))),
            // a line to a village that does not exist
            Map.entry("recordRegionCrosswalk", role -> Map.of("entries", List.of(Map.of("bpsCode", "5106010000",
                    "regionCode", "51.06.01.2999")))),
            Map.entry("addMember", role -> Map.of("kk", TestIdentities.kk(), "expectedVersion", 1, "member", newHead())),
            Map.entry("updateHouseholdAddress", role -> Map.of("kk", TestIdentities.kk(), "expectedVersion", 1,
                    "villageCode", APUAN, "address", "Jalan Tidak Ada 1")),
            Map.entry("changeHouseholdKk", role -> Map.of("kk", TestIdentities.kk(), "expectedVersion", 1,
                    "newKk", TestIdentities.kk(), "reason", "Split")),
            Map.entry("moveMember", role -> Map.of("nik", freshNik(), "expectedVersion", 1, "toKk", TestIdentities.kk(),
                    "relationship", "CHILD", "movedOn", LocalDate.now().toString(), "reason", "Moved")),
            Map.entry("mergeMembers", role -> Map.of("keepNik", freshNik(), "keepExpectedVersion", 1,
                    "mergeNik", freshNik(), "mergeExpectedVersion", 1, "reason", "One person")),
            Map.entry("assignCluster", role -> Map.of("kk", TestIdentities.kk(), "expectedVersion", 0,
                    "cluster", "MELATI", "reason", "On the DTSEN list")),
            Map.entry("recordSocialAssessment", role -> Map.of("kk", TestIdentities.kk(), "expectedVersion", 0,
                    "povertyIndicators", List.of())),
            Map.entry("updateJknStatus", role -> Map.of("nik", freshNik(), "expectedVersion", 0,
                    "segment", "NONE", "active", false)),
            Map.entry("updateJknStatuses", role -> Map.of("source", "Matrix test list",
                    "rows", List.of(Map.of("nik", freshNik(), "segment", "NONE", "active", false)))),
            Map.entry("recordLocalVerification", role -> Map.of("kk", TestIdentities.kk(), "expectedVersion", 0,
                    "onLocalSurvey", true)),
            Map.entry("recordHousingCondition", role -> Map.of("kk", TestIdentities.kk(), "expectedVersion", 0,
                    "rtlhStatus", "UNFIT")),
            Map.entry("updateSchoolStatus", role -> Map.of("nik", freshNik(), "expectedVersion", 0,
                    "schoolStatus", "ENROLLED", "pipRecipient", false)),
            Map.entry("enrolBenefit", PolicyMatrixTest::harmlessEnrolment),
            Map.entry("stopBenefit", role -> Map.of("id", Base64.getUrlEncoder().withoutPadding()
                            .encodeToString("Benefit:999999999999".getBytes(StandardCharsets.UTF_8)),
                    "expectedVersion", 1, "stoppedOn", LocalDate.now().toString(), "reason", "Left poverty")),
            Map.entry("recordProgrammeOutcome", role -> Map.of("benefitId", unknown("Benefit"), "expectedVersion", 1,
                    "result", "COMPLETED_WORKING", "date", LocalDate.now().minusDays(1).toString())),
            Map.entry("defineExclusionRule", role -> Map.of("code", "MATRIX_RULE", "programme", "RASKIN",
                    "excludedProgramme", "PKH", "description", "No such programme")),
            Map.entry("defineEligibilityRule", role -> Map.of("code", "MATRIX_RULE", "programme", "RASKIN",
                    "kind", "MAX_DECILE", "maxDecile", 4, "description", "No such programme")),
            Map.entry("retireAidRule", role -> Map.of("code", "NO_SUCH_RULE")),
            Map.entry("openVerificationRound", role -> Map.of("name", "Matrix " + TestIdentities.kk(), "year", 2030,
                    "previous", "No such round")),
            Map.entry("recordVerificationResult", role -> Map.of("round", "No such round", "kk", TestIdentities.kk(),
                    "result", "STILL_POOR", "persons", 3)),
            Map.entry("closeVerificationRound", role -> Map.of("round", "No such round")),
            Map.entry("proposeRegistration", role -> Map.of("household", Map.of("kk", TestIdentities.kk(),
                    "villageCode", "51.06.01.2999", "address", "Jalan Tidak Ada 1", "members", List.of(newHead())),
                    "reason", "Musdes")),
            Map.entry("proposeMember", role -> Map.of("kk", TestIdentities.kk(), "expectedVersion", 1, "member", newHead(),
                    "reason", "Birth")),
            Map.entry("proposeBenefit", PolicyMatrixTest::harmlessEnrolment),
            Map.entry("proposeBenefitStop", role -> Map.of("benefitId", Base64.getUrlEncoder().withoutPadding()
                            .encodeToString("Benefit:999999999999".getBytes(StandardCharsets.UTF_8)),
                    "expectedVersion", 1, "stoppedOn", LocalDate.now().toString(), "reason", "Left poverty")),
            Map.entry("proposeIdentityCorrection", role -> Map.of("nik", freshNik(), "expectedVersion", 1, "name", "Ketut",
                    "reason", "KTP")),
            Map.entry("proposeHeadChange", role -> Map.of("kk", TestIdentities.kk(), "expectedVersion", 1,
                    "newHeadMemberId", unknown("Member"), "relationships", List.of(), "reason", "Head left")),
            Map.entry("proposeDeath", role -> Map.of("nik", freshNik(), "expectedVersion", 1,
                    "diedOn", LocalDate.now().toString(), "reason", "Death certificate")),
            Map.entry("proposeMove", role -> Map.of("nik", freshNik(), "expectedVersion", 1, "toKk", TestIdentities.kk(),
                    "relationship", "CHILD", "movedOn", LocalDate.now().toString(), "reason", "Moved")),
            Map.entry("proposeSplit", role -> Map.of("kk", TestIdentities.kk(), "expectedVersion", 1, "newKk", TestIdentities.kk(),
                    "members", List.of(), "splitOn", LocalDate.now().toString(), "reason", "Married")),
            Map.entry("proposeDissolution", role -> Map.of("kk", TestIdentities.kk(), "expectedVersion", 1, "reason", "Moved away")),
            Map.entry("approveChangeRequest", role -> Map.of("id", unknown("ChangeRequest"), "reason", "Checked")),
            Map.entry("rejectChangeRequest", role -> Map.of("id", unknown("ChangeRequest"), "reason", "Not poor")),
            Map.entry("withdrawChangeRequest", role -> Map.of("id", unknown("ChangeRequest"), "reason", "Mistake")),
            // the service desk and the family's card: a request, a kind, a household or a card that does not exist
            Map.entry("openServiceRequest", role -> Map.of("kind", "NO_SUCH_KIND", "reporterNik", freshNik(),
                    "reporterName", "Tidak Ada", "reporterBirthDate", "1980-05-17", "description", "Matrix test")),
            Map.entry("referServiceRequest", role -> Map.of("id", unknown("ServiceRequest"), "expectedVersion", 1, "agency", "DINKES")),
            Map.entry("acceptServiceRequest", role -> Map.of("id", unknown("ServiceRequest"), "expectedVersion", 1)),
            Map.entry("returnServiceRequest", role -> Map.of("id", unknown("ServiceRequest"), "expectedVersion", 1, "note", "Not ours")),
            Map.entry("resolveServiceRequest", role -> Map.of("id", unknown("ServiceRequest"), "expectedVersion", 1,
                    "outcome", "ANSWERED", "note", "Answered")),
            Map.entry("proposeServiceRequestChange", role -> Map.of("id", unknown("ServiceRequest"), "expectedVersion", 1,
                    "correction", Map.of("name", "Ketut"), "reason", "KTP")),
            Map.entry("escalateOverdueServiceRequests", role -> Map.of("kind", "NO_SUCH_KIND")),
            Map.entry("setServiceLevel", role -> Map.of("kind", "NO_SUCH_KIND", "serviceHours", 24)),
            Map.entry("issueCard", role -> Map.of("householdId", unknown("Household"))),
            Map.entry("revokeCard", role -> Map.of("id", unknown("FamilyCard"), "expectedVersion", 1, "reason", "Lost")));

    private static String unknown(String type) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((type + ":999999999999").getBytes(StandardCharsets.UTF_8));
    }

    /** An enrolment in a programme the role enrols in (so only the unknown KK or NIK stops it). */
    private static Map<String, Object> harmlessEnrolment(String role) {
        String programme = switch (role) {
            case "dinkes" -> "KIS_PBI";
            case "perkim" -> "RTLH";
            case "disdik" -> "PIP";
            case "desa" -> "BLT_DD";
            default -> "PKH";
        };
        boolean member = programme.equals("KIS_PBI") || programme.equals("PIP");
        return Map.of("programme", programme, member ? "nik" : "kk", member ? freshNik() : TestIdentities.kk(),
                "startsOn", LocalDate.now().toString(), "reason", "Proposed in the matrix test");
    }

    private static String freshNik() {
        return TestIdentities.nik(false, LocalDate.of(1980, 5, 17));
    }

    private static Map<String, Object> newHead() {
        LocalDate birth = LocalDate.of(1975, 3, 9);
        return member(TestIdentities.nik(false, birth), "Ketut Tidak Ada", "MALE", birth, "HEAD");
    }

    // --- the facets' household

    private record FacetRead(String facet, String document, String dataPath, List<String> path,
                             Function<String, Object> expected) {
    }

    private record Facets(Household household, Person movedIn) {
    }

    /** A household in Apuan (so the village operator sees it) with every facet, benefit, KK change and move. */
    private Facets householdWithEveryFacet() {
        String name = uniqueName();
        Household registered = register(APUAN, name);
        Household other = register(APUAN, uniqueName());
        asUptpk("""
                mutation($kk: String!) {
                  assignCluster(input: {kk: $kk, expectedVersion: 0, cluster: "MELATI", reason: "On the DTSEN list"}) { version }
                }""", "kk", registered.kk());
        asUptpk("""
                mutation($kk: String!) {
                  recordSocialAssessment(input: {kk: $kk, expectedVersion: 1, decile: 2, decileQuarter: "2025Q3",
                                                 povertyIndicators: [EARTH_FLOOR, NO_SAVINGS]}) { version }
                }""", "kk", registered.kk());
        asUptpk("""
                mutation($kk: String!) {
                  recordHousingCondition(input: {kk: $kk, expectedVersion: 0, floor: EARTH, rtlhStatus: UNFIT}) { version }
                }""", "kk", registered.kk());
        asUptpk("""
                mutation($nik: String!) {
                  updateJknStatus(input: {nik: $nik, expectedVersion: 0, jknNumber: "0001234567890",
                                          segment: PBI_APBD, active: true}) { version }
                }""", "nik", registered.head().nik());
        asUptpk("""
                mutation($nik: String!) {
                  updateSchoolStatus(input: {nik: $nik, expectedVersion: 0, schoolStatus: ENROLLED, schoolLevel: SD,
                                             pipRecipient: true}) { version }
                }""", "nik", registered.child().nik());
        enrol("PKH", registered.kk(), null);
        enrol("RTLH", registered.kk(), null);
        enrol("KIS_PBI", null, registered.child().nik());
        enrol("PIP", null, registered.child().nik());
        String newKk = TestIdentities.kk();
        asUptpk("""
                mutation($kk: String!, $newKk: String!) {
                  changeHouseholdKk(input: {kk: $kk, expectedVersion: 1, newKk: $newKk, reason: "Split from the parents' card"}) { version }
                }""", "kk", registered.kk(), "newKk", newKk);
        asUptpk("""
                mutation($nik: String!, $toKk: String!, $today: Date!) {
                  moveMember(input: {nik: $nik, expectedVersion: 1, toKk: $toKk, relationship: OTHER_RELATIVE,
                                     movedOn: $today, reason: "Married into the family"}) { version }
                }""", "nik", other.head().nik(), "toKk", newKk, "today", LocalDate.now().toString());
        Household household = new Household(registered.id(), newKk, APUAN, name, registered.head(), registered.child());
        return new Facets(household, other.head());
    }

    // --- the policy

    private static boolean readable(String role, String coordinate) {
        int dot = coordinate.indexOf('.');
        return POLICY.readers(coordinate.substring(0, dot), coordinate.substring(dot + 1)).contains(role);
    }

    /** The programmes among these whose benefits the role reads. */
    private static Set<String> readable(String role, Set<String> programmes) {
        List<String> read = POLICY.benefitsRead(role);
        return read.contains("*") ? programmes
                : programmes.stream().filter(read::contains).collect(Collectors.toSet());
    }

    private static List<String> granted(String role, String type, Stream<String> fields) {
        return fields.filter(field -> POLICY.readers(type, field).contains(role)).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> roles(Map<String, Object> access) {
        return (List<String>) access.get("roles");
    }

    @SuppressWarnings("unchecked")
    private static List<String> maskedFor(Map<String, Object> access) {
        return (List<String>) access.get("maskedFor");
    }

    private <T> List<T> schemaTypes(Class<T> kind) {
        return graphQlSource.schema().getAllTypesAsList().stream()
                .filter(kind::isInstance)
                .filter(type -> !type.getName().startsWith("__"))
                .sorted(Comparator.comparing(GraphQLNamedType::getName))
                .map(kind::cast)
                .toList();
    }
}
