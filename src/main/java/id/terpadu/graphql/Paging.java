package id.terpadu.graphql;

import id.terpadu.error.BadRequestException;
import id.terpadu.limits.QueryLimits;
import org.springframework.stereotype.Component;

/**
 * The size of a page a client asks for ({@code first}), checked against the hub's page limit
 * ({@code terpadu.limits.max-page-size}), for every paged field alike.
 */
@Component
public class Paging {

    /** The page size when a client gives none. */
    public static final int DEFAULT_SIZE = 20;

    private final int maximum;

    Paging(QueryLimits limits) {
        this.maximum = limits.maxPageSize();
    }

    /** The page size asked for, or {@link #DEFAULT_SIZE}; BAD_REQUEST on the argument outside 1 to the limit. */
    public int size(Integer first, String argument) {
        return size(first, DEFAULT_SIZE, argument);
    }

    /** The page size asked for, or the fallback; BAD_REQUEST on the argument outside 1 to the limit. */
    public int size(Integer first, int fallback, String argument) {
        int size = first == null ? Math.min(fallback, maximum) : first;
        if (size < 1 || size > maximum) {
            throw new BadRequestException(argument, "A page holds 1 to " + maximum + " items; ask for that many with "
                    + argument + ".");
        }
        return size;
    }

    /** The largest page a client may ask for. */
    public int maximum() {
        return maximum;
    }
}
