package id.terpadu.duplicate;

import id.terpadu.RepositoryTest;
import id.terpadu.db.codes.Relationship;
import id.terpadu.db.tables.records.MemberRecord;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static id.terpadu.db.Tables.MEMBER;
import static org.assertj.core.api.Assertions.assertThat;

/** Likely duplicates, found set-based by the name key and birth date, or by NIKs one digit apart. */
class DuplicateRepositoryTest extends RepositoryTest {

    @Test
    void theSameNameSpelledAnotherWayAndBornOnTheSameDayIsAPair() {
        LocalDate born = LocalDate.of(1955, 8, 17);
        MemberRecord old = member(household(VILLAGE), "Moch. Soewandi", born, Relationship.HEAD);
        MemberRecord today = member(household(VILLAGE), "Muhammad Suwandi", born, Relationship.HEAD);
        MemberRecord dayLater = member(household(VILLAGE), "Muhammad Suwandi", born.plusDays(1), Relationship.HEAD);

        List<DuplicateRepository.Pair> byName = new DuplicateRepository(dsl).pairs("51.06.01", 1000).stream()
                .filter(pair -> pair.reason().equals(DuplicateRepository.SAME_NAME_AND_BIRTH_DATE)).toList();

        assertThat(byName).contains(new DuplicateRepository.Pair(DuplicateRepository.SAME_NAME_AND_BIRTH_DATE, old.getId(), today.getId()));
        assertThat(byName).as("born a day later: another person").noneMatch(pair ->
                pair.earlierId() == dayLater.getId() || pair.laterId() == dayLater.getId());
    }

    @Test
    void nikOneDigitApartIsAPairAndTwoDigitsApartIsNot() {
        MemberRecord one = member(household(VILLAGE), "Ketut Satu", LocalDate.of(1966, 2, 3), Relationship.HEAD);
        String typo = one.getNik().substring(0, 13) + (char) ('0' + (one.getNik().charAt(13) - '0' + 1) % 10) + one.getNik().substring(14);
        MemberRecord slip = member(household(VILLAGE), "Nyoman Lain", LocalDate.of(1966, 2, 3), Relationship.HEAD);
        dsl.update(MEMBER).set(MEMBER.NIK, typo).where(MEMBER.ID.eq(slip.getId())).execute();

        List<DuplicateRepository.Pair> pairs = new DuplicateRepository(dsl).pairs("51.06.01", 1000);

        assertThat(pairs).contains(new DuplicateRepository.Pair(DuplicateRepository.NIK_ONE_DIGIT_APART, one.getId(), slip.getId()));
    }
}
