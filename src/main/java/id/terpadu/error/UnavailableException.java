package id.terpadu.error;

import java.util.Map;

/** A service the hub needs, the database, cannot be reached: nothing the request asked was done; try again later. */
public class UnavailableException extends HubException {

    public UnavailableException(String message) {
        super(null, message, Map.of());
    }

    @Override
    public ErrorClassification classification() {
        return ErrorClassification.UNAVAILABLE;
    }
}
