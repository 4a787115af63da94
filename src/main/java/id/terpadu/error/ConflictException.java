package id.terpadu.error;

import java.util.Map;

/** The input clashes with what is stored: a duplicate key, an overlapping benefit, a stale version. */
public class ConflictException extends HubException {

    public ConflictException(String field, String message) {
        this(field, message, Map.of());
    }

    public ConflictException(String field, String message, Map<String, Object> details) {
        super(field, message, details);
    }

    /** Someone changed the record since the client read it. */
    public static ConflictException staleVersion(String what, long expected, long current) {
        return new ConflictException("input.expectedVersion",
                current == 0
                        ? what + " does not exist yet: use expectedVersion 0 to create it."
                        : what + " was changed by someone else (version " + current + ", you sent " + expected
                                + "): read it again and retry.",
                Map.of("currentVersion", current));
    }

    @Override
    public ErrorClassification classification() {
        return ErrorClassification.CONFLICT;
    }
}
