package id.terpadu.graphql;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Recognises a failure that means the database cannot be reached, as opposed to one of a
 * statement: the pool waited its connection timeout in vain, the connection broke, or the
 * server is shutting down or starting.
 */
final class DatabaseUnreachable {

    /** SQL state class 08: connection exception. */
    private static final String CONNECTION_EXCEPTION = "08";
    /** Admin shutdown, crash shutdown, cannot connect now. */
    private static final Set<String> SERVER_GOING = Set.of("57P01", "57P02", "57P03");

    private DatabaseUnreachable() {
    }

    static boolean causes(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith(CONNECTION_EXCEPTION) || SERVER_GOING.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
