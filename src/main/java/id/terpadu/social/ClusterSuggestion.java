package id.terpadu.social;

import id.terpadu.db.codes.PovertyIndicator;
import id.terpadu.db.tables.records.ClusterRecord;

import java.util.List;

/**
 * The cluster the regency's cluster rules point to for a household, the facts they looked at, and
 * the household's BPS checklist.
 */
record ClusterSuggestion(ClusterRecord cluster, ClusterRecord assigned, boolean differsFromAssigned,
                         List<Fact> facts, List<IndicatorCheck> indicators, int indicatorsMet, int indicatorsTotal) {

    /** One fact the rules use, its value in words, and whether the suggested cluster's rule required it. */
    record Fact(String fact, boolean holds, String value, boolean decisive) {
    }

    /** One BPS criterion and whether the household meets it. */
    record IndicatorCheck(PovertyIndicator indicator, boolean met) {
    }
}
