package id.terpadu.audit;

import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What a verification of the audit trail found: each check on its own, and the first broken
 * position over all of them with the reason of the check that found it.
 *
 * @param checked    how many entries lie in the checked range
 * @param unsealed   entries of the range the sealer has not reached yet: checked by the chain only
 * @param sealedUpTo the newest position the hub has sealed, as it remembers outside the database
 * @param checkpoint null when no checkpoint was given
 */
record AuditVerification(boolean intact, int checked, int unsealed, String sealedUpTo, String firstBrokenPosition,
                         String reason, AuditCheck chain, AuditCheck seals, AuditCheck head, AuditCheck checkpoint) {

    /** One check: what it covered and the first position it found broken, with why. */
    record AuditCheck(boolean intact, int checked, String firstBrokenPosition, String reason) {

        static AuditCheck passed(int checked) {
            return new AuditCheck(true, checked, null, null);
        }

        static AuditCheck broken(int checked, long position, String reason) {
            return new AuditCheck(false, checked, String.valueOf(position), reason);
        }

        private long position() {
            return Long.parseLong(firstBrokenPosition);
        }
    }

    /** The checks together; at the same position the seals' reason wins, being the most exact. */
    static AuditVerification of(int checked, int unsealed, long sealedUpTo, AuditCheck seals, AuditCheck chain,
                                AuditCheck head, AuditCheck checkpoint) {
        AuditCheck first = Stream.of(seals, chain, head, checkpoint)
                .filter(Objects::nonNull)
                .filter(check -> !check.intact())
                .min(Comparator.comparingLong(AuditCheck::position))
                .orElse(null);
        return new AuditVerification(first == null, checked, unsealed, String.valueOf(sealedUpTo),
                first == null ? null : first.firstBrokenPosition(), first == null ? null : first.reason(),
                chain, seals, head, checkpoint);
    }
}
