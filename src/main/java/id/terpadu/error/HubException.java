package id.terpadu.error;

import java.util.Map;

/**
 * A refusal that a client can act on: a classification, the input field at fault, a message a
 * clerk understands, and optional details (the existing record, the current version).
 */
public abstract class HubException extends RuntimeException {

    private final String field;
    private final Map<String, Object> details;

    protected HubException(String field, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.field = field;
        this.details = Map.copyOf(details);
    }

    public abstract ErrorClassification classification();

    /** Path of the input field at fault, like {@code input.members[1].nik}; null when no single field is. */
    public String field() {
        return field;
    }

    public Map<String, Object> details() {
        return details;
    }
}
