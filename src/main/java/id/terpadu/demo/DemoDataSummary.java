package id.terpadu.demo;

import java.time.Duration;

/** What one run of the demo data generator wrote, and how long it took. */
public record DemoDataSummary(String regency, long households, long members, long socialFacets, long housingFacets,
                              long healthFacets, long educationFacets, long benefits, long verificationResults,
                              Duration elapsed) {
}
