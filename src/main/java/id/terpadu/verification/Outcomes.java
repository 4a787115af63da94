package id.terpadu.verification;

import id.terpadu.db.codes.VerificationOutcome;

import java.util.EnumSet;
import java.util.Set;

/** What a verification round finds about a household; STILL_POOR and NEW make the round's poor households. */
final class Outcomes {

    static final Set<VerificationOutcome> POOR = EnumSet.of(VerificationOutcome.STILL_POOR, VerificationOutcome.NEW);

    private Outcomes() {
    }
}
