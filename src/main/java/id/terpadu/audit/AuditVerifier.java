package id.terpadu.audit;

import id.terpadu.audit.AuditSealRepository.SealedEntry;
import id.terpadu.audit.AuditVerification.AuditCheck;
import id.terpadu.audit.SealedHead.Head;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.crypto.Mac;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Checks the audit trail four ways: the hash chain the database keeps (each entry's hash from its
 * content and the previous hash, no gaps), the seals only the hub can make (an edited entry is
 * named exactly, also when the chain was recomputed), the head the hub remembers outside the
 * database (the newest entries cannot go unnoticed) and, when given, a checkpoint an auditor kept.
 * The range is read in chunks of bounded size, all in one snapshot of the database.
 */
@Component
class AuditVerifier {

    static final int CHUNK = 5000;

    private final AuditSealRepository repository;
    private final AuditKeys keys;
    private final SealedHead sealedHead;
    private final TransactionTemplate snapshot;

    AuditVerifier(AuditSealRepository repository, AuditKeys keys, SealedHead sealedHead,
                  PlatformTransactionManager transactions) {
        this.repository = repository;
        this.keys = keys;
        this.sealedHead = sealedHead;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /**
     * Verifies the positions from {@code from} (1 when null) to {@code to} (the newest when null);
     * with a checkpoint, from 1 to at least its position, since it vouches for every entry up to it.
     */
    AuditVerification verify(Long from, Long to, AuditCheckpoints.Checkpoint checkpoint) {
        // taken before the snapshot: every seal up to this head committed before it
        Head head = sealedHead.current();
        return snapshot.execute(status -> verify(from, to, checkpoint, head));
    }

    private AuditVerification verify(Long from, Long to, AuditCheckpoints.Checkpoint checkpoint, Head head) {
        long newest = repository.newestPosition();
        long first = checkpoint != null || from == null ? 1 : from;
        long last = to == null ? newest : to;
        if (checkpoint != null) {
            last = Math.max(last, checkpoint.position());
        }
        RangeWalk walk = new RangeWalk(head, keys.sealMac());
        for (long chunk = first; chunk <= Math.min(last, newest) && !walk.foundBreak(); chunk += CHUNK) {
            walk.check(chunk, Math.min(chunk + CHUNK - 1, last));
        }
        int checked = last < first ? 0 : repository.count(first, last);
        AuditCheck chain = walk.chainBreak == null ? AuditCheck.passed(checked) : AuditCheck.broken(checked, walk.chainBreak,
                "The entry at this position does not match its hash or follows a gap: the trail was changed in the database.");
        return AuditVerification.of(checked, walk.unsealed, head.position(), walk.seals(), chain, headCheck(head, newest),
                checkpoint == null ? null : checkpointCheck(checkpoint, newest));
    }

    /** The trail must still reach the head the hub sealed, with the same hash there. */
    private AuditCheck headCheck(Head head, long newest) {
        if (head.position() == 0) {
            return AuditCheck.passed(0);
        }
        Optional<byte[]> hash = repository.hashAt(head.position());
        if (hash.isEmpty()) {
            return AuditCheck.broken(1, Math.min(newest + 1, head.position()), "The trail ends at position " + newest
                    + ", but the hub had sealed it up to position " + head.position() + ": the newest entries were removed.");
        }
        if (!Arrays.equals(hash.get(), head.hash())) {
            return AuditCheck.broken(1, head.position(), "The entry at this position, the newest the hub sealed, has "
                    + "another hash than when it was sealed: the chain was rewritten up to here.");
        }
        return AuditCheck.passed(1);
    }

    /** The entry at the checkpoint's position must still have the hash the checkpoint recorded. */
    private AuditCheck checkpointCheck(AuditCheckpoints.Checkpoint checkpoint, long newest) {
        if (checkpoint.position() == 0) {
            return AuditCheck.passed(1);
        }
        Optional<byte[]> hash = repository.hashAt(checkpoint.position());
        if (hash.isEmpty()) {
            return AuditCheck.broken(1, Math.min(newest + 1, checkpoint.position()), "The trail ends at position " + newest
                    + ", before the checkpoint's position " + checkpoint.position()
                    + ": entries the checkpoint vouches for were removed.");
        }
        if (!Arrays.equals(hash.get(), checkpoint.hash())) {
            return AuditCheck.broken(1, checkpoint.position(), "The entry at the checkpoint's position no longer has the "
                    + "hash the checkpoint recorded: the trail was changed at or before this position.");
        }
        return AuditCheck.passed(1);
    }

    /** The chain and seal checks over the range, chunk by chunk, up to the first break. */
    private final class RangeWalk {

        private final Head head;
        private final Mac mac;
        private Long chainBreak;
        private Long sealBreak;
        private String sealReason;
        private int sealsChecked;
        private int unsealed;

        RangeWalk(Head head, Mac mac) {
            this.head = head;
            this.mac = mac;
        }

        boolean foundBreak() {
            return chainBreak != null || sealBreak != null;
        }

        void check(long from, long to) {
            chainBreak = repository.firstChainBreak(from, to).orElse(null);
            List<SealedEntry> entries = repository.between(from, to, CHUNK);
            for (SealedEntry sealed : entries) {
                if (sealed.mac() == null) {
                    if (sealed.position() <= head.position()) {
                        breakSeal(sealed.position(), "The seal of the entry at this position was removed from the database, "
                                + "although the hub had sealed it: the entry may have been changed.");
                        return;
                    }
                    unsealed++;
                    continue;
                }
                sealsChecked++;
                if (!MessageDigest.isEqual(AuditEntrySeal.of(mac, sealed.entry()), sealed.mac())) {
                    breakSeal(sealed.position(), "The entry at this position was changed after the hub sealed it: "
                            + "its content or its hash no longer matches its seal.");
                    return;
                }
            }
        }

        private void breakSeal(long position, String reason) {
            sealBreak = position;
            sealReason = reason;
        }

        AuditCheck seals() {
            return sealBreak == null ? AuditCheck.passed(sealsChecked) : AuditCheck.broken(sealsChecked, sealBreak, sealReason);
        }
    }
}
