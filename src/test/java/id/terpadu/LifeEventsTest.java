package id.terpadu;

import id.terpadu.db.codes.BenefitStatus;
import id.terpadu.db.codes.ChangeRequestKind;
import id.terpadu.db.codes.ChangeRequestState;
import id.terpadu.db.codes.HouseholdStatus;
import id.terpadu.db.codes.MemberStatus;
import id.terpadu.db.codes.Relationship;
import id.terpadu.db.tables.records.BenefitRecord;
import id.terpadu.db.tables.records.ChangeRequestRecord;
import id.terpadu.db.tables.records.MemberRecord;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static id.terpadu.db.Tables.BENEFIT;
import static id.terpadu.db.Tables.CHANGE_REQUEST;
import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.MEMBER;
import static id.terpadu.db.Tables.MEMBER_MOVE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events of a family's life as change requests: the village proposes, UPT-PK approves, and the
 * approval applies the event with its consequences.
 */
class LifeEventsTest extends ChangeRequestApiTest {

    private static final LocalDate DIED = LocalDate.now().minusDays(3);

    private String propose(String mutation, String inputType, Map<String, Object> input) {
        return call("desa", "mutation($input: " + inputType + "!) { " + mutation + "(input: $input) { id state } }", "input", input)
                .path(mutation + ".state").entity(String.class).isEqualTo("PENDING")
                .path(mutation + ".id").entity(String.class).get();
    }

    private GraphQlTester.Response approved(String id) {
        GraphQlTester.Response response = approve("uptpk", id, "Checked against the documents").execute();
        response.path("approveChangeRequest.state").entity(String.class).isEqualTo("APPROVED");
        return response;
    }

    private long version(String nik) {
        return memberRow(nik).getVersion();
    }

    @Test
    void theDeathOfAHeadNeedsANewHeadAndLeavesRunningBenefitsToTheirAgencies() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        Registered household = register(family);
        Person head = family.head();
        Person wife = family.members().get(1);
        EligibleHouseholds.qualify(dsl, family.kk(), head.nik());
        // KIS-PBI without an end: left to the health office; PKH ending this year: runs out by itself
        graphQl.documentName("enrolBenefit").variable("input", input("programme", "KIS_PBI", "nik", head.nik(),
                "startsOn", LocalDate.now().minusYears(1), "status", "ACTIVE", "funding", "APBN", "reason", "Poor")).execute()
                .path("enrolBenefit.status").entity(String.class).isEqualTo("ACTIVE");

        // without a new head the proposal is refused: the card needs a head
        refusedWithoutWrites(request("desa", "mutation($input: ProposeDeathInput!) { proposeDeath(input: $input) { id } }",
                "input", input("memberId", household.memberId(head), "expectedVersion", version(head.nik()), "diedOn", DIED,
                        "reason", "Death certificate")), "BAD_REQUEST", "input.newHeadMemberId");

        String id = propose("proposeDeath", "ProposeDeathInput", input("memberId", household.memberId(head),
                "expectedVersion", version(head.nik()), "diedOn", DIED, "newHeadMemberId", household.memberId(wife),
                "reason", "Death certificate 12/2026"));
        assertThat(memberRow(head.nik()).getStatus()).isEqualTo(MemberStatus.LIVING);
        approved(id).path("approveChangeRequest.applied").entity(String.class)
                .satisfies(applied -> assertThat(applied).contains("new head").contains("Stop requests opened"));

        MemberRecord deceased = memberRow(head.nik());
        assertThat(deceased.getStatus()).isEqualTo(MemberStatus.DECEASED);
        assertThat(deceased.getDiedOn()).isEqualTo(DIED);
        assertThat(memberRow(wife.nik()).getRelationship()).isEqualTo(Relationship.HEAD);
        assertThat(householdRow(family.kk()).getStatus()).isEqualTo(HouseholdStatus.ACTIVE);
        graphQl.document("query($nik: String!) { member(nik: $nik) { status diedOn } }").variable("nik", head.nik()).execute()
                .path("member.status").entity(String.class).isEqualTo("DECEASED")
                .path("member.diedOn").entity(String.class).isEqualTo(DIED.toString());

        // the health office finds the stop of the KIS-PBI in its queue, and decides it
        ChangeRequestRecord stop = dsl.selectFrom(CHANGE_REQUEST).where(CHANGE_REQUEST.KIND.eq(ChangeRequestKind.STOP_BENEFIT),
                CHANGE_REQUEST.MEMBER_ID.eq(deceased.getId())).fetchSingle();
        assertThat(stop.getProgrammeCode()).isEqualTo("KIS_PBI");
        assertThat(stop.getProposedByUsername()).isEqualTo("uptpk");
        String stopId = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("ChangeRequest:" + stop.getId()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        call("dinkes", "{ changeRequests(state: PENDING, kinds: [STOP_BENEFIT], first: 100) { edges { node { id } } } }")
                .path("changeRequests.edges[*].node.id").entityList(String.class).contains(stopId);
        approve("dinkes", stopId, "Deceased").execute().path("approveChangeRequest.state").entity(String.class).isEqualTo("APPROVED");
        BenefitRecord cover = dsl.selectFrom(BENEFIT).where(BENEFIT.MEMBER_ID.eq(deceased.getId())).fetchSingle();
        assertThat(cover.getStatus()).isEqualTo(BenefitStatus.STOPPED);
        assertThat(cover.getEndsOn()).isEqualTo(DIED);

        // no one enrols the deceased again
        ResponseError refused = refused(graphQl.documentName("enrolBenefit").variable("input", input("programme", "PIP",
                "nik", head.nik(), "startsOn", LocalDate.now(), "status", "ACTIVE", "reason", "School")).execute(), "CONFLICT", "input.nik");
        assertThat(refused.getMessage()).contains("deceased");
    }

    @Test
    void theDeathOfTheLastMemberDissolvesTheHousehold() {
        Person alone = Person.woman("Nyoman " + token(), "HEAD");
        Family family = Family.of(TestIdentities.VILLAGE, alone);
        Registered household = register(family);

        String id = propose("proposeDeath", "ProposeDeathInput", input("nik", alone.nik(), "expectedVersion", version(alone.nik()),
                "diedOn", DIED, "reason", "Village report"));
        approved(id);

        assertThat(memberRow(alone.nik()).getStatus()).isEqualTo(MemberStatus.DECEASED);
        assertThat(householdRow(family.kk()).getStatus()).isEqualTo(HouseholdStatus.DISSOLVED);
        assertThat(household.id()).isNotNull();
    }

    @Test
    void aNewHeadGetsTheCardAndTheOthersTheirRelationshipToThem() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        Registered household = register(family);
        Person head = family.head();
        Person wife = family.members().get(1);
        Person child = family.members().get(2);

        String id = propose("proposeHeadChange", "ProposeHeadChangeInput", input("householdId", household.id(),
                "expectedVersion", householdRow(family.kk()).getVersion(), "newHeadMemberId", household.memberId(wife),
                "relationships", List.of(Map.of("memberId", household.memberId(head), "relationship", "SPOUSE"),
                        Map.of("memberId", household.memberId(child), "relationship", "CHILD")),
                "reason", "The husband works abroad"));
        approved(id);

        assertThat(memberRow(wife.nik()).getRelationship()).isEqualTo(Relationship.HEAD);
        assertThat(memberRow(head.nik()).getRelationship()).isEqualTo(Relationship.SPOUSE);
    }

    @Test
    void anIdentityCorrectionKeepsTheOldValuesInTheHistoryAndRunsTheDuplicateCheckAgain() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        Registered household = register(family);
        Person child = family.members().get(2);
        // someone already registered with the corrected name and birth date: a likely duplicate once corrected
        String corrected = "Putu " + token();
        register(Family.of(TestIdentities.VILLAGE, Person.born(child.birthDate(), false, corrected, "HEAD")));

        GraphQlTester.Response proposed = call("desa", "mutation($input: ProposeIdentityCorrectionInput!) { "
                        + "proposeIdentityCorrection(input: $input) { id ownData dueAt values { field before after } } }",
                "input", input("memberId", household.memberId(child), "expectedVersion", version(child.nik()), "name", corrected,
                        "ownData", true, "reason", "The person showed the birth certificate"));
        proposed.path("proposeIdentityCorrection.ownData").entity(Boolean.class).isEqualTo(true)
                .path("proposeIdentityCorrection.values[0].field").entity(String.class).isEqualTo("name")
                .path("proposeIdentityCorrection.values[0].before").entity(String.class).isEqualTo(child.name())
                .path("proposeIdentityCorrection.values[0].after").entity(String.class).isEqualTo(corrected);
        // a person's own correction is due within 3x24 hours
        OffsetDateTime due = OffsetDateTime.parse(proposed.path("proposeIdentityCorrection.dueAt").entity(String.class).get());
        assertThat(Duration.between(OffsetDateTime.now(), due)).isBetween(Duration.ofHours(71), Duration.ofHours(72));

        approved(proposed.path("proposeIdentityCorrection.id").entity(String.class).get())
                .path("approveChangeRequest.applied").entity(String.class)
                .satisfies(applied -> assertThat(applied).contains("1 likely duplicate"));

        assertThat(memberRow(child.nik()).getName()).isEqualTo(corrected);
        graphQl.document("query($nik: String!) { member(nik: $nik) { history(first: 10) { edges { node { operation changes { field before after } } } } } }")
                .variable("nik", child.nik()).execute()
                .path("member.history.edges[?(@.node.operation == 'approveChangeRequest')].node.changes[*].before")
                .entityList(String.class).contains(child.name());
    }

    @Test
    void aPersonMovesToAnotherHouseholdOnApproval() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        Registered household = register(family);
        Family other = Family.of(TestIdentities.VILLAGE, token());
        Registered target = register(other);
        Person child = family.members().get(2);

        String id = propose("proposeMove", "ProposeMoveInput", input("memberId", household.memberId(child),
                "expectedVersion", version(child.nik()), "toHouseholdId", target.id(), "relationship", "GRANDCHILD",
                "movedOn", LocalDate.now(), "reason", "Lives with the grandparents"));
        approved(id);

        assertThat(memberRow(child.nik()).getHouseholdId()).isEqualTo(householdRow(other.kk()).getId());
        assertThat(dsl.fetchCount(MEMBER_MOVE, MEMBER_MOVE.MEMBER_ID.eq(memberRow(child.nik()).getId()))).isEqualTo(1);
    }

    @Test
    void aSplitMovesTheChosenMembersToANewCardInTheSameVillage() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        Registered household = register(family);
        Person child = family.members().get(2);
        String newKk = TestIdentities.kk();

        // a new card without a head is bad input, refused at once, even when its KK is taken too (which alone
        // would only be a warning: the register may change before the approval)
        refusedWithoutWrites(request("desa", "mutation($input: ProposeSplitInput!) { proposeSplit(input: $input) { id } }",
                "input", input("householdId", household.id(), "expectedVersion", householdRow(family.kk()).getVersion(),
                        "newKk", family.kk(), "members", List.of(), "splitOn", LocalDate.now(), "reason", "No one")),
                "BAD_REQUEST", "input.members");

        String id = propose("proposeSplit", "ProposeSplitInput", input("householdId", household.id(),
                "expectedVersion", householdRow(family.kk()).getVersion(), "newKk", newKk,
                "members", List.of(Map.of("memberId", household.memberId(child), "relationship", "HEAD")),
                "splitOn", LocalDate.now(), "reason", "Married, own family card"));
        approved(id);

        var created = householdRow(newKk);
        assertThat(created.getVillageCode()).isEqualTo(TestIdentities.VILLAGE);
        MemberRecord moved = memberRow(child.nik());
        assertThat(moved.getHouseholdId()).isEqualTo(created.getId());
        assertThat(moved.getRelationship()).isEqualTo(Relationship.HEAD);
        assertThat(dsl.fetchCount(MEMBER, MEMBER.HOUSEHOLD_ID.eq(householdRow(family.kk()).getId()))).isEqualTo(2);
        // the history of both households holds the split: the old one its request and what the approval applied,
        // the new one the moves in
        graphQl.document("query($kk: String!) { household(kk: $kk) { history(first: 20) { edges { node { type changes { field after } } } } } }")
                .variable("kk", family.kk()).execute()
                .path("household.history.edges[?(@.node.type == 'ChangeRequest')].node.changes[*].after").entityList(String.class)
                .satisfies(values -> assertThat(values).anyMatch(value -> value.contains("new household")));
        graphQl.document("query($kk: String!) { household(kk: $kk) { history(first: 20) { edges { node { type } } } } }")
                .variable("kk", newKk).execute()
                .path("household.history.edges[*].node.type").entityList(String.class).contains("MemberMove", "Member");
    }

    @Test
    void aHouseholdIsDissolvedOnceNoLivingMemberIsLeft() {
        Person alone = Person.man("Komang " + token(), "HEAD");
        Family family = Family.of(TestIdentities.VILLAGE, alone);
        Registered household = register(family);
        Registered target = register(Family.of(TestIdentities.VILLAGE, token()));

        // while someone lives on the card, the proposal warns and the approval fails
        String early = call("desa", "mutation($input: ProposeDissolutionInput!) { proposeDissolution(input: $input) { id warnings } }",
                "input", input("householdId", household.id(), "expectedVersion", householdRow(family.kk()).getVersion(),
                        "reason", "Moved away")).path("proposeDissolution.warnings[0]").entity(String.class)
                .satisfies(warning -> assertThat(warning).contains("Living members"))
                .path("proposeDissolution.id").entity(String.class).get();
        refusedWithoutWrites(approve("uptpk", early, "Moved"), "CONFLICT", "id");

        approved(propose("proposeMove", "ProposeMoveInput", input("memberId", household.memberId(alone),
                "expectedVersion", version(alone.nik()), "toHouseholdId", target.id(), "relationship", "OTHER_RELATIVE",
                "movedOn", LocalDate.now(), "reason", "Lives with his brother")));
        String id = propose("proposeDissolution", "ProposeDissolutionInput", input("householdId", household.id(),
                "expectedVersion", householdRow(family.kk()).getVersion(), "reason", "Nobody lives on this card"));
        approved(id);
        assertThat(householdRow(family.kk()).getStatus()).isEqualTo(HouseholdStatus.DISSOLVED);
    }

    @Test
    void aRegistrationAndABirthAreAppliedOnApprovalAndTheNikIsCheckedAgainThen() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        String id = propose("proposeRegistration", "ProposeRegistrationInput", Map.of("household", family.input(), "reason", "Musdes"));
        // the same family proposed twice: the second approval finds the KK and NIKs taken
        String twice = propose("proposeRegistration", "ProposeRegistrationInput", Map.of("household", family.input(), "reason", "Musdes"));
        assertThat(dsl.fetchCount(HOUSEHOLD, HOUSEHOLD.KK.eq(family.kk()))).isZero();

        approved(id).path("approveChangeRequest.household.id").entity(String.class).satisfies(householdId -> assertThat(householdId).isNotNull());
        assertThat(householdRow(family.kk()).getVillageCode()).isEqualTo(TestIdentities.VILLAGE);
        ResponseError refusal = refusedWithoutWrites(approve("uptpk", twice, "Musdes"), "CONFLICT", "id");
        assertThat(refusal.getMessage()).contains("already registered");

        Person baby = Person.born(LocalDate.now().minusDays(20), true, "Bayi " + token(), "CHILD");
        String birth = propose("proposeMember", "ProposeMemberInput", input("kk", family.kk(),
                "expectedVersion", householdRow(family.kk()).getVersion(), "member", baby.input(), "reason", "Birth certificate"));
        approved(birth);
        assertThat(memberRow(baby.nik()).getHouseholdId()).isEqualTo(householdRow(family.kk()).getId());
        assertThat(dsl.selectFrom(CHANGE_REQUEST).where(CHANGE_REQUEST.KIND.eq(ChangeRequestKind.ADD_MEMBER))
                .and(CHANGE_REQUEST.STATE.eq(ChangeRequestState.APPROVED))
                .and(CHANGE_REQUEST.MEMBER_ID.eq(memberRow(baby.nik()).getId())).fetch()).hasSize(1);
    }

    @Test
    void closingARoundOpensTheRequestsItsResultsCallForAndAppliesNothing() {
        Family deceased = Family.of(TestIdentities.VILLAGE, Person.man("Kakek " + token(), "HEAD"));
        register(deceased);
        Family moved = Family.of(TestIdentities.VILLAGE, token());
        register(moved);
        Family better = Family.of(TestIdentities.VILLAGE, token());
        register(better);
        EligibleHouseholds.qualify(dsl, better.kk(), null);
        graphQl.documentName("enrolBenefit").variable("input", input("programme", "PKH", "kk", better.kk(),
                "startsOn", LocalDate.now().minusMonths(2), "status", "ACTIVE", "reason", "Decile 1")).execute()
                .path("enrolBenefit.status").entity(String.class).isEqualTo("ACTIVE");

        String round = "Life " + token();
        graphQl.document("mutation($name: String!) { openVerificationRound(input: {name: $name, year: 2026}) { name } }")
                .variable("name", round).execute().path("openVerificationRound.name").entity(String.class).isEqualTo(round);
        for (Object[] result : List.of(new Object[] {deceased, "DECEASED", 0}, new Object[] {moved, "MOVED", 3},
                new Object[] {better, "LEFT_POVERTY", 3})) {
            graphQl.document("mutation($input: RecordVerificationResultInput!) { recordVerificationResult(input: $input) { result } }")
                    .variable("input", input("round", round, "kk", ((Family) result[0]).kk(), "result", result[1], "persons", result[2]))
                    .execute().path("recordVerificationResult.result").entity(String.class).isEqualTo((String) result[1]);
        }
        graphQl.document("mutation($round: String!) { closeVerificationRound(input: {round: $round}) { status } }")
                .variable("round", round).execute().path("closeVerificationRound.status").entity(String.class).isEqualTo("CLOSED");

        long roundId = dsl.select(id.terpadu.db.Tables.VERIFICATION_ROUND.ID).from(id.terpadu.db.Tables.VERIFICATION_ROUND)
                .where(id.terpadu.db.Tables.VERIFICATION_ROUND.NAME.eq(round)).fetchSingle().value1();
        Map<Long, ChangeRequestKind> opened = dsl.select(CHANGE_REQUEST.HOUSEHOLD_ID, CHANGE_REQUEST.KIND).from(CHANGE_REQUEST)
                .where(CHANGE_REQUEST.ROUND_ID.eq(roundId), CHANGE_REQUEST.STATE.eq(ChangeRequestState.PENDING))
                .fetchMap(CHANGE_REQUEST.HOUSEHOLD_ID, CHANGE_REQUEST.KIND);
        assertThat(opened).containsEntry(householdRow(deceased.kk()).getId(), ChangeRequestKind.RECORD_DEATH)
                .containsEntry(householdRow(moved.kk()).getId(), ChangeRequestKind.DISSOLVE_HOUSEHOLD)
                .containsEntry(householdRow(better.kk()).getId(), ChangeRequestKind.STOP_BENEFIT)
                .hasSize(3);
        // the social office reviews the PKH of the household that left poverty
        call("dinsos", "{ changeRequests(state: PENDING, kinds: [STOP_BENEFIT], first: 100) { edges { node { household { id } summary reason } } } }")
                .path("changeRequests.edges[*].node.reason").entityList(String.class)
                .satisfies(reasons -> assertThat(reasons).anyMatch(reason -> reason.contains(round) && reason.contains("PKH")));
        // nothing is applied without a decision
        assertThat(memberRow(deceased.head().nik()).getStatus()).isEqualTo(MemberStatus.LIVING);
        assertThat(householdRow(moved.kk()).getStatus()).isEqualTo(HouseholdStatus.ACTIVE);
        assertThat(benefitsOf(better.kk(), "PKH")).singleElement()
                .satisfies(benefit -> assertThat(benefit.getStatus()).isEqualTo(BenefitStatus.ACTIVE));
    }

    @Test
    void anApprovalMadeOnAnOldVersionFailsAndTheRequestStaysPending() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        Registered household = register(family);
        Person child = family.members().get(2);
        long version = version(child.nik());
        String first = propose("proposeIdentityCorrection", "ProposeIdentityCorrectionInput", input("memberId",
                household.memberId(child), "expectedVersion", version, "name", "Gede " + token(), "reason", "KTP"));
        String second = propose("proposeIdentityCorrection", "ProposeIdentityCorrectionInput", input("memberId",
                household.memberId(child), "expectedVersion", version, "name", "Kadek " + token(), "reason", "Birth certificate"));
        approved(first);

        ResponseError refusal = refusedWithoutWrites(approve("uptpk", second, "KTP"), "CONFLICT", "id");
        assertThat(refusal.getMessage()).contains("cannot be applied now");
        assertThat(dsl.selectFrom(CHANGE_REQUEST).where(CHANGE_REQUEST.STATE.eq(ChangeRequestState.PENDING))
                .and(CHANGE_REQUEST.MEMBER_ID.eq(memberRow(child.nik()).getId())).fetch()).hasSize(1);
    }
}
