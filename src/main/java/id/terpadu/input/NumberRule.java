package id.terpadu.input;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The range a {@code Float} input field allows, checked on the value as its column keeps it
 * (rounded to the column's decimals). Every {@code Float} input field of the schema has one, and
 * a test keeps it so; a number that is not finite ({@code 1e400} reads as infinity) is refused
 * everywhere.
 *
 * @param minimum  the smallest value allowed
 * @param maximum  the largest value allowed
 * @param decimals the decimals its column keeps
 * @param unit     what the number counts, for the message
 */
record NumberRule(BigDecimal minimum, BigDecimal maximum, int decimals, String unit) {

    private static final Map<String, NumberRule> BY_COORDINATE = Map.of(
            // benefit.amount numeric(14,2) CHECK (amount >= 0)
            "EnrolBenefitInput.amount", new NumberRule(BigDecimal.ZERO, new BigDecimal("999999999999.99"), 2, "rupiah"),
            // the same column, for a proposed enrolment
            "ProposeBenefitInput.amount", new NumberRule(BigDecimal.ZERO, new BigDecimal("999999999999.99"), 2, "rupiah"),
            // housing_facet.floor_area_m2 numeric(7,2) CHECK (floor_area_m2 > 0)
            "RecordHousingConditionInput.floorAreaM2", new NumberRule(new BigDecimal("0.01"), new BigDecimal("99999.99"), 2,
                    "square metres"));

    /** The rule of an input field ({@code EnrolBenefitInput.amount}), if it has one. */
    static Optional<NumberRule> of(String coordinate) {
        return Optional.ofNullable(BY_COORDINATE.get(coordinate));
    }

    static Optional<InputRefusal> check(String field, String coordinate, double value) {
        Optional<NumberRule> rule = of(coordinate);
        if (!Double.isFinite(value)) {
            return Optional.of(new InputRefusal(field, "notFinite", field + " is not a finite number"
                    + (Double.isNaN(value) ? "" : " (written too large, it reads as infinity)")
                    + rule.map(range -> ": give " + range.describe()).orElse("") + "."));
        }
        return rule.flatMap(range -> range.check(field, value));
    }

    private Optional<InputRefusal> check(String field, double value) {
        BigDecimal kept = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
        if (kept.compareTo(minimum) >= 0 && kept.compareTo(maximum) <= 0) {
            return Optional.empty();
        }
        return Optional.of(new InputRefusal(field, "range", field + " is " + format(kept) + "; give " + describe() + ".",
                Map.of("minimum", minimum, "maximum", maximum)));
    }

    private String describe() {
        return "a number of " + unit + " from " + format(minimum) + " to " + format(maximum);
    }

    private static String format(BigDecimal number) {
        NumberFormat format = NumberFormat.getNumberInstance(Locale.ENGLISH);
        format.setMaximumFractionDigits(2);
        return format.format(number);
    }
}
