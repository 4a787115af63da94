package id.terpadu.audit;

import id.terpadu.db.tables.records.IdentityReadRecord;
import id.terpadu.error.BadRequestException;
import id.terpadu.graphql.GlobalId;
import id.terpadu.graphql.Paging;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import java.time.OffsetDateTime;
import java.util.List;

/** The administrator's audit queries: the verification of the chain and the identity-read log. */
@Controller
class AuditController {

    private static final int DEFAULT_PAGE = 100;

    private final AuditRepository repository;
    private final Paging paging;

    AuditController(AuditRepository repository, Paging paging) {
        this.repository = repository;
        this.paging = paging;
    }

    /** The verification of a range of the chain. */
    record AuditVerification(boolean intact, int checked, String firstBrokenPosition, String reason) {
    }

    /** One read of whole identity numbers, for the administrator. */
    record IdentityRead(OffsetDateTime readAt, AuditEntryView.Actor reader, String operation, String requestId,
                        String field, String memberId, String householdId) {
    }

    @QueryMapping
    AuditVerification verifyAudit(@Argument String from, @Argument String to) {
        long first = from == null ? 1 : Long.parseLong(number(from, "from"));
        long last = to == null ? repository.lastPosition() : Long.parseLong(number(to, "to"));
        if (first < 1 || last < first) {
            throw new BadRequestException("to", "The range must start at 1 or later and end at or after its start.");
        }
        int checked = repository.count(first, last);
        List<Long> breaks = repository.chainBreaks(first, last);
        if (breaks.isEmpty()) {
            return new AuditVerification(true, checked, null, null);
        }
        return new AuditVerification(false, checked, String.valueOf(breaks.getFirst()),
                "The entry at this position does not match its hash or follows a gap: the trail was changed in the database.");
    }

    /**
     * Who read whose whole identity numbers. A NIK that no one holds answers an empty log, as one
     * that no one read does: the log does not tell whether a NIK is registered.
     */
    @QueryMapping
    List<IdentityRead> accessLog(@Argument String subject, @Argument String member, @Argument Integer first) {
        int size = paging.size(first, DEFAULT_PAGE, "first");
        Long memberId = member == null ? null : repository.memberIdByNik(member);
        if (member != null && memberId == null) {
            return List.of();
        }
        List<IdentityReadRecord> reads = repository.identityReads(subject, memberId, size);
        return reads.stream().map(read -> new IdentityRead(read.getReadAt(),
                new AuditEntryView.Actor(read.getSubject(), read.getUsername(), read.getClient(), read.getRoles()),
                read.getOperation(), read.getRequestId(), read.getField(),
                read.getMemberId() == null ? null : GlobalId.encode("Member", read.getMemberId()),
                read.getHouseholdId() == null ? null : GlobalId.encode("Household", read.getHouseholdId()))).toList();
    }

    private static String number(String text, String argument) {
        if (!text.matches("[0-9]{1,18}")) {
            throw new BadRequestException(argument, "A position is a whole number.");
        }
        return text;
    }
}
