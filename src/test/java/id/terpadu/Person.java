package id.terpadu;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** A person as a village operator types them from a family card, with a fresh NIK that agrees with them. */
record Person(String nik, String name, String sex, LocalDate birthDate, String relationship) {

    static Person man(String name, String relationship) {
        LocalDate born = TestIdentities.birthDate();
        return new Person(TestIdentities.nik(false, born), name, "MALE", born, relationship);
    }

    static Person woman(String name, String relationship) {
        LocalDate born = TestIdentities.birthDate();
        return new Person(TestIdentities.nik(true, born), name, "FEMALE", born, relationship);
    }

    /** A person born on this day, for ages that matter (a pupil, a newborn). */
    static Person born(LocalDate born, boolean female, String name, String relationship) {
        return new Person(TestIdentities.nik(female, born), name, female ? "FEMALE" : "MALE", born, relationship);
    }

    Person withNik(String otherNik) {
        return new Person(otherNik, name, sex, birthDate, relationship);
    }

    Person withSex(String otherSex) {
        return new Person(nik, name, otherSex, birthDate, relationship);
    }

    Person withBirthDate(LocalDate otherBirthDate) {
        return new Person(nik, name, sex, otherBirthDate, relationship);
    }

    Person withName(String otherName) {
        return new Person(nik, otherName, sex, birthDate, relationship);
    }

    Person as(String otherRelationship) {
        return new Person(nik, name, sex, birthDate, otherRelationship);
    }

    /** The {@code NewMemberInput} of the schema. */
    Map<String, Object> input() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("nik", nik);
        input.put("name", name);
        input.put("sex", sex);
        input.put("birthDate", birthDate.toString());
        input.put("relationship", relationship);
        return input;
    }
}
