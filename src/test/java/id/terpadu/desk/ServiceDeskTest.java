package id.terpadu.desk;

import id.terpadu.TestIdentities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The service desk with real tokens: a resident's request recorded at the desk, referred to the
 * office that can act, accepted, acted on through the hub's own rules and resolved; the resident's
 * status check; what each office sees; the service-level clock; and the anonymity of whoever
 * reports a family that receives aid it should not.
 */
class ServiceDeskTest extends DeskTest {

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void aKisPbiRequestGoesFromTheDeskToTheHealthOfficeWhichEnrolsThePersonAndResolvesIt() {
        String name = uniqueName();
        Household family = household(APUAN, name);

        Reply opened = open("uptpk", pairs("kind", "JKN_PBI", "memberId", family.child().id(), "reporterMemberId", family.head().id(),
                "description", "Putu needs JKN cover; the family cannot pay the premium."));
        String id = opened.data("openServiceRequest.id");
        String number = opened.data("openServiceRequest.number");
        assertThat(number).matches("LYN-\\d{4}-\\d{6}");
        assertThat((String) opened.data("openServiceRequest.state")).isEqualTo("OPEN");
        assertThat((Integer) opened.data("openServiceRequest.kind.serviceHours")).isEqualTo(120);
        assertThat(OffsetDateTime.parse(opened.data("openServiceRequest.dueAt")))
                .isCloseTo(OffsetDateTime.now(ZoneOffset.UTC).plusHours(120), within(Duration.ofMinutes(2)));
        assertThat((List<String>) opened.data("openServiceRequest.steps[*].step")).containsExactly("OPENED");

        Reply referred = step("uptpk", "referServiceRequest", pairs("id", id, "expectedVersion", version(opened, "openServiceRequest"),
                "agency", "DINKES", "note", "Check KIS-PBI APBD"));
        assertThat(referred.errors()).as(referred.body()).isEmpty();
        assertThat((String) referred.data("referServiceRequest.state")).isEqualTo("REFERRED");

        // the health office finds it among the requests referred to it, oldest due time first
        Reply inbox = ok("dinkes", "query($filter: ServiceRequestFilter) { serviceRequests(first: 100, filter: $filter) "
                + "{ totalCount edges { node { number dueAt household { id } member { id } } } } }",
                "filter", pairs("agency", "DINKES", "states", List.of("REFERRED"), "householdId", family.id()));
        assertThat((List<String>) inbox.data("serviceRequests.edges[*].node.number")).containsExactly(number);

        Reply accepted = step("dinkes", "acceptServiceRequest", pairs("id", id, "expectedVersion", version(referred, "referServiceRequest")));
        assertThat(accepted.errors()).as(accepted.body()).isEmpty();
        assertThat((String) accepted.data("acceptServiceRequest.state")).isEqualTo("ACCEPTED");

        // the enrolment goes through the hub's own enrolment rules
        Reply enrolled = ok("dinkes", "mutation($input: EnrolBenefitInput!) { enrolBenefit(input: $input) { id } }",
                "input", pairs("programme", "KIS_PBI", "memberId", family.child().id(), "startsOn", LocalDate.now(),
                        "funding", "APBD", "reason", "Desk request " + number));
        String benefit = enrolled.data("enrolBenefit.id");

        Reply resolved = step("dinkes", "resolveServiceRequest", pairs("id", id, "expectedVersion", version(accepted, "acceptServiceRequest"),
                "outcome", "ENROLLED", "note", "Enrolled in KIS-PBI APBD", "benefitId", benefit));
        assertThat(resolved.errors()).as(resolved.body()).isEmpty();
        assertThat((String) resolved.data("resolveServiceRequest.state")).isEqualTo("RESOLVED");
        assertThat((String) resolved.data("resolveServiceRequest.benefit.id")).isEqualTo(benefit);
        assertThat((String) resolved.data("resolveServiceRequest.benefit.programme.code")).isEqualTo("KIS_PBI");
        assertThat((Boolean) resolved.data("resolveServiceRequest.overdue")).isFalse();
        assertThat((List<String>) resolved.data("resolveServiceRequest.steps[*].step"))
                .containsExactly("OPENED", "REFERRED", "ACCEPTED", "RESOLVED");

        // the resident checks the state with the receipt number and the birth date, and learns nothing else
        Reply status = get("/public/service-requests/" + number + "/status?birthDate=" + family.head().birthDate());
        assertThat(status.status()).isEqualTo(200);
        assertThat((Map<String, Object>) status.at("$")).containsOnlyKeys("number", "state").containsEntry("state", "RESOLVED");
        Reply wrongDate = get("/public/service-requests/" + number + "/status?birthDate=" + family.head().birthDate().plusDays(1));
        Reply noSuchNumber = get("/public/service-requests/LYN-1999-999999/status?birthDate=" + family.head().birthDate());
        assertThat(wrongDate.status()).isEqualTo(404);
        assertThat(wrongDate.body()).isEqualTo(noSuchNumber.body()).doesNotContain("RESOLVED");

        // the request is in the person's history and in the change feed, as the health office reads them
        Reply history = ok("dinkes", "query($id: ID!) { node(id: $id) { ... on Member { history(first: 50) "
                + "{ edges { node { type operation changes { field after } } } } } } }", "id", family.child().id());
        assertThat((List<String>) history.data("node.history.edges[*].node.operation"))
                .contains("openServiceRequest", "referServiceRequest", "acceptServiceRequest", "resolveServiceRequest");
        assertThat((List<String>) history.data("node.history.edges[?(@.node.type == 'ServiceRequest')].node.changes[*].after"))
                .contains("RESOLVED", "ENROLLED");
        Reply otherOffice = ok("perkim", "query($id: ID!) { node(id: $id) { ... on Household { history(first: 50) "
                + "{ edges { node { type } } } } } }", "id", family.id());
        assertThat((List<String>) otherOffice.data("node.history.edges[*].node.type")).doesNotContain("ServiceRequest");
    }

    @Test
    void anOfficeThatFindsThePersonNotEligibleSaysWhichRule() {
        Household family = household(APUAN, uniqueName());
        Reply opened = open("uptpk", pairs("kind", "HOUSE_RENOVATION", "householdId", family.id(), "reporterMemberId", family.head().id(),
                "description", "The roof leaks."));
        String id = opened.data("openServiceRequest.id");
        Reply referred = step("uptpk", "referServiceRequest", pairs("id", id, "expectedVersion", 1, "agency", "PERKIM"));
        Reply resolved = step("perkim", "resolveServiceRequest", pairs("id", id, "expectedVersion", version(referred, "referServiceRequest"),
                "outcome", "NOT_ELIGIBLE", "note", "RTLH_ONCE: the house was renovated in 2019"));
        assertThat(resolved.errors()).as(resolved.body()).isEmpty();
        assertThat((String) resolved.data("resolveServiceRequest.outcomeNote")).contains("RTLH_ONCE");

        // an enrolment outcome without its benefit, a second resolution, a stale version: refused, nothing written
        Household other = household(APUAN, uniqueName());
        Reply second = open("uptpk", pairs("kind", "INFORMATION", "householdId", other.id(), "reporterMemberId", other.head().id(),
                "description", "When is BLT paid?"));
        String secondId = second.data("openServiceRequest.id");
        Reply noBenefit = step("uptpk", "resolveServiceRequest", pairs("id", secondId, "expectedVersion", 1, "outcome", "ENROLLED",
                "note", "Enrolled"));
        assertThat(noBenefit.classifications()).containsExactly("BAD_REQUEST");
        assertThat(noBenefit.fields()).containsExactly("input.benefitId");
        Reply stale = step("uptpk", "resolveServiceRequest", pairs("id", secondId, "expectedVersion", 7, "outcome", "ANSWERED",
                "note", "Answered at the desk"));
        assertThat(stale.classifications()).containsExactly("CONFLICT");
        Reply answered = step("uptpk", "resolveServiceRequest", pairs("id", secondId, "expectedVersion", 1, "outcome", "ANSWERED",
                "note", "Answered at the desk"));
        assertThat(answered.errors()).as(answered.body()).isEmpty();
        Reply again = step("uptpk", "resolveServiceRequest", pairs("id", secondId, "expectedVersion", 2, "outcome", "ANSWERED",
                "note", "Again"));
        assertThat(again.classifications()).containsExactly("CONFLICT");
        Reply badKind = ask("uptpk", "mutation($input: OpenServiceRequestInput!) { openServiceRequest(input: $input) { id } }",
                "input", pairs("kind", "PONY", "householdId", other.id(), "reporterMemberId", other.head().id(), "description", "x"));
        assertThat(badKind.classifications()).containsExactly("NOT_FOUND");
        assertThat(badKind.fields()).containsExactly("input.kind");
        Reply noSubject = ask("uptpk", "mutation($input: OpenServiceRequestInput!) { openServiceRequest(input: $input) { id } }",
                "input", pairs("kind", "JKN_PBI", "reporterMemberId", other.head().id(), "description", "Cover please"));
        assertThat(noSubject.fields()).containsExactly("input.householdId");
    }

    @Test
    void eachOfficeSeesOnlyTheRequestsReferredToItNow() {
        Household family = household(APUAN, uniqueName());
        String health = open("uptpk", pairs("kind", "JKN_PBI", "memberId", family.head().id(), "reporterMemberId", family.head().id(),
                "description", "Cover for Wayan")).data("openServiceRequest.id");
        String house = open("desa", pairs("kind", "HOUSE_RENOVATION", "householdId", family.id(), "reporterMemberId", family.head().id(),
                "description", "Unfit house")).data("openServiceRequest.id");
        step("uptpk", "referServiceRequest", pairs("id", health, "expectedVersion", 1, "agency", "DINKES"));
        Reply toHousing = step("desa", "referServiceRequest", pairs("id", house, "expectedVersion", 1, "agency", "PERKIM"));
        assertThat(toHousing.errors()).as(toHousing.body()).isEmpty();

        assertThat(visibleIds("dinkes", family)).containsExactly(health);
        assertThat(visibleIds("perkim", family)).containsExactly(house);
        assertThat(visibleIds("disdik", family)).isEmpty();
        assertThat(visibleIds("dinsos", family)).isEmpty();
        assertThat(visibleIds("desa", family)).containsExactlyInAnyOrder(health, house);
        assertThat(visibleIds("desa-b", family)).isEmpty();
        assertThat(visibleIds("uptpk", family)).containsExactlyInAnyOrder(health, house);
        assertThat((Object) ok("dinsos", "query($id: ID!) { node(id: $id) { id } }", "id", health).data("node")).isNull();
        Reply planner = ask("bappeda", "{ serviceRequests { totalCount } }");
        assertThat(planner.errors()).isNotEmpty();
        assertThat(planner.body()).doesNotContain(health);

        // an office neither refers nor reads who asked
        Reply officeRefers = step("dinkes", "referServiceRequest", pairs("id", health, "expectedVersion", 2, "agency", "DINSOS"));
        assertThat(officeRefers.classifications()).containsExactly("FORBIDDEN");
        assertThat(ask("dinkes", "query($id: ID!) { node(id: $id) { ... on ServiceRequest { reporter { name } } } }", "id", health)
                .errors()).isNotEmpty();

        // referred on: the health office loses it, the education office finds it, gives it back to the desk and loses it too
        Reply onward = step("uptpk", "referServiceRequest", pairs("id", health, "expectedVersion", 2, "agency", "DISDIK",
                "note", "School health cover"));
        assertThat(onward.errors()).as(onward.body()).isEmpty();
        assertThat(visibleIds("dinkes", family)).isEmpty();
        Reply lost = step("dinkes", "acceptServiceRequest", pairs("id", health, "expectedVersion", 3));
        assertThat(lost.classifications()).containsExactly("NOT_FOUND");
        assertThat(visibleIds("disdik", family)).containsExactly(health);
        Reply withoutReason = step("disdik", "returnServiceRequest", pairs("id", health, "expectedVersion", 3));
        assertThat(withoutReason.fields()).containsExactly("input.note");
        Reply returned = step("disdik", "returnServiceRequest", pairs("id", health, "expectedVersion", 3, "note", "Not ours: health cover"));
        assertThat(returned.errors()).as(returned.body()).isEmpty();
        assertThat((String) returned.data("returnServiceRequest.state")).isEqualTo("OPEN");
        assertThat((Object) returned.data("returnServiceRequest.agency")).isNull();
        assertThat(visibleIds("disdik", family)).isEmpty();
        assertThat((List<String>) ok("uptpk", "query($id: ID!) { node(id: $id) { ... on ServiceRequest { steps { step } } } }",
                "id", health).data("node.steps[*].step")).containsExactly("OPENED", "REFERRED", "REFERRED", "RETURNED");
    }

    @Test
    void theReporterOfAnInclusionComplaintReachesNoOfficeOnAnyPath() {
        Household reported = household(APUAN, uniqueName());
        String reporterName = "Pelapor " + uniqueName();
        LocalDate born = LocalDate.of(1980, 5, 17);
        String reporterNik = TestIdentities.nik(true, born);
        String phone = "0812" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        String cursor = lastCursor();
        Reply opened = open("desa", pairs("kind", "INCLUSION_ERROR", "householdId", reported.id(), "reporterNik", reporterNik,
                "reporterName", reporterName, "reporterBirthDate", born, "reporterPhone", phone,
                "description", "The family owns two cars and receives PKH."));
        String id = opened.data("openServiceRequest.id");
        String number = opened.data("openServiceRequest.number");
        Reply referred = step("desa", "referServiceRequest", pairs("id", id, "expectedVersion", 1, "agency", "DINSOS"));
        assertThat(referred.errors()).as(referred.body()).isEmpty();

        // the desk sees who reported
        Reply desk = ok("uptpk", "query($number: String) { serviceRequest(number: $number) { reporter { nik name phone member { id } } } }",
                "number", number);
        assertThat((String) desk.data("serviceRequest.reporter.name")).isEqualTo(reporterName);
        assertThat((String) desk.data("serviceRequest.reporter.nik")).isEqualTo(reporterNik);

        List<String> secrets = List.of(reporterName, reporterNik, phone, born.toString(), masked(reporterNik));
        // the office it is referred to: the request itself, the reported household's history, the change feed, refusals
        List<Reply> paths = List.of(
                ok("dinsos", "query($number: String) { serviceRequest(number: $number) { " + REQUEST_FIELDS
                        + " household { id history(first: 100) { edges { node { type actor { username } changes { field before after } } } } } } }",
                        "number", number),
                ok("dinsos", "query($id: ID!) { serviceRequests(first: 100, filter: {householdId: $id}) { edges { node { "
                        + REQUEST_FIELDS + " } } } }", "id", reported.id()),
                ok("dinsos", "query($after: String) { changes(first: 100, after: $after, types: [\"ServiceRequest\"]) "
                        + "{ edges { node { type key changes { field before after } } } } }", "after", cursor),
                ask("dinsos", "query($number: String) { serviceRequest(number: $number) { reporter { name nik } } }", "number", number),
                step("dinsos", "acceptServiceRequest", pairs("id", id, "expectedVersion", 99)),
                step("dinsos", "referServiceRequest", pairs("id", id, "expectedVersion", 2, "agency", "DINKES")),
                step("dinsos", "resolveServiceRequest", pairs("id", id, "expectedVersion", 2, "outcome", "ENROLLED", "note", "x")),
                // the reported family's other readers, and the desk's own history, show no reporter either
                ok("uptpk", "query($id: ID!) { node(id: $id) { ... on Household { history(first: 100) "
                        + "{ edges { node { type changes { field before after } } } } } } }", "id", reported.id()),
                ok("desa", "query($id: ID!) { node(id: $id) { ... on Household { history(first: 100) "
                        + "{ edges { node { type changes { field before after } } } } } } }", "id", reported.id()));
        for (Reply path : paths) {
            for (String secret : secrets) {
                assertThat(path.body()).as("an answer about the complaint").doesNotContain(secret);
            }
        }
        // the paths above did reach the complaint
        assertThat(paths.getFirst().body()).contains(number).contains("ServiceRequest");
        assertThat(paths.get(2).body()).contains("INCLUSION_ERROR");
        assertThat(paths.get(3).errors()).isNotEmpty();
        // the status check answers the state only
        Reply status = get("/public/service-requests/" + number + "/status?birthDate=" + born);
        assertThat((Map<String, Object>) status.at("$")).containsOnlyKeys("number", "state");
    }

    @Test
    void theServiceLevelClockMakesRequestsOverdueAndTheOverdueAreEscalated() {
        // a day of its own, decades ahead, so the figures of that day are this test's alone
        clock.advance(Duration.ofDays(365L * 30 + ThreadLocalRandom.current().nextInt(3000)));
        LocalDate day = LocalDate.now(clock.withZone(java.time.ZoneId.of("Asia/Makassar")));
        if (OffsetDateTime.now(clock).atZoneSameInstant(java.time.ZoneId.of("Asia/Makassar")).getHour() >= 20) {
            clock.advance(Duration.ofHours(5));
            day = LocalDate.now(clock.withZone(java.time.ZoneId.of("Asia/Makassar")));
        }
        Household family = household(APUAN, uniqueName());
        Reply late = open("uptpk", pairs("kind", "DATA_CORRECTION", "householdId", family.id(), "reporterMemberId", family.head().id(),
                "description", "The head's name is misspelt."));
        Reply quick = open("uptpk", pairs("kind", "DATA_CORRECTION", "householdId", family.id(), "reporterMemberId", family.head().id(),
                "description", "The child's birth date is wrong."));
        String lateId = late.data("openServiceRequest.id");
        String quickId = quick.data("openServiceRequest.id");
        // UU 27/2022: a correction within 3 x 24 hours
        assertThat((Integer) late.data("openServiceRequest.kind.serviceHours")).isEqualTo(72);
        for (String id : List.of(lateId, quickId)) {
            assertThat(step("uptpk", "referServiceRequest", pairs("id", id, "expectedVersion", 1, "agency", "DINSOS")).errors()).isEmpty();
            assertThat(step("dinsos", "acceptServiceRequest", pairs("id", id, "expectedVersion", 2)).errors()).isEmpty();
        }
        clock.advance(Duration.ofHours(1));
        assertThat(step("dinsos", "resolveServiceRequest", pairs("id", quickId, "expectedVersion", 3, "outcome", "CORRECTED",
                "note", "Birth date corrected")).errors()).isEmpty();
        assertThat(overdueIds(family)).isEmpty();

        clock.advance(Duration.ofHours(72));
        assertThat(overdueIds(family)).containsExactly(lateId);
        Reply escalated = ok("uptpk", "mutation { escalateOverdueServiceRequests(input: {kind: \"DATA_CORRECTION\"}) { id escalatedAt steps { step } } }");
        assertThat((List<String>) escalated.data("escalateOverdueServiceRequests[*].id")).contains(lateId).doesNotContain(quickId);
        assertThat((List<String>) escalated.data("escalateOverdueServiceRequests[?(@.id == '" + lateId + "')].steps[*].step"))
                .containsExactly("OPENED", "REFERRED", "ACCEPTED", "ESCALATED");
        assertThat((List<String>) ok("uptpk", "mutation { escalateOverdueServiceRequests(input: {}) { id } }")
                .data("escalateOverdueServiceRequests[*].id")).doesNotContain(lateId);
        Reply dinsosOnly = ask("dinsos", "mutation { escalateOverdueServiceRequests(input: {}) { id } }");
        assertThat(dinsosOnly.classifications()).containsExactly("FORBIDDEN");

        clock.advance(Duration.ofHours(6));
        Reply resolvedLate = step("dinsos", "resolveServiceRequest", pairs("id", lateId, "expectedVersion", 4, "outcome", "CORRECTED",
                "note", "Name corrected"));
        assertThat(resolvedLate.errors()).as(resolvedLate.body()).isEmpty();
        assertThat((Boolean) resolvedLate.data("resolveServiceRequest.overdue")).isTrue();

        Reply figures = ok("bappeda", "query($period: DeskPeriod!) { serviceLevelFigures(period: $period) { agency { code } referred open "
                + "overdue resolved resolvedWithinServiceLevel medianHoursToResolve } }", "period", pairs("from", day, "to", day));
        assertThat((List<Map<String, Object>>) figures.data("serviceLevelFigures")).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("agency", Map.of("code", "DINSOS")).containsEntry("referred", 2).containsEntry("open", 0)
                    .containsEntry("resolved", 2).containsEntry("resolvedWithinServiceLevel", 1);
            // 1 hour and 79 hours
            assertThat(((Number) row.get("medianHoursToResolve")).doubleValue()).isCloseTo(40.0, within(0.1));
        });
    }

    @Test
    void theStatusCheckIsRateLimitedPerRequestNumber() {
        Household family = household(APUAN, uniqueName());
        String number = open("uptpk", pairs("kind", "FOOD_AID", "householdId", family.id(), "reporterMemberId", family.head().id(),
                "description", "No rice this month")).data("openServiceRequest.number");
        // five guesses an hour for one number (the test setting), from any address
        for (int guess = 1; guess <= 5; guess++) {
            assertThat(get("/public/service-requests/" + number + "/status?birthDate=1900-01-0" + guess).status()).isEqualTo(404);
        }
        Reply limited = get("/public/service-requests/" + number + "/status?birthDate=" + family.head().birthDate());
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body()).doesNotContain("OPEN").contains("LIMIT_EXCEEDED");
        var headers = client().get().uri("/public/service-requests/" + number + "/status?birthDate=" + family.head().birthDate())
                .exchange().returnResult(String.class).getResponseHeaders();
        assertThat(headers.getFirst("Retry-After")).isNotBlank();
    }

    private List<String> visibleIds(String user, Household family) {
        return ok(user, "query($id: ID!) { serviceRequests(first: 100, filter: {householdId: $id}) { totalCount edges { node { id } } } }",
                "id", family.id()).data("serviceRequests.edges[*].node.id");
    }

    private List<String> overdueIds(Household family) {
        return ok("uptpk", "query($id: ID!) { serviceRequests(first: 100, filter: {householdId: $id, overdue: true}) "
                + "{ edges { node { id overdue } } } }", "id", family.id()).data("serviceRequests.edges[*].node.id");
    }

    private String lastCursor() {
        String cursor = null;
        for (int page = 0; page < 10_000; page++) {
            Reply reply = ok("uptpk", "query($after: String) { changes(first: 100, after: $after) { pageInfo { endCursor hasNextPage } } }",
                    "after", cursor);
            String end = reply.data("changes.pageInfo.endCursor");
            if (end != null) {
                cursor = end;
            }
            if (!Boolean.TRUE.equals(reply.data("changes.pageInfo.hasNextPage"))) {
                return cursor;
            }
        }
        return cursor;
    }
}
