package id.terpadu.imports;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The values of a row's cells as the kinds read them, with the ways agencies' spreadsheets write
 * them: dates as ISO or day/month/year, yes and no in Indonesian or English, codes in any case with
 * spaces or dashes. A value that cannot be read is an {@link Invalid} row naming the column.
 */
public final class Cells {

    private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("d/M/uuuu")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DAY_MONTH_YEAR_DASHED = DateTimeFormatter.ofPattern("d-M-uuuu")
            .withResolverStyle(ResolverStyle.STRICT);

    private Cells() {
    }

    /** A row that cannot be read, and the outcome it gets. */
    public static final class Invalid extends RuntimeException {

        private final RowOutcome outcome;

        public Invalid(String column, String reason) {
            super(reason, null, false, false);
            this.outcome = RowOutcome.invalid(column, reason);
        }

        public RowOutcome outcome() {
            return outcome;
        }
    }

    /** A required value. */
    public static String required(ImportRow row, String column) {
        String value = row.value(column);
        if (value == null) {
            throw new Invalid(column, "The row leaves " + column + " empty.");
        }
        return value;
    }

    /** A date, ISO (2024-01-31) or day/month/year (31/01/2024, 31-01-2024); null when blank. */
    public static LocalDate date(ImportRow row, String column) {
        String value = row.value(column);
        if (value == null) {
            return null;
        }
        for (DateTimeFormatter format : new DateTimeFormatter[]{DateTimeFormatter.ISO_LOCAL_DATE, DAY_MONTH_YEAR, DAY_MONTH_YEAR_DASHED}) {
            try {
                return LocalDate.parse(value, format);
            } catch (DateTimeParseException notThisOne) {
                // the next format
            }
        }
        throw new Invalid(column, "'" + value + "' is not a date; write it as 2024-01-31 or 31/01/2024.");
    }

    /** Yes or no: ya/tidak, aktif/nonaktif, y/n, true/false, 1/0. */
    public static Boolean yesNo(ImportRow row, String column) {
        String value = required(row, column).toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
        return switch (value) {
            case "ya", "y", "aktif", "true", "1", "yes" -> true;
            case "tidak", "t", "n", "tidakaktif", "nonaktif", "false", "0", "no" -> false;
            default -> throw new Invalid(column, "'" + row.value(column) + "' is neither yes nor no; write ya or tidak.");
        };
    }

    /** One of an enum's codes, in any case, with spaces or dashes for underscores. */
    public static <E extends Enum<E>> E choice(ImportRow row, String column, Class<E> codes) {
        String value = required(row, column).strip().toUpperCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
        try {
            return Enum.valueOf(codes, value);
        } catch (IllegalArgumentException e) {
            throw new Invalid(column, "'" + row.value(column) + "' is not one of " + Arrays.stream(codes.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", ")) + ".");
        }
    }

    /** A whole number; null when blank. */
    public static Integer number(ImportRow row, String column) {
        String value = row.value(column);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new Invalid(column, "'" + value + "' is not a whole number.");
        }
    }
}
