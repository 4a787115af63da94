package id.terpadu.household;

/** Which households to list; the conditions combine with AND. */
public record HouseholdFilter(String region, String cluster, String programme, String jknSegment, String name) {
}
