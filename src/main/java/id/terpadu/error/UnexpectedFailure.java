package id.terpadu.error;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A failure the hub did not expect, described for the log without the exception messages: those
 * of the database driver quote the values of a row (a NIK, a name), which never go to a log.
 * The classes of the cause chain and where the innermost one was thrown are enough to find it.
 */
public final class UnexpectedFailure {

    private static final int FRAMES = 8;

    private UnexpectedFailure() {
    }

    public static String describe(Throwable failure) {
        List<String> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable innermost = failure;
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            String state = cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    ? " (SQL state " + sql.getSQLState() + ")" : "";
            chain.add(cause.getClass().getName() + state);
            innermost = cause;
        }
        StringBuilder description = new StringBuilder(String.join(" caused by ", chain));
        StackTraceElement[] frames = innermost.getStackTrace();
        for (int i = 0; i < Math.min(FRAMES, frames.length); i++) {
            description.append("\n\tat ").append(frames[i]);
        }
        return description.toString();
    }
}
