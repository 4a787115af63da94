package id.terpadu.household;

import id.terpadu.RepositoryTest;
import id.terpadu.access.AccessPolicy;
import id.terpadu.access.RowScopes;
import id.terpadu.db.codes.Relationship;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.MemberRecord;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** People are found as the caller may see them: in its region, of the ages its roles see. */
class MemberRepositoryTest extends RepositoryTest {

    @Test
    void aVillageOperatorFindsThePeopleOfItsVillageOnly() {
        MemberRepository members = new MemberRepository(dsl, RowScopes.of(AccessPolicy.load()));
        MemberRecord here = member(household(VILLAGE), "Wayan Sini", LocalDate.of(1980, 1, 1), Relationship.HEAD);
        MemberRecord there = member(household(ELSEWHERE), "Wayan Sana", LocalDate.of(1980, 1, 1), Relationship.HEAD);

        assertThat(members.findByNik(caller("desa", VILLAGE), here.getNik())).isPresent();
        assertThat(members.findByNik(caller("desa", VILLAGE), there.getNik())).isEmpty();
        assertThat(members.findByNik(caller("desa", null), here.getNik())).as("a village role without a region").isEmpty();
        assertThat(members.findByNik(caller("dinsos", null), there.getNik())).isPresent();
    }

    @Test
    void theEducationOfficeFindsSchoolAgeMembersOnly() {
        MemberRepository members = new MemberRepository(dsl, RowScopes.of(AccessPolicy.load()));
        HouseholdRecord household = household(VILLAGE);
        member(household, "Wayan Tua", LocalDate.now().minusYears(40), Relationship.HEAD);
        MemberRecord pupil = member(household, "Putu Muda", LocalDate.now().minusYears(12), Relationship.CHILD);

        List<MemberRecord> seen = members.findByHouseholds(caller("disdik", null), List.of(household.getId()));
        assertThat(seen).extracting(MemberRecord::getId).containsExactly(pupil.getId());
        assertThat(members.findByHouseholds(caller("dinsos", null), List.of(household.getId()))).hasSize(2);
    }
}
