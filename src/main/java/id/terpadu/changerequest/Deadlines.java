package id.terpadu.changerequest;

import id.terpadu.db.codes.ChangeRequestKind;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.Map;

/**
 * How long a change request may wait for its decision: {@code terpadu.change-requests.due-in}
 * (14 days unless set), per kind under {@code due-in-by-kind}; a person's request to correct their
 * own data is due within 3×24 hours whatever is set (UU 27/2022).
 */
@ConfigurationProperties("terpadu.change-requests")
record Deadlines(Duration dueIn, Map<ChangeRequestKind, Duration> dueInByKind) {

    static final Duration OWN_DATA = Duration.ofHours(72);

    Deadlines {
        dueIn = dueIn == null ? Duration.ofDays(14) : dueIn;
        dueInByKind = dueInByKind == null ? Map.of() : Map.copyOf(dueInByKind);
    }

    Duration of(ChangeRequestKind kind, boolean ownData) {
        return ownData ? OWN_DATA : dueInByKind.getOrDefault(kind, dueIn);
    }
}
