package id.terpadu.error;

import java.util.Map;

/** Something the input names does not exist. */
public class NotFoundException extends HubException {

    public NotFoundException(String field, String message) {
        super(field, message, Map.of());
    }

    @Override
    public ErrorClassification classification() {
        return ErrorClassification.NOT_FOUND;
    }
}
