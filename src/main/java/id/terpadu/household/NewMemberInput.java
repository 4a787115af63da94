package id.terpadu.household;

import id.terpadu.db.codes.Relationship;
import id.terpadu.db.codes.Sex;

import java.time.LocalDate;

/** A person to register, as the family card lists them. */
public record NewMemberInput(String nik, String name, Sex sex, LocalDate birthDate, Relationship relationship) {
}
