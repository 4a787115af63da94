package id.terpadu.error;

import java.util.Map;

/** The input is malformed or breaks a rule. */
public class BadRequestException extends HubException {

    public BadRequestException(String field, String message) {
        super(field, message, Map.of());
    }

    public BadRequestException(String field, String message, Map<String, Object> details) {
        super(field, message, details);
    }

    @Override
    public ErrorClassification classification() {
        return ErrorClassification.BAD_REQUEST;
    }
}
