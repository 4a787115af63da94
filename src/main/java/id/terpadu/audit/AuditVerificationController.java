package id.terpadu.audit;

import id.terpadu.error.BadRequestException;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Verification of the audit trail over GraphQL, and the signed checkpoints an auditor keeps. */
@Controller
class AuditVerificationController {

    private final AuditVerifier verifier;
    private final AuditCheckpoints checkpoints;

    AuditVerificationController(AuditVerifier verifier, AuditCheckpoints checkpoints) {
        this.verifier = verifier;
        this.checkpoints = checkpoints;
    }

    /** A checkpoint an auditor kept, as given back to the hub. */
    record CheckpointInput(String statement, String signature) {
    }

    @QueryMapping
    AuditVerification verifyAudit(@Argument String from, @Argument String to, @Argument CheckpointInput checkpoint) {
        Long first = from == null ? null : position(from, "from");
        Long last = to == null ? null : position(to, "to");
        if ((first != null && first < 1) || (first != null && last != null && last < first) || (last != null && last < 1)) {
            throw new BadRequestException("to", "The range must start at 1 or later and end at or after its start.");
        }
        return verifier.verify(first, last, checkpoint == null ? null : checkpoints.read(checkpoint.statement(), checkpoint.signature()));
    }

    @QueryMapping
    AuditCheckpoints.SignedCheckpoint auditCheckpoint() {
        return checkpoints.issue();
    }

    private static long position(String text, String argument) {
        if (!text.matches("[0-9]{1,18}")) {
            throw new BadRequestException(argument, "A position is a whole number.");
        }
        return Long.parseLong(text);
    }
}
