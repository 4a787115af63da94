package id.terpadu.verification;

import java.util.List;
import java.util.Set;

/** What a verification round finds about a household; STILL_POOR and NEW make the round's poor households. */
final class Outcomes {

    static final List<String> ALL = List.of("STILL_POOR", "LEFT_POVERTY", "MOVED", "DECEASED", "NEW");
    static final Set<String> POOR = Set.of("STILL_POOR", "NEW");

    private Outcomes() {
    }
}
