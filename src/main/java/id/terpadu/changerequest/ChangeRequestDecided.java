package id.terpadu.changerequest;

import id.terpadu.db.codes.ChangeRequestState;

/**
 * A change request was approved, rejected or withdrawn: published inside the deciding transaction,
 * so what a listener does with it stands or falls with the decision. Names the household and person
 * it is about after the decision (a registration's new household).
 */
public record ChangeRequestDecided(long id, ChangeRequestState state, String reason, String decidedBy, Long householdId,
                                   Long memberId) {
}
