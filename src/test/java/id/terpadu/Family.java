package id.terpadu;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A family card to register: a fresh KK, a village, an address and the people on it. */
record Family(String kk, String villageCode, String address, String rt, String rw, List<Person> members) {

    /** A family of a head, a wife and a child in this village; every name carries {@code surname}. */
    static Family of(String villageCode, String surname) {
        return new Family(TestIdentities.kk(), villageCode, "Jalan Raya " + surname, "001", "002", List.of(
                Person.man("Wayan " + surname, "HEAD"),
                Person.woman("Ketut " + surname, "SPOUSE"),
                Person.man("Made " + surname, "CHILD")));
    }

    static Family of(String villageCode, Person... members) {
        return new Family(TestIdentities.kk(), villageCode, "Jalan Kintamani 7", "003", "004", List.of(members));
    }

    Person head() {
        return members.stream().filter(member -> member.relationship().equals("HEAD")).findFirst().orElseThrow();
    }

    Family withKk(String otherKk) {
        return new Family(otherKk, villageCode, address, rt, rw, members);
    }

    Family withVillage(String otherVillageCode) {
        return new Family(kk, otherVillageCode, address, rt, rw, members);
    }

    Family withAddress(String otherAddress, String otherRt, String otherRw) {
        return new Family(kk, villageCode, otherAddress, otherRt, otherRw, members);
    }

    Family withMembers(Person... others) {
        return new Family(kk, villageCode, address, rt, rw, List.of(others));
    }

    /** This family with member {@code index} replaced. */
    Family withMember(int index, Person other) {
        List<Person> changed = Stream.concat(
                Stream.concat(members.subList(0, index).stream(), Stream.of(other)),
                members.subList(index + 1, members.size()).stream()).toList();
        return new Family(kk, villageCode, address, rt, rw, changed);
    }

    /** The {@code RegisterHouseholdInput} of the schema. */
    Map<String, Object> input() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("kk", kk);
        input.put("villageCode", villageCode);
        input.put("address", address);
        input.put("rt", rt);
        input.put("rw", rw);
        input.put("members", members.stream().map(Person::input).toList());
        return input;
    }
}
