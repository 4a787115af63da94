package id.terpadu.access;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import id.terpadu.EligibleHouseholds;
import id.terpadu.TestIdentities;
import id.terpadu.Tokens;
import id.terpadu.imports.Uploads;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Every path by which data leaves the hub passes one gate. Two households are filled with
 * canaries, values no one else's data holds, one in each field that only some roles read (an
 * address, a card history, a cluster reason, JKN and KIP numbers, benefits of two programmes, a
 * merged record whose facets live on in its merge record); then every role asks every query and the
 * subscription, each with everything it may select, and the whole answer (data, errors and their
 * extensions) must hold no canary the role may not read and no whole NIK or KK the role sees
 * masked. A query or subscription field added to the schema fails {@link #everyPathIsProbed} until
 * it is probed here.
 */
class DisclosureGateTest extends AccessTest {

    private static final PolicyFile POLICY = PolicyFile.read();
    private static Fixture fixture;

    @Autowired
    private GraphQlSource graphQlSource;

    @Autowired
    private AccessPolicy policy;

    /** A value only one field of the data holds, and who may read it. */
    record Canary(String value, Predicate<String> readBy) {
    }

    /** The households, their canaries and whole numbers, and the feed's position before they were made. */
    record Fixture(String name, Household apuan, Household langgahan, List<Canary> canaries, List<String> wholeNumbers,
                   String cursorBefore, String pkhBenefitId, String importJobId, Desk desk) {
    }

    /** The service desk's part of the fixture: a complaint about Apuan's household, and that household's family card. */
    record Desk(String requestId, String requestNumber, String cardId, String cardToken) {
    }

    private Fixture fixture() {
        if (fixture == null) {
            fixture = build();
        }
        return fixture;
    }

    private Fixture build() {
        String cursorBefore = lastCursor();
        String name = uniqueName();
        Household apuan = register(APUAN, name + "a");
        Household langgahan = register(LANGGAHAN, name + "b");
        List<Canary> canaries = new ArrayList<>();
        List<String> whole = new ArrayList<>();
        for (Household household : List.of(apuan, langgahan)) {
            boolean inApuan = household == apuan;
            Predicate<String> seesRow = role -> inApuan || !role.equals("desa");
            String tag = name + (inApuan ? "a" : "b");
            canaries.add(new Canary(household.address(), readers("Household", "address").and(seesRow)));
            for (String number : List.of(household.kk(), household.head().nik(), household.child().nik())) {
                whole.add(number);
                // desa's region is Apuan: Langgahan's numbers do not exist for it, masked or whole
                canaries.add(new Canary(number, role -> seesRow.test(role) && POLICY.unmaskedFor().contains(role)));
            }

            String oldKk = household.kk();
            String newKk = TestIdentities.kk();
            ok("uptpk", "mutation($input: ChangeHouseholdKkInput!) { changeHouseholdKk(input: $input) { version } }",
                    "input", Map.of("householdId", household.id(), "expectedVersion", 1, "newKk", newKk, "reason", "Kartu pecah " + tag));
            whole.add(newKk);
            canaries.add(new Canary("Kartu pecah " + tag, readers("KkChange", "reason").and(seesRow)));

            EligibleHouseholds.qualify(dsl, newKk, null);
            ok("uptpk", "mutation($input: AssignClusterInput!) { assignCluster(input: $input) { version } }",
                    "input", Map.of("householdId", household.id(), "expectedVersion", 1, "cluster", "MELATI", "reason", "Alasan " + tag));
            canaries.add(new Canary("Alasan " + tag, readers("SocialFacet", "clusterReason").and(seesRow)));

            String jkn = "7" + digits(12);
            ok("uptpk", "mutation($input: UpdateJknStatusInput!) { updateJknStatus(input: $input) { version } }",
                    "input", Map.of("memberId", household.head().id(), "expectedVersion", 0, "jknNumber", jkn,
                            "segment", "PBPU", "active", true));
            canaries.add(new Canary(jkn, readers("HealthFacet", "jknNumber").and(seesRow)));

            String kip = "KIP" + tag.toUpperCase();
            ok("uptpk", "mutation($input: UpdateSchoolStatusInput!) { updateSchoolStatus(input: $input) { version } }",
                    "input", Map.of("memberId", household.child().id(), "expectedVersion", 0, "schoolStatus", "ENROLLED",
                            "schoolLevel", "SD", "pipRecipient", true, "kipNumber", kip));
            canaries.add(new Canary(kip, readers("EducationFacet", "kipNumber").and(seesRow)));

            ok("uptpk", "mutation($input: EnrolBenefitInput!) { enrolBenefit(input: $input) { id } }",
                    "input", Map.of("programme", "PIP", "memberId", household.child().id(), "startsOn", "2026-01-01",
                            "endsOn", "2026-12-31", "status", "ACTIVE", "reason", "Beasiswa " + tag));
            canaries.add(new Canary("Beasiswa " + tag, readers("Benefit", "reason").and(readsBenefitsOf("PIP")).and(seesRow)));
        }
        String pkh = ok("uptpk", "mutation($input: EnrolBenefitInput!) { enrolBenefit(input: $input) { id } }",
                "input", Map.of("programme", "PKH", "householdId", apuan.id(), "startsOn", "2026-01-01",
                        "status", "ACTIVE", "reason", "Bantuan " + name)).data("enrolBenefit.id");
        canaries.add(new Canary("Bantuan " + name, readers("Benefit", "reason").and(readsBenefitsOf("PKH"))));
        canaries.add(new Canary(pkh, readers("Benefit", "id").and(readsBenefitsOf("PKH"))));

        // a second record of the head, with facets of its own, merged into the head: its facets live on only
        // in the merge record, and reach each role field by field as the facets' own policy allows
        LocalDate born = LocalDate.of(1970, 3, 3);
        String duplicateNik = TestIdentities.nik(false, born);
        String duplicate = ok("uptpk", "mutation($input: AddMemberInput!) { addMember(input: $input) { id } }",
                "input", Map.of("householdId", apuan.id(), "expectedVersion", version(apuan.id()), "member",
                        member(duplicateNik, "Dobel " + name, "MALE", born, "OTHER_RELATIVE"))).data("addMember.id");
        whole.add(duplicateNik);
        // the education office sees members up to 24 only: not this one, born 1970
        canaries.add(new Canary("Dobel " + name, readers("MemberMerge", "name")
                .or(readers("Member", "name").and(role -> !role.equals("disdik")))));
        String mergedJkn = "8" + digits(12);
        ok("uptpk", "mutation($input: UpdateJknStatusInput!) { updateJknStatus(input: $input) { version } }",
                "input", Map.of("memberId", duplicate, "expectedVersion", 0, "jknNumber", mergedJkn, "segment", "PBPU", "active", true));
        canaries.add(new Canary(mergedJkn, readers("HealthFacet", "jknNumber")));
        ok("uptpk", "mutation($input: UpdateSchoolStatusInput!) { updateSchoolStatus(input: $input) { version } }",
                "input", Map.of("memberId", apuan.head().id(), "expectedVersion", 0, "schoolStatus", "GRADUATED", "pipRecipient", false));
        String mergedKip = "KIPD" + name.toUpperCase();
        ok("uptpk", "mutation($input: UpdateSchoolStatusInput!) { updateSchoolStatus(input: $input) { version } }",
                "input", Map.of("memberId", duplicate, "expectedVersion", 0, "schoolStatus", "DROPPED_OUT", "pipRecipient", false,
                        "kipNumber", mergedKip));
        canaries.add(new Canary(mergedKip, readers("EducationFacet", "kipNumber")));
        ok("uptpk", "mutation($input: MergeMembersInput!) { mergeMembers(input: $input) { id } }",
                "input", Map.of("keepMemberId", apuan.head().id(), "keepExpectedVersion", version(apuan.head().id()),
                        "mergeMemberId", duplicate, "mergeExpectedVersion", 1, "reason", "One person, two records"));

        // change requests reach only the roles that propose or decide their kind (and programme): a village's BLT-DD
        // proposal the social office decides, a correction of a name that only UPT-PK decides
        ok("desa", "mutation($input: ProposeBenefitInput!) { proposeBenefit(input: $input) { id } }",
                "input", Map.of("programme", "BLT_DD", "householdId", apuan.id(), "startsOn", "2027-01-01",
                        "reason", "Usulan " + name));
        canaries.add(new Canary("Usulan " + name, readers("ChangeRequest", "reason").and(seesRequests("ENROL_BENEFIT", "BLT_DD"))));
        ok("desa", "mutation($input: ProposeIdentityCorrectionInput!) { proposeIdentityCorrection(input: $input) { id } }",
                "input", Map.of("memberId", apuan.child().id(), "expectedVersion", version(apuan.child().id()),
                        "name", "Koreksi " + name, "reason", "Akta " + name));
        canaries.add(new Canary("Koreksi " + name, readers("ProposedValue", "after").and(seesRequests("CORRECT_IDENTITY", null))));
        canaries.add(new Canary("Akta " + name, readers("ChangeRequest", "reason").and(seesRequests("CORRECT_IDENTITY", null))));

        // UPT-PK's import of a list whose rows are refused: the job and its rows are UPT-PK's alone
        String badCardNumber = "0000" + digits(5);
        Uploads uploads = new Uploads(port);
        String job = uploads.upload("uptpk", "JKN", "list-" + name + ".csv", ("nik,segment,active,jknNumber\n"
                + apuan.head().nik() + ",PBPU,ya," + badCardNumber + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8), true)
                .text("/id");
        uploads.finished("uptpk", job);
        canaries.add(new Canary("list-" + name + ".csv", role -> role.equals("uptpk")));
        Desk desk = desk(name, apuan, canaries, whole);
        return new Fixture(name, apuan, langgahan, List.copyOf(canaries), List.copyOf(whole), cursorBefore, pkh, job, desk);
    }

    /**
     * A complaint that Apuan's household receives aid it should not, referred to the social office:
     * who reported it reaches the desk only; and the household's family card.
     */
    private Desk desk(String name, Household apuan, List<Canary> canaries, List<String> whole) {
        String reporterNik = TestIdentities.nik(true, LocalDate.of(1985, 4, 4));
        whole.add(reporterNik);
        Answer opened = ok("desa", "mutation($input: OpenServiceRequestInput!) { openServiceRequest(input: $input) { id number } }",
                "input", Map.of("kind", "INCLUSION_ERROR", "householdId", apuan.id(), "reporterNik", reporterNik,
                        "reporterName", "Pelapor " + name, "reporterBirthDate", "1985-04-04", "reporterPhone", "0813" + digits(8),
                        "description", "Keluhan " + name));
        String requestId = opened.data("openServiceRequest.id");
        canaries.add(new Canary(reporterNik, readers("ServiceRequestReporter", "nik")));
        canaries.add(new Canary("Pelapor " + name, readers("ServiceRequestReporter", "name")));
        // the desk (UPT-PK, Apuan's village operator) and the office it is referred to
        canaries.add(new Canary("Keluhan " + name, readers("ServiceRequest", "description")
                .and(role -> Set.of("uptpk", "desa", "dinsos").contains(role))));
        ok("desa", "mutation($input: ReferServiceRequestInput!) { referServiceRequest(input: $input) { id } }",
                "input", Map.of("id", requestId, "expectedVersion", 1, "agency", "DINSOS"));
        Answer card = ok("uptpk", "mutation($input: IssueCardInput!) { issueCard(input: $input) { id number qrToken } }",
                "input", Map.of("householdId", apuan.id()));
        canaries.add(new Canary(card.data("issueCard.number"), readers("FamilyCard", "number")));
        return new Desk(requestId, opened.data("openServiceRequest.number"), card.data("issueCard.id"), card.data("issueCard.qrToken"));
    }

    /** The current version of a household or member. */
    private long version(String id) {
        return ((Number) ask("uptpk", "query($id: ID!) { node(id: $id) { ... on Household { version } ... on Member { version } } }",
                "id", id).data("node.version")).longValue();
    }

    private String lastCursor() {
        String cursor = null;
        for (int page = 0; page < 10_000; page++) {
            Answer answer = ask("uptpk", "query($after: String) { changes(first: 100, after: $after) { pageInfo { endCursor hasNextPage } } }",
                    "after", cursor);
            String end = answer.data("changes.pageInfo.endCursor");
            if (end != null) {
                cursor = end;
            }
            if (!Boolean.TRUE.equals(answer.data("changes.pageInfo.hasNextPage"))) {
                return cursor;
            }
        }
        return cursor;
    }

    @TestFactory
    Stream<DynamicContainer> noRoleReadsAValueItsPolicyDoesNotGrantOnAnyPath() {
        Fixture data = fixture();
        return POLICY.roles().stream().map(role -> dynamicContainer(role, probes(data).entrySet().stream()
                .filter(probe -> readsRoot(role, probe.getKey()))
                .map(probe -> dynamicTest(probe.getKey(), () -> {
                    String body = probe.getValue().answer(role);
                    assertThat(body).as("an answer to %s", role).isNotBlank();
                    assertNothingLeaks(role, probe.getKey(), body, data);
                }))));
    }

    @Test
    void everyPathIsProbed() {
        GraphQLSchema schema = graphQlSource.schema();
        Set<String> roots = new HashSet<>();
        schema.getQueryType().getFieldDefinitions().forEach(field -> roots.add("Query." + field.getName()));
        schema.getSubscriptionType().getFieldDefinitions().forEach(field -> roots.add("Subscription." + field.getName()));
        assertThat(probes(null).keySet()).as("the paths probed for leaks").containsExactlyInAnyOrderElementsOf(roots);
    }

    @Test
    void aRefusalSaysNoMoreThanTheCallerReads() {
        Fixture data = fixture();
        // the household's decile is 7: too high for KIS-PBI (5) and BPNT (5)
        setDecile(data.apuan(), 7);
        Answer health = ask("dinkes", "mutation($input: EnrolBenefitInput!) { enrolBenefit(input: $input) { id } }",
                "input", Map.of("programme", "KIS_PBI", "memberId", data.apuan().child().id(), "startsOn", "2026-02-01",
                        "funding", "APBN", "reason", "Poor"));
        assertThat(health.classifications()).as(health.body()).containsExactly("CONFLICT");
        assertThat(health.body()).doesNotContain("decile 7").doesNotContain("\"decile\"");
        Answer social = ask("dinsos", "mutation($input: EnrolBenefitInput!) { enrolBenefit(input: $input) { id } }",
                "input", Map.of("programme", "BPNT", "householdId", data.apuan().id(), "startsOn", "2026-02-01", "reason", "Poor"));
        assertThat(social.classifications()).as(social.body()).containsExactly("CONFLICT");
        assertThat(social.body()).contains("decile 7").contains("\"decile\":7");

        // a rule across agencies: PIP not with PKH; the education office meets it without learning of the PKH
        // (one rule per pair of programmes: an earlier run's retired rule is taken up again)
        List<String> earlier = ask("uptpk", "{ exclusionRules { code programme { code } excludedProgramme { code } } }")
                .data("exclusionRules[?(@.programme.code == 'PIP' && @.excludedProgramme.code == 'PKH')].code");
        String rule = earlier == null || earlier.isEmpty() ? "PIP_NOT_WITH_PKH" : earlier.getFirst();
        ok("uptpk", "mutation($input: DefineExclusionRuleInput!) { defineExclusionRule(input: $input) { code } }",
                "input", Map.of("code", rule, "programme", "PIP", "excludedProgramme", "PKH",
                        "description", "A test rule across agencies.", "active", true));
        try {
            Answer education = ask("disdik", "mutation($input: EnrolBenefitInput!) { enrolBenefit(input: $input) { id } }",
                    "input", Map.of("programme", "PIP", "memberId", data.apuan().child().id(), "startsOn", "2027-01-01",
                            "reason", "School"));
            assertThat(education.classifications()).as(education.body()).containsExactly("CONFLICT");
            assertThat(education.body()).doesNotContain(data.pkhBenefitId()).doesNotContain("holds PKH").doesNotContain("existingId");
            Answer social2 = ask("uptpk", "mutation($input: EnrolBenefitInput!) { enrolBenefit(input: $input) { id } }",
                    "input", Map.of("programme", "PIP", "memberId", data.apuan().child().id(), "startsOn", "2027-01-01",
                            "reason", "School"));
            assertThat(social2.body()).contains(data.pkhBenefitId()).contains("already holds PKH");
        } finally {
            ok("uptpk", "mutation($input: RetireAidRuleInput!) { retireAidRule(input: $input) { code } }",
                    "input", Map.of("code", rule));
        }
    }

    private void setDecile(Household household, int decile) {
        long version = ((Number) ask("uptpk", "query($id: ID!) { node(id: $id) { ... on Household { social { version } } } }",
                "id", household.id()).data("node.social.version")).longValue();
        ok("uptpk", "mutation($input: RecordSocialAssessmentInput!) { recordSocialAssessment(input: $input) { version } }",
                "input", Map.of("householdId", household.id(), "expectedVersion", version, "decile", decile,
                        "decileQuarter", "2026Q1", "povertyIndicators", List.of()));
    }

    /** How one path is asked, as a role, with everything the role may select there. */
    @FunctionalInterface
    interface Probe {
        String answer(String role);
    }

    /** Every query and subscription field, with arguments that reach the fixture's households. */
    private Map<String, Probe> probes(Fixture data) {
        Map<String, Probe> probes = new LinkedHashMap<>();
        String kk = data == null ? null : currentKk(data.apuan());
        query(probes, "household", "(kk: \"" + kk + "\")");
        query(probes, "households", data == null ? "" : "(first: 10, filter: {name: \"" + data.name() + "\"})");
        query(probes, "member", data == null ? "" : "(nik: \"" + data.apuan().head().nik() + "\")");
        probes.put("Query.node", role -> nodes(role, data));
        query(probes, "changes", data == null ? "" : "(first: 100, after: \"" + data.cursorBefore() + "\")");
        query(probes, "duplicateCandidates", "(region: \"" + APUAN + "\", first: 100)");
        query(probes, "doubleAidReport", "(period: {from: \"2026-01-01\", to: \"2027-12-31\"}, region: \"51.06\")");
        query(probes, "verificationRounds", "");
        query(probes, "verificationRound", "(name: \"2017\")");
        query(probes, "statistics", "(round: \"2017\", region: \"" + APUAN + "\")");
        query(probes, "programmeGraduation", "(programme: \"PELATIHAN\", round: \"2015\", region: \"" + APUAN + "\")");
        query(probes, "regions", "(parent: \"51.06.01\")");
        query(probes, "region", "(code: \"" + APUAN + "\")");
        // reference data: the crosswalk's line of a BPS code (none loaded here, so null)
        query(probes, "regionCrosswalk", "(bpsCode: \"5106010001\")");
        query(probes, "programmes", "");
        query(probes, "clusters", "");
        query(probes, "agencies", "");
        query(probes, "exclusionRules", "");
        query(probes, "eligibilityRules", "");
        query(probes, "accessLog", data == null ? "" : "(member: \"" + data.apuan().head().nik() + "\")");
        query(probes, "verifyAudit", "");
        query(probes, "auditCheckpoint", "");
        query(probes, "accessPolicy", "");
        query(probes, "changeRequests", "(region: \"" + APUAN + "\", state: PENDING, first: 100)");
        query(probes, "changeRequestCounts", "");
        query(probes, "serviceRequests", data == null ? "" : "(first: 100, filter: {householdId: \"" + data.apuan().id() + "\"})");
        query(probes, "serviceRequest", data == null ? "" : "(number: \"" + data.desk().requestNumber() + "\")");
        query(probes, "serviceRequestKinds", "");
        query(probes, "serviceLevelFigures", "(period: {from: \"2020-01-01\", to: \"2099-12-31\"})");
        query(probes, "verifyCard", data == null ? "" : "(token: \"" + data.desk().cardToken() + "\")");
        probes.put("Subscription.changed", role -> subscribe(role, data));
        // an import job of UPT-PK's whose refused rows hold the households' whole NIKs: every other role sees no such job
        String job = data == null ? "0" : data.importJobId();
        query(probes, "importJob", "(id: \"" + job + "\")");
        query(probes, "importJobs", "(first: 100)");
        probes.put("Subscription.importJobProgress", role -> subscribe(role, "importJobProgress", "(id: \"" + job + "\")"));
        return probes;
    }

    private void query(Map<String, Probe> probes, String field, String arguments) {
        probes.put("Query." + field, role -> {
            GraphQLFieldDefinition definition = graphQlSource.schema().getQueryType().getFieldDefinition(field);
            String document = "{ " + field + arguments + selectionOf(definition, role) + " }";
            return ask(role, document).body();
        });
    }

    private String nodes(String role, Fixture data) {
        GraphQLSchema schema = graphQlSource.schema();
        StringBuilder body = new StringBuilder();
        for (String id : List.of(data.apuan().id(), data.apuan().head().id(), data.apuan().child().id(), data.pkhBenefitId(),
                data.langgahan().id(), data.langgahan().head().id(), data.desk().requestId(), data.desk().cardId())) {
            String fragments = schema.getImplementations((GraphQLInterfaceType) schema.getType("Node")).stream()
                    .filter(type -> readsAny(role, type))
                    .map(type -> "... on " + type.getName() + " { " + selection(type, role, 3, new HashSet<>(Set.of(type.getName()))) + " }")
                    .collect(Collectors.joining(" "));
            body.append(ask(role, "{ node(id: \"" + id + "\") { __typename " + fragments + " } }").body());
        }
        return body.toString();
    }

    private String subscribe(String role, Fixture data) {
        return subscribe(role, "changed", "(after: \"" + data.cursorBefore() + "\")");
    }

    private String subscribe(String role, String field, String arguments) {
        GraphQLFieldDefinition changed = graphQlSource.schema().getSubscriptionType().getFieldDefinition(field);
        String token = Tokens.of(role);
        WebSocketGraphQlTester socket = WebSocketGraphQlTester.builder(URI.create("ws://localhost:" + port + "/graphql-ws"),
                        new ReactorNettyWebSocketClient())
                .interceptor(new WebSocketGraphQlClientInterceptor() {
                    @Override
                    public Mono<Object> connectionInitPayload() {
                        return Mono.just(Map.of("Authorization", "Bearer " + token));
                    }
                })
                .build();
        try {
            List<Object> events = socket.document("subscription { " + field + arguments + selectionOf(changed, role) + " }")
                    .executeSubscription().toFlux(field, Object.class)
                    .take(Duration.ofSeconds(3))
                    .collectList().block(Duration.ofSeconds(30));
            return String.valueOf(events) + " (" + (events == null ? 0 : events.size()) + " events)";
        } finally {
            socket.stop().block(Duration.ofSeconds(10));
        }
    }

    /** The selection of a field's type with every field the role reads, a few levels deep; empty for a leaf. */
    private String selectionOf(GraphQLFieldDefinition field, String role) {
        GraphQLNamedType type = GraphQLTypeUtil.unwrapAll(field.getType());
        if (!(type instanceof GraphQLFieldsContainer container)) {
            return "";
        }
        return " { " + selection(container, role, 5, new HashSet<>(Set.of(container.getName()))) + " }";
    }

    private String selection(GraphQLFieldsContainer type, String role, int depth, Set<String> path) {
        List<String> fields = new ArrayList<>(List.of("__typename"));
        for (GraphQLFieldDefinition field : type.getFieldDefinitions()) {
            if (!POLICY.readers(type.getName(), field.getName()).contains(role)
                    || field.getArguments().stream().anyMatch(DisclosureGateTest::required)) {
                continue;
            }
            GraphQLNamedType fieldType = GraphQLTypeUtil.unwrapAll(field.getType());
            if (!(fieldType instanceof GraphQLFieldsContainer container)) {
                fields.add(field.getName());
            } else if (depth > 0 && container instanceof GraphQLObjectType && !path.contains(container.getName())
                    && readsAny(role, container)) {
                Set<String> deeper = new HashSet<>(path);
                deeper.add(container.getName());
                fields.add(field.getName() + " { " + selection(container, role, depth - 1, deeper) + " }");
            }
        }
        return String.join(" ", fields);
    }

    private static boolean required(GraphQLArgument argument) {
        return argument.getType() instanceof GraphQLNonNull && !argument.hasSetDefaultValue();
    }

    private static boolean readsAny(String role, GraphQLFieldsContainer type) {
        return type.getFieldDefinitions().stream().anyMatch(field -> POLICY.readers(type.getName(), field.getName()).contains(role));
    }

    private static boolean readsRoot(String role, String root) {
        String[] parts = root.split("\\.");
        return POLICY.readers(parts[0], parts[1]).contains(role);
    }

    private static void assertNothingLeaks(String role, String path, String body, Fixture data) {
        for (Canary canary : data.canaries()) {
            if (!canary.readBy().test(role)) {
                assertThat(body).as("%s through %s must not hold %s", role, path, canary.value()).doesNotContain(canary.value());
            }
        }
        if (!POLICY.unmaskedFor().contains(role)) {
            for (String number : data.wholeNumbers()) {
                assertThat(body).as("%s through %s must not hold a whole NIK or KK", role, path).doesNotContain(number);
            }
        }
    }

    private static Predicate<String> readers(String type, String field) {
        return role -> POLICY.readers(type, field).contains(role);
    }

    /** The roles that see change requests of a kind (and programme): those that propose or decide them. */
    private Predicate<String> seesRequests(String kind, String programme) {
        return role -> policy.deciders(kind, programme).readers().contains(role);
    }

    private static Predicate<String> readsBenefitsOf(String programme) {
        return role -> POLICY.benefitsRead(role).contains("*") || POLICY.benefitsRead(role).contains(programme);
    }

    private String currentKk(Household household) {
        return ask("uptpk", "query($id: ID!) { node(id: $id) { ... on Household { kk } } }", "id", household.id()).data("node.kk");
    }

    private Answer ok(String role, String document, Object... variables) {
        Answer answer = ask(role, document, variables);
        assertThat(answer.errors()).as(answer.body()).isEmpty();
        return answer;
    }

    private static String digits(int count) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < count; i++) {
            digits.append(ThreadLocalRandom.current().nextInt(10));
        }
        return digits.toString();
    }
}
