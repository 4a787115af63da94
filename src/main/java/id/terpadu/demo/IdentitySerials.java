package id.terpadu.demo;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Issues NIK and KK numbers the way a civil registry does: per district and date, serials count up
 * from 0001. A counter per district, sex and DDMMYY makes every number unique without remembering
 * the numbers themselves (a few hundred kilobytes a district, however many persons). A date whose
 * 9,999 serials are used up moves to the day before, deterministically; at a million households
 * about forty persons share a district and birth date, so this only guards the bound.
 */
final class IdentitySerials {

    private static final int LAST_SERIAL = 9_999;
    /** DDMMYY combinations: two-digit years repeat every century, so 1925 and 2025 share a counter. */
    private static final int DATES = 31 * 12 * 100;

    private final Map<String, int[]> nikSerials = new HashMap<>();
    private final Map<String, int[]> kkSerials = new HashMap<>();

    /** A number and the date it encodes, which may be earlier than the one asked for. */
    record Issued(String number, LocalDate date) {
    }

    /** The NIK of a person first registered in this district (six digits). */
    Issued nik(String district, boolean female, LocalDate birthDate) {
        int[] serials = nikSerials.computeIfAbsent(district, d -> new int[2 * DATES]);
        LocalDate date = birthDate;
        while (true) {
            int slot = (female ? DATES : 0) + dateSlot(date);
            if (serials[slot] < LAST_SERIAL) {
                int serial = ++serials[slot];
                return new Issued(number(district, date.getDayOfMonth() + (female ? 40 : 0), date, serial), date);
            }
            date = date.minusDays(1);
        }
    }

    /** The number of a family card issued in this district (six digits) on this day. */
    Issued kk(String district, LocalDate issuedOn) {
        int[] serials = kkSerials.computeIfAbsent(district, d -> new int[DATES]);
        LocalDate date = issuedOn;
        while (true) {
            int slot = dateSlot(date);
            if (serials[slot] < LAST_SERIAL) {
                int serial = ++serials[slot];
                return new Issued(number(district, date.getDayOfMonth(), date, serial), date);
            }
            date = date.minusDays(1);
        }
    }

    private static int dateSlot(LocalDate date) {
        return ((date.getYear() % 100) * 12 + date.getMonthValue() - 1) * 31 + date.getDayOfMonth() - 1;
    }

    private static String number(String district, int day, LocalDate date, int serial) {
        StringBuilder number = new StringBuilder(16).append(district);
        twoDigits(number, day);
        twoDigits(number, date.getMonthValue());
        twoDigits(number, date.getYear() % 100);
        twoDigits(number, serial / 100);
        twoDigits(number, serial % 100);
        return number.toString();
    }

    private static void twoDigits(StringBuilder number, int value) {
        number.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
