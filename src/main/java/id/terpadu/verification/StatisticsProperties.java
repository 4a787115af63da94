package id.terpadu.verification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the statistics protect small areas.
 *
 * @param suppressionThreshold counts below it, for an area smaller than a district, are withheld
 */
@ConfigurationProperties("terpadu.statistics")
record StatisticsProperties(@DefaultValue("5") int suppressionThreshold) {

    StatisticsProperties {
        if (suppressionThreshold < 1) {
            throw new IllegalArgumentException("terpadu.statistics.suppression-threshold must be at least 1, not "
                    + suppressionThreshold);
        }
    }
}
