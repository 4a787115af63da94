package id.terpadu.error;

import java.util.Map;

/** The caller's role may not do this. */
public class ForbiddenException extends HubException {

    public ForbiddenException(String field, String message) {
        super(field, message, Map.of());
    }

    @Override
    public ErrorClassification classification() {
        return ErrorClassification.FORBIDDEN;
    }
}
