package id.terpadu;

import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.MemberRecord;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.MEMBER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub as a client sees it: helpers to register families through the API, to read a refusal
 * (classification, field at fault, a clerk's message) and to check that a refused request wrote
 * nothing. Adds no configuration, so every test still shares the one application context.
 */
abstract class ApiTest extends HubTest {

    /** What belongs to a stack trace or to SQL, never to a message a clerk reads. */
    private static final Pattern TECHNICAL = Pattern.compile(
            "SQL|Exception|org\\.|java\\.|jooq|\\bat [\\w$]+\\.[\\w$.]+\\(|\\tat |SELECT |INSERT |UPDATE |DELETE |"
                    + "[a-z]+_(fkey|key|check|idx)\\b|\\bnull\\b");

    /** A word no one else's data holds, to put in names and find exactly this test's households. */
    static String token() {
        StringBuilder token = new StringBuilder("Qz");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 8; i++) {
            token.append((char) ('a' + random.nextInt(26)));
        }
        return token.toString();
    }

    /** What the API answered about a household it registered: its global ID, KK, version and members' IDs by NIK. */
    record Registered(String id, String kk, long version, Map<String, String> memberIds) {

        String memberId(Person person) {
            return memberIds.get(person.nik());
        }
    }

    Registered register(Family family) {
        GraphQlTester.Response response = graphQl.documentName("registerHousehold")
                .variable("input", family.input())
                .execute();
        List<String> niks = response.path("registerHousehold.members[*].nik").entityList(String.class).get();
        List<String> ids = response.path("registerHousehold.members[*].id").entityList(String.class).get();
        Map<String, String> memberIds = new LinkedHashMap<>();
        for (int i = 0; i < niks.size(); i++) {
            memberIds.put(niks.get(i), ids.get(i));
        }
        return new Registered(
                response.path("registerHousehold.id").entity(String.class).get(),
                response.path("registerHousehold.kk").entity(String.class).get(),
                response.path("registerHousehold.version").entity(Long.class).get(),
                memberIds);
    }

    HouseholdRecord householdRow(String kk) {
        return dsl.selectFrom(HOUSEHOLD).where(HOUSEHOLD.KK.eq(kk)).fetchSingle();
    }

    MemberRecord memberRow(String nik) {
        return dsl.selectFrom(MEMBER).where(MEMBER.NIK.eq(nik)).fetchSingle();
    }

    DatabaseSnapshot snapshot() {
        return DatabaseSnapshot.take(dsl);
    }

    /** The one error of a refused request, with its classification and field checked. */
    static ResponseError refused(GraphQlTester.Response response, String classification, String field) {
        AtomicReference<ResponseError> refusal = new AtomicReference<>();
        response.errors().satisfy(errors -> {
            assertThat(errors).as("errors").hasSize(1);
            ResponseError error = errors.getFirst();
            assertThat(error.getExtensions())
                    .as("extensions of '%s'", error.getMessage())
                    .containsEntry("classification", classification)
                    .containsEntry("field", field);
            assertClerkCanRead(error);
            refusal.set(error);
        });
        return refusal.get();
    }

    /** Sends a request that must be refused, and checks that the database is as it was. */
    ResponseError refusedWithoutWrites(GraphQlTester.Request<?> request, String classification, String field) {
        DatabaseSnapshot before = snapshot();
        ResponseError error = refused(request.execute(), classification, field);
        assertThat(snapshot()).as("nothing is written").isEqualTo(before);
        return error;
    }

    /** A message in words, with no stack trace, SQL or internal names, and no internals in the extensions. */
    static void assertClerkCanRead(ResponseError error) {
        assertThat(error.getMessage()).isNotBlank().doesNotContainPattern(TECHNICAL);
        assertThat(error.getExtensions().keySet())
                .doesNotContain("exception", "stackTrace", "trace", "cause", "sql");
        error.getExtensions().forEach((key, value) -> {
            if (!key.endsWith("Id")) {
                assertThat(String.valueOf(value)).as(key).doesNotContainPattern(TECHNICAL);
            }
        });
    }

    /** An input object from name-value pairs; a null value is sent as an explicit null. */
    static Map<String, Object> input(Object... namesAndValues) {
        Map<String, Object> input = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            input.put((String) namesAndValues[i], value instanceof java.time.LocalDate date ? date.toString() : value);
        }
        return input;
    }

    static long number(Map<String, Object> extensions, String key) {
        assertThat(extensions).containsKey(key);
        return ((Number) extensions.get(key)).longValue();
    }
}
