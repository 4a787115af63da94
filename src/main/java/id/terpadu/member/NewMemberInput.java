package id.terpadu.member;

import java.time.LocalDate;

/** A person to register, as the family card lists them. */
public record NewMemberInput(String nik, String name, String sex, LocalDate birthDate, String relationship) {
}
