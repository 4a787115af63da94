package id.terpadu.changerequest;

import id.terpadu.db.codes.ChangeRequestKind;

/**
 * A checked proposal, before it is stored: its kind (and programme), whom it is about and where,
 * the change in words and as the input its service takes, and why.
 */
record Proposal(ChangeRequestKind kind, String programme, Long householdId, Long memberId, String villageCode,
                String summary, Object change, String reason, boolean ownData) {
}
