package id.terpadu.error;

import java.util.Map;

/** The input is malformed or breaks a rule. */
public class BadRequestException extends HubException {

    public BadRequestException(String field, String message) {
        super(field, message, Map.of());
    }

    @Override
    public ErrorClassification classification() {
        return ErrorClassification.BAD_REQUEST;
    }
}
