package id.terpadu.changerequest;

import id.terpadu.access.Caller;
import id.terpadu.db.codes.ChangeRequestKind;
import id.terpadu.db.tables.records.ChangeRequestRecord;

/**
 * One kind of change request: how an approval applies it, through the service that makes the
 * same change directly, so every rule of that service is checked again at the moment of approval.
 */
interface ChangeHandler {

    ChangeRequestKind kind();

    /** Applies the request's proposal as the approver; a refusal of the service leaves everything as it was. */
    Applied apply(Caller approver, ChangeRequestRecord request);
}
