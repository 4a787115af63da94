package id.terpadu;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.GraphQlResponse;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Likely duplicates the unique NIK cannot catch: the same name and birth date in one district, or NIKs one digit apart. */
class DuplicateCandidatesTest extends ApiTest {

    /** Langgahan, in the Kintamani district: another district than Susut. */
    private static final String KINTAMANI_VILLAGE = "51.06.04.2005";

    private static GraphQlTester.Response candidates(HttpGraphQlTester tester, String region, Integer first) {
        return tester.documentName("duplicateCandidates").variable("region", region).variable("first", first).execute();
    }

    /** The pairs answered, as reason, earlier NIK and later NIK. */
    @SuppressWarnings("unchecked")
    private static List<List<String>> pairs(GraphQlTester.Response response) {
        List<Map<String, Object>> candidates = response.path("duplicateCandidates").entityList(Map.class).get()
                .stream().map(candidate -> (Map<String, Object>) candidate).toList();
        return candidates.stream().map(candidate -> List.of((String) candidate.get("reason"),
                (String) ((Map<String, Object>) candidate.get("earlier")).get("nik"),
                (String) ((Map<String, Object>) candidate.get("later")).get("nik"))).toList();
    }

    /** The same NIK with its last digit changed: still a valid NIK, one digit apart. */
    private static String oneDigitApart(String nik) {
        char last = nik.charAt(15);
        return nik.substring(0, 15) + (last == '9' ? '8' : (char) (last + 1));
    }

    /** The same NIK with its last two digits changed. */
    private static String twoDigitsApart(String nik) {
        char last = nik.charAt(15);
        char before = nik.charAt(14);
        return nik.substring(0, 14) + (before == '9' ? '8' : (char) (before + 1)) + (last == '9' ? '8' : (char) (last + 1));
    }

    /** A NIK as the social office sees it: first four digits, eight stars, last four. */

    /** The same person typed again under another NIK, two digits off so that only the name and birth date tell. */
    private static Person spelledAs(Person person, String name) {
        return person.withNik(twoDigitsApart(person.nik())).withName(name);
    }

    @Test
    void sameNameSpelledDifferentlyAndSameBirthDateInOneDistrictIsACandidate() {
        String surname = token();
        Person first = Person.born(LocalDate.of(1968, 8, 17), false, "Mochammad Soedjono " + surname, "HEAD");
        Person second = spelledAs(first, "MUHAMAD  SUJONO " + surname.toUpperCase());
        register(Family.of(TestIdentities.VILLAGE, first));
        register(Family.of(TestIdentities.OTHER_VILLAGE, second));

        GraphQlTester.Response response = candidates(graphQl, "51.06.01", 100);

        assertThat(pairs(response)).contains(List.of("SAME_NAME_AND_BIRTH_DATE", first.nik(), second.nik()));
        assertThat(pairs(response).getFirst()).as("newest pair first")
                .isEqualTo(List.of("SAME_NAME_AND_BIRTH_DATE", first.nik(), second.nik()));
        response.path("duplicateCandidates[0].earlier.name").entity(String.class).isEqualTo(first.name())
                .path("duplicateCandidates[0].later.name").entity(String.class).isEqualTo(second.name())
                .path("duplicateCandidates[0].later.household.village.code").entity(String.class).isEqualTo(TestIdentities.OTHER_VILLAGE);
    }

    @Test
    void sameNameAndBirthDateInAnotherDistrictIsNoCandidate() {
        String surname = token();
        Person first = Person.born(LocalDate.of(1971, 2, 3), true, "Ni Ketut Sriani " + surname, "HEAD");
        Person second = spelledAs(first, "Ni Ketut Sriani " + surname);
        register(Family.of(TestIdentities.VILLAGE, first));
        register(Family.of(KINTAMANI_VILLAGE, second));

        assertThat(pairs(candidates(graphQl, "51.06", 100)))
                .noneMatch(pair -> pair.contains(first.nik()) || pair.contains(second.nik()));
    }

    @Test
    void sameNameWithAnotherBirthDateIsNoCandidate() {
        String surname = token();
        Person first = Person.born(LocalDate.of(1980, 1, 5), false, "Gede Arsana " + surname, "HEAD");
        Person second = Person.born(LocalDate.of(1980, 1, 6), false, "Gede Arsana " + surname, "HEAD");
        register(Family.of(TestIdentities.VILLAGE, first));
        register(Family.of(TestIdentities.VILLAGE, second));

        assertThat(pairs(candidates(graphQl, "51.06", 100)))
                .noneMatch(pair -> pair.contains(first.nik()) || pair.contains(second.nik()));
    }

    @Test
    void niksOneDigitApartAreACandidateAndTwoDigitsApartAreNot() {
        Person first = Person.born(LocalDate.of(1990, 4, 12), false, "Komang Adi " + token(), "HEAD");
        Person typo = first.withNik(oneDigitApart(first.nik())).withName("Kadek Wira " + token());
        Person twoOff = first.withNik(twoDigitsApart(first.nik())).withName("Putu Gede " + token());
        register(Family.of(TestIdentities.VILLAGE, first));
        register(Family.of(KINTAMANI_VILLAGE, typo));
        register(Family.of(TestIdentities.OTHER_VILLAGE, twoOff));

        List<List<String>> pairs = pairs(candidates(graphQl, "51.06", 100));

        assertThat(pairs).contains(List.of("NIK_ONE_DIGIT_APART", first.nik(), typo.nik()));
        assertThat(pairs).filteredOn(pair -> pair.contains(twoOff.nik()))
                .containsExactly(List.of("NIK_ONE_DIGIT_APART", typo.nik(), twoOff.nik()));
    }

    @Test
    void niksThatDifferInTheBirthYearOnlyAreACandidate() {
        Person first = Person.born(LocalDate.of(1990, 4, 12), true, "Ni Luh Ayu " + token(), "HEAD");
        // the clerk typed 91 for 90: a NIK of one born a year later, otherwise the same
        Person typo = first.withNik(first.nik().substring(0, 11) + "1" + first.nik().substring(12))
                .withBirthDate(LocalDate.of(1991, 4, 12)).withName("Ni Kadek Sari " + token());
        register(Family.of(TestIdentities.VILLAGE, first));
        register(Family.of(TestIdentities.VILLAGE, typo));

        assertThat(pairs(candidates(graphQl, "51.06.01.2001", 100)))
                .contains(List.of("NIK_ONE_DIGIT_APART", first.nik(), typo.nik()));
    }

    @Test
    void candidatesOutsideTheAskedRegionAreNotListed() {
        String surname = token();
        Person first = Person.born(LocalDate.of(1966, 6, 6), false, "Wayan Regig " + surname, "HEAD");
        register(Family.of(TestIdentities.VILLAGE, first));
        register(Family.of(TestIdentities.OTHER_VILLAGE, spelledAs(first, "Wyn Regig " + surname)));

        assertThat(pairs(candidates(graphQl, "51.06.01", 100))).anyMatch(pair -> pair.contains(first.nik()));
        assertThat(pairs(candidates(graphQl, "51.06.04", 100))).noneMatch(pair -> pair.contains(first.nik()));
        assertThat(pairs(candidates(graphQl, "51.06.01.2001", 100))).as("only one of the two lives in Apuan")
                .noneMatch(pair -> pair.contains(first.nik()));
    }

    @Test
    void aRegionWiderThanTheCallersIsSearchedWithinTheCallersOnlyAndAnotherRegionHoldsNone() {
        String surname = token();
        Person first = Person.born(LocalDate.of(1959, 9, 9), false, "Nyoman Lodra " + surname, "HEAD");
        register(Family.of(TestIdentities.VILLAGE, first));
        register(Family.of(TestIdentities.OTHER_VILLAGE, spelledAs(first, "Njoman Lodra " + surname)));

        String seen = masked(first.nik());

        assertThat(pairs(candidates(as("dinsos"), "51", 100))).as("Bali, searched within Bangli")
                .anyMatch(pair -> pair.contains(seen));
        assertThat(pairs(candidates(as("dinsos"), "5106", 100))).anyMatch(pair -> pair.contains(seen));
        candidates(as("dinsos"), "52", 100).path("duplicateCandidates").entityList(Object.class).hasSize(0);
        candidates(as("dinsos"), "51.03", 100).path("duplicateCandidates").entityList(Object.class).hasSize(0);
    }

    @Test
    void socialOfficeSeesTheCandidatesWithNiksMasked() {
        String surname = token();
        Person first = Person.born(LocalDate.of(1977, 7, 7), true, "Ni Made Suci " + surname, "HEAD");
        Person second = spelledAs(first, "Ni Md. Suci " + surname);
        register(Family.of(TestIdentities.VILLAGE, first));
        register(Family.of(TestIdentities.OTHER_VILLAGE, second));

        GraphQlTester.Response response = candidates(as("dinsos"), "51.06.01", 100);

        assertThat(pairs(response).getFirst())
                .isEqualTo(List.of("SAME_NAME_AND_BIRTH_DATE", masked(first.nik()), masked(second.nik())));
        response.path("duplicateCandidates[0].earlier.name").entity(String.class).isEqualTo(first.name());
        assertThat(String.valueOf(response.returnResponse().toMap())).doesNotContain(first.nik(), second.nik());
    }

    @Test
    void onlyTheIntegratingUnitAndTheSocialOfficeMayAskForCandidates() {
        for (String user : List.of("desa", "dinkes", "perkim", "disdik", "bappeda", "admin")) {
            GraphQlResponse response = candidates(as(user), "51.06", 10).returnResponse();
            assertThat(response.getErrors()).as(user).isNotEmpty();
            Map<String, Object> data = response.getData();
            assertThat(data == null ? null : data.get("duplicateCandidates")).as(user).isNull();
        }
    }

    @Test
    void firstIsOneToAHundred() {
        refused(candidates(graphQl, "51.06", 0), "BAD_REQUEST", "first");
        refused(candidates(graphQl, "51.06", 101), "BAD_REQUEST", "first");
        assertThat(pairs(candidates(graphQl, "51.06", 1))).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void unknownRegionIsNotFound() {
        refused(candidates(graphQl, "99.99", 10), "NOT_FOUND", "region");
        refused(candidates(graphQl, "Bangli", 10), "NOT_FOUND", "region");
    }

    @Test
    void statementsDoNotGrowWithThePageSize() {
        String surname = token();
        for (int i = 0; i < 3; i++) {
            Person first = Person.born(LocalDate.of(1960 + i, 1, 1), false, "Ketut Pair" + (char) ('a' + i) + " " + surname, "HEAD");
            register(Family.of(TestIdentities.VILLAGE, first));
            register(Family.of(TestIdentities.OTHER_VILLAGE, spelledAs(first, first.name())));
        }
        statements.reset();
        assertThat(pairs(candidates(graphQl, "51.06", 1))).hasSize(1);
        int forOne = statements.count();
        statements.reset();
        assertThat(pairs(candidates(graphQl, "51.06", 3))).hasSize(3);
        assertThat(statements.count()).isEqualTo(forOne);
    }
}
