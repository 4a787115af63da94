package id.terpadu.desk;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the desk's public status check.
 *
 * @param statusChecksPerMinute checks one client address may make a minute (refilled steadily)
 * @param statusChecksPerRequest checks of one request number an hour, from all addresses together:
 *                               guessing birth dates from many addresses gets no further
 */
@ConfigurationProperties("terpadu.desk")
record DeskProperties(@DefaultValue("10") int statusChecksPerMinute, @DefaultValue("20") int statusChecksPerRequest) {
}
