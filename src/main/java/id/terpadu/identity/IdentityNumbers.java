package id.terpadu.identity;

import id.terpadu.db.codes.Sex;
import id.terpadu.error.BadRequestException;
import id.terpadu.region.RegionRepository;
import org.springframework.stereotype.Component;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Checks NIK and KK numbers as Dukcapil issues them: 16 digits, beginning with the six digits of
 * an existing district; a NIK then carries the birth date DDMMYY (women add 40 to the day), a KK
 * its issue date DDMMYY.
 */
@Component
public class IdentityNumbers {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd-MM-yyyy");

    private final RegionRepository regions;

    IdentityNumbers(RegionRepository regions) {
        this.regions = regions;
    }

    /** Checks a NIK against the person it should belong to. */
    public void checkNik(String nik, String field, Sex sex, LocalDate birthDate) {
        checkShape(nik, field, "NIK");
        int day = Integer.parseInt(nik.substring(6, 8));
        boolean female = day > 40;
        int birthDay = female ? day - 40 : day;
        int month = Integer.parseInt(nik.substring(8, 10));
        int twoDigitYear = Integer.parseInt(nik.substring(10, 12));
        if (birthDay < 1 || birthDay > 31 || month < 1 || month > 12 || !isDate(birthDay, month, twoDigitYear)) {
            throw new BadRequestException(field, "This NIK holds an impossible birth date (digits 7–12 are DDMMYY, "
                    + "with 40 added to the day for women).");
        }
        if (birthDate.isAfter(LocalDate.now())) {
            throw new BadRequestException(field.replaceAll("nik$", "birthDate"), "The birth date lies in the future.");
        }
        if (birthDate.getDayOfMonth() != birthDay || birthDate.getMonthValue() != month
                || birthDate.getYear() % 100 != twoDigitYear) {
            throw new BadRequestException(field, "The NIK says the person was born on " + birthDay + "-" + month + "-"
                    + String.format("%02d", twoDigitYear) + ", but the birth date given is " + DAY.format(birthDate) + ".");
        }
        if (female != (sex == Sex.FEMALE)) {
            throw new BadRequestException(field, female
                    ? "The NIK is a woman's (day plus 40), but the sex given is male."
                    : "The NIK is a man's (day without 40 added), but the sex given is female.");
        }
    }

    /** Checks a KK number: its district and its issue date. */
    public void checkKk(String kk, String field) {
        checkShape(kk, field, "KK");
        int day = Integer.parseInt(kk.substring(6, 8));
        int month = Integer.parseInt(kk.substring(8, 10));
        int twoDigitYear = Integer.parseInt(kk.substring(10, 12));
        if (!isDate(day, month, twoDigitYear)) {
            throw new BadRequestException(field, "This KK holds an impossible issue date (digits 7–12 are DDMMYY).");
        }
    }

    /** Checks that a number to look up has the shape of a NIK or KK: 16 digits, nothing else. */
    public static void checkDigits(String number, String field, String kind) {
        if (!hasSixteenDigits(number)) {
            throw new BadRequestException(field, "A " + kind + " has exactly 16 digits.");
        }
    }

    /** Whether the text is a number of exactly 16 digits, the form of every NIK and KK. */
    public static boolean hasSixteenDigits(String number) {
        if (number == null || number.length() != 16) {
            return false;
        }
        for (int i = 0; i < number.length(); i++) {
            if (number.charAt(i) < '0' || number.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private void checkShape(String number, String field, String kind) {
        checkDigits(number, field, kind);
        if (!regions.isDistrict(number.substring(0, 6))) {
            throw new BadRequestException(field, "A " + kind + " begins with the six digits of a district (kecamatan) code; "
                    + number.substring(0, 6) + " is not one.");
        }
    }

    /** Whether the day and month exist in a year ending in these two digits (29 February needs a leap year). */
    private static boolean isDate(int day, int month, int twoDigitYear) {
        for (int century : new int[] {1900, 2000}) {
            try {
                LocalDate.of(century + twoDigitYear, month, day);
                return true;
            } catch (DateTimeException e) {
                // try the other century
            }
        }
        return false;
    }
}
