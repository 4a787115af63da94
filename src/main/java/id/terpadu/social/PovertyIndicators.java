package id.terpadu.social;

import java.util.List;

/** BPS's 14 criteria of a poor household, in the order of the schema's PovertyIndicator. */
final class PovertyIndicators {

    static final List<String> ALL = List.of(
            "SMALL_FLOOR_AREA", "EARTH_FLOOR", "POOR_WALL", "NO_PRIVATE_TOILET", "NO_ELECTRICITY", "UNSAFE_WATER",
            "SOLID_COOKING_FUEL", "MEAT_AT_MOST_WEEKLY", "ONE_SET_OF_CLOTHES_A_YEAR", "ONE_OR_TWO_MEALS_A_DAY",
            "CANNOT_PAY_CLINIC", "LOW_INCOME_HEAD", "LOW_SCHOOLING_HEAD", "NO_SAVINGS");

    private PovertyIndicators() {
    }
}
