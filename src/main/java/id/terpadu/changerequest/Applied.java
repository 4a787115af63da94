package id.terpadu.changerequest;

import java.util.List;

/**
 * What an approval applied: in words, the household and person it is about now (a registration's
 * new household), and the requests it leaves for others to decide (the benefits of the deceased).
 */
record Applied(String summary, Long householdId, Long memberId, List<FollowUp> followUps) {

    Applied(String summary, Long householdId, Long memberId) {
        this(summary, householdId, memberId, List.of());
    }

    /** A request the approval opens, proposed by its approver: a stop of a benefit the deceased received. */
    record FollowUp(Proposal proposal) {
    }
}
