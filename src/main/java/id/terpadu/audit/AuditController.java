package id.terpadu.audit;

import id.terpadu.db.tables.records.IdentityReadRecord;
import id.terpadu.graphql.GlobalId;
import id.terpadu.graphql.Paging;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import java.time.OffsetDateTime;
import java.util.List;

/** The administrator's identity-read log (the verification of the trail is AuditVerificationController's). */
@Controller
class AuditController {

    private static final int DEFAULT_PAGE = 100;

    private final AuditRepository repository;
    private final Paging paging;

    AuditController(AuditRepository repository, Paging paging) {
        this.repository = repository;
        this.paging = paging;
    }

    /** One read of whole identity numbers, for the administrator. */
    record IdentityRead(OffsetDateTime readAt, AuditEntryView.Actor reader, String operation, String requestId,
                        String field, String memberId, String householdId) {
    }

    /**
     * Who read whose whole identity numbers. A NIK that no one holds answers an empty log, as one
     * that no one read does: the log does not tell whether a NIK is registered.
     */
    @QueryMapping
    List<IdentityRead> accessLog(@Argument String subject, @Argument String username, @Argument String member,
                                 @Argument Integer first) {
        int size = paging.size(first, DEFAULT_PAGE, "first");
        Long memberId = member == null ? null : repository.memberIdByNik(member);
        if (member != null && memberId == null) {
            return List.of();
        }
        List<IdentityReadRecord> reads = repository.identityReads(subject, username, memberId, size);
        return reads.stream().map(read -> new IdentityRead(read.getReadAt(),
                new AuditEntryView.Actor(read.getSubject(), read.getUsername(), read.getClient(), read.getRoles()),
                read.getOperation(), read.getRequestId(), read.getField(),
                read.getMemberId() == null ? null : GlobalId.encode("Member", read.getMemberId()),
                read.getHouseholdId() == null ? null : GlobalId.encode("Household", read.getHouseholdId()))).toList();
    }
}
