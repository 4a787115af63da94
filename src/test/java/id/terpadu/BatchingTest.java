package id.terpadu;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nested fields are loaded in batches: a page of households with their members, facets, benefits,
 * programmes, villages and histories costs the same number of SQL statements for 5 households as
 * for 50. The households live in a village of Kintamani that only this class uses.
 */
class BatchingTest extends ApiTest {

    private static final String SUKAWANA = "51.06.04.2043";
    private static final int HOUSEHOLDS = 50;

    /** One mutation of a set-up request: the field, its input type and its input. */
    private record Step(String field, String inputType, Map<String, Object> input) {
    }

    @Test
    void statementsOfADeepPageDoNotGrowWithPageSize() {
        String name = token();
        setUp(name);
        Map<String, Object> filter = Map.of("region", SUKAWANA, "name", name);

        List<Integer> counts = new ArrayList<>();
        for (int pageSize : List.of(1, 5, 50, 5, 50)) {
            counts.add(statementsFor(filter, pageSize));
        }

        assertThat(counts).as("statements for pages of 1, 5, 50, 5 and 50 households").containsOnly(counts.getFirst());
        // at most one statement per field that loads data (21 in this query), none per household or member
        assertThat(counts.getFirst()).as("statements for a deep page").isLessThanOrEqualTo(21);
    }

    private int statementsFor(Map<String, Object> filter, int pageSize) {
        statements.reset();
        var response = graphQl.documentName("householdsInDepth")
                .variable("filter", filter)
                .variable("first", pageSize)
                .execute();
        int count = statements.count();

        // every nested field was really loaded, so every batch ran
        response.path("households.totalCount").entity(Integer.class).isEqualTo(HOUSEHOLDS)
                .path("households.edges").entityList(Object.class).hasSize(pageSize)
                .path("households.edges[*].node.members[*].nik").entityList(String.class).hasSize(3 * pageSize)
                .path("households.edges[*].node.village.parent.parent.code").entityList(String.class)
                .satisfies(codes -> assertThat(codes).containsOnly("51.06"))
                .path("households.edges[*].node.head.nik").entityList(String.class).hasSize(pageSize)
                .path("households.edges[*].node.kkHistory[*].kk").entityList(String.class).hasSize(pageSize)
                .path("households.edges[*].node.social.cluster.code").entityList(String.class).hasSize(pageSize)
                .path("households.edges[*].node.housing.rtlhStatus").entityList(String.class).hasSize(pageSize)
                .path("households.edges[*].node.benefits[*].programme.code").entityList(String.class).hasSize(pageSize)
                .path("households.edges[*].node.members[*].health.segment").entityList(String.class).hasSize(pageSize)
                .path("households.edges[*].node.members[*].education.schoolStatus").entityList(String.class).hasSize(pageSize)
                .path("households.edges[*].node.members[*].benefits[*].programme.agency.code").entityList(String.class)
                .hasSize(pageSize)
                .path("households.edges[*].node.members[*].moves[*].from.kk").entityList(String.class).hasSize(pageSize);
        return count;
    }

    /**
     * Fifty households, each with a new family card, a cluster, a house condition, a PKH enrolment, and
     * members with JKN, school and KIS-PBI records; one member of each came from the previous household.
     * Sent five households to a request, as aliased mutations that run in order.
     */
    private void setUp(String name) {
        List<Family> families = new ArrayList<>();
        for (int i = 0; i < HOUSEHOLDS; i++) {
            families.add(Family.of(SUKAWANA, name));
        }
        List<String> newKks = new ArrayList<>();
        LocalDate since = LocalDate.of(2024, 1, 1);
        for (int start = 0; start < HOUSEHOLDS; start += 5) {
            List<Step> steps = new ArrayList<>();
            for (Family family : families.subList(start, start + 5)) {
                String newKk = TestIdentities.kk();
                newKks.add(newKk);
                Person head = family.head();
                Person wife = family.members().get(1);
                Person child = family.members().get(2);
                steps.add(new Step("registerHousehold", "RegisterHouseholdInput", family.input()));
                steps.add(new Step("changeHouseholdKk", "ChangeHouseholdKkInput", input("kk", family.kk(),
                        "expectedVersion", 1, "newKk", newKk, "reason", "New card after a split")));
                steps.add(new Step("assignCluster", "AssignClusterInput", input("kk", newKk, "expectedVersion", 0,
                        "cluster", "MELATI", "reason", "On DTSEN")));
                steps.add(new Step("recordSocialAssessment", "RecordSocialAssessmentInput", input("kk", newKk,
                        "expectedVersion", 1, "decile", 1, "decileQuarter", "2025Q3", "povertyIndicators", List.of())));
                steps.add(new Step("recordHousingCondition", "RecordHousingConditionInput", input("kk", newKk,
                        "expectedVersion", 0, "rtlhStatus", "UNFIT")));
                steps.add(new Step("enrolBenefit", "EnrolBenefitInput", input("programme", "PKH", "kk", newKk,
                        "startsOn", since, "status", "ACTIVE", "reason", "Decile 1")));
                steps.add(new Step("updateJknStatus", "UpdateJknStatusInput", input("nik", wife.nik(),
                        "expectedVersion", 0, "jknNumber", "0000000000042", "segment", "PBI_APBD", "active", true)));
                steps.add(new Step("updateSchoolStatus", "UpdateSchoolStatusInput", input("nik", child.nik(),
                        "expectedVersion", 0, "schoolStatus", "GRADUATED", "pipRecipient", false)));
                steps.add(new Step("enrolBenefit", "EnrolBenefitInput", input("programme", "KIS_PBI",
                        "nik", head.nik(), "startsOn", since, "status", "ACTIVE", "funding", "APBN", "reason", "Uninsured")));
            }
            run(steps);
        }
        // each child moves to the next household and the previous household's child comes in
        List<Step> moves = new ArrayList<>();
        for (int i = 0; i < HOUSEHOLDS; i++) {
            Person child = families.get(i).members().get(2);
            String nextKk = newKks.get((i + 1) % HOUSEHOLDS);
            moves.add(new Step("moveMember", "MoveMemberInput", input("nik", child.nik(), "expectedVersion", 1,
                    "toKk", nextKk, "relationship", "OTHER_RELATIVE", "movedOn", LocalDate.now(), "reason", "Work")));
            if (moves.size() == 25) {
                run(moves);
                moves.clear();
            }
        }
    }

    /** Runs the steps in one request, in order, each as its own aliased mutation. */
    private void run(List<Step> steps) {
        StringBuilder variables = new StringBuilder();
        StringBuilder fields = new StringBuilder();
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            variables.append(i == 0 ? "" : ", ").append("$s").append(i).append(": ").append(step.inputType()).append('!');
            fields.append("  s").append(i).append(": ").append(step.field()).append("(input: $s").append(i)
                    .append(") { __typename }\n");
            values.put("s" + i, step.input());
        }
        var request = graphQl.document("mutation setUp(" + variables + ") {\n" + fields + "}");
        values.forEach(request::variable);
        request.execute().errors().verify();
    }
}
