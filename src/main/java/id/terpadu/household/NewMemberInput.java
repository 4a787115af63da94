package id.terpadu.household;

import java.time.LocalDate;

/** A person to register, as the family card lists them. */
record NewMemberInput(String nik, String name, String sex, LocalDate birthDate, String relationship) {
}
