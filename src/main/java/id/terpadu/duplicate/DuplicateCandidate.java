package id.terpadu.duplicate;

import id.terpadu.db.tables.records.MemberRecord;

/** Two records that are likely one person, and why; {@code earlier} was registered first. */
record DuplicateCandidate(String reason, MemberRecord earlier, MemberRecord later) {
}
