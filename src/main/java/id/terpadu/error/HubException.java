package id.terpadu.error;

import java.util.Map;

/**
 * A refusal that a client can act on: a classification, the input field at fault, a message a
 * clerk understands, and optional details (the existing record, the current version). A value in
 * the details or the message that not every caller may read is a {@link Disclosable}: the hub
 * shows it only to a caller the access policy lets read it.
 */
public abstract class HubException extends RuntimeException {

    private final String field;
    private final Map<String, Object> details;
    private Disclosable revealedBy;
    private String revealingMessage;

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

    /** Details for {@code extensions}; a {@link Disclosable} value is shown only to a caller who may read it. */
    public Map<String, Object> details() {
        return details;
    }

    /**
     * A fuller message for a caller who may read {@code fact} (the decile that is too high, the
     * programme the household already holds); every other caller gets the message this refusal was
     * made with, which must say no more than any caller who meets the refusal may read.
     */
    public HubException revealing(Disclosable fact, String message) {
        this.revealedBy = fact;
        this.revealingMessage = message;
        return this;
    }

    /** The fact the fuller message reveals; null when there is none. */
    public Disclosable revealedBy() {
        return revealedBy;
    }

    public String revealingMessage() {
        return revealingMessage;
    }
}
