package id.terpadu;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh, valid NIK and KK numbers for tests, so tests sharing one database never collide: a
 * district code of Bangli, a date, and a serial drawn at random per run plus a counter.
 */
public final class TestIdentities {

    /** Susut district, Bangli. */
    public static final String DISTRICT = "510601";
    /** Apuan village in Susut. */
    public static final String VILLAGE = "51.06.01.2001";
    /** Another village in Susut. */
    public static final String OTHER_VILLAGE = "51.06.01.2002";

    private static final DateTimeFormatter DDMMYY = DateTimeFormatter.ofPattern("ddMMyy");
    private static final AtomicInteger SERIAL = new AtomicInteger(ThreadLocalRandom.current().nextInt(1, 9000));

    private TestIdentities() {
    }

    /** A KK number issued in the Susut district on a random past date. */
    public static String kk() {
        LocalDate issued = LocalDate.of(2000, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(9000));
        return DISTRICT + DDMMYY.format(issued) + serial();
    }

    /** The NIK of a person of this sex born on this day. */
    public static String nik(boolean female, LocalDate birthDate) {
        int day = birthDate.getDayOfMonth() + (female ? 40 : 0);
        return DISTRICT + String.format("%02d", day) + String.format("%02d", birthDate.getMonthValue())
                + String.format("%02d", birthDate.getYear() % 100) + serial();
    }

    /** A random past birth date. */
    public static LocalDate birthDate() {
        return LocalDate.of(1950, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(25_000));
    }

    private static String serial() {
        return String.format("%04d", SERIAL.getAndIncrement() % 9999 + 1);
    }
}
