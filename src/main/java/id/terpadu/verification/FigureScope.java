package id.terpadu.verification;

import id.terpadu.access.Caller;
import id.terpadu.access.RowScope;
import id.terpadu.db.tables.records.RegionRecord;
import id.terpadu.db.tables.records.VerificationRoundRecord;
import id.terpadu.error.NotFoundException;
import id.terpadu.region.RegionCode;
import id.terpadu.region.RegionRepository;
import org.springframework.stereotype.Component;

/**
 * What a query for a round's figures names, checked once for every such query: the round, the
 * region (one outside the caller's region is the same as one that does not exist) and the rule for
 * small counts, withheld below the configured threshold for an area smaller than a district for
 * every role without {@code smallCounts} in the access policy.
 */
@Component
class FigureScope {

    private static final short DISTRICT = 3;

    /** The round and region a query's figures are for, and how its small counts are withheld. */
    record Figures(VerificationRoundRecord round, RegionRecord region, Suppression suppression) {
    }

    private final VerificationRepository rounds;
    private final RegionRepository regions;
    private final RowScope scope;
    private final StatisticsProperties properties;

    FigureScope(VerificationRepository rounds, RegionRepository regions, RowScope scope, StatisticsProperties properties) {
        this.rounds = rounds;
        this.regions = regions;
        this.scope = scope;
        this.properties = properties;
    }

    Figures of(Caller caller, String roundName, String regionCode) {
        VerificationRoundRecord round = rounds.findRound(roundName == null ? "" : roundName.strip())
                .orElseThrow(() -> new NotFoundException("round", "No verification round has this name."));
        RegionRecord region = RegionCode.normalise(regionCode)
                .flatMap(regions::find)
                .filter(found -> scope.includesRegion(caller, found.getCode()))
                .orElseThrow(() -> new NotFoundException("region", "No region has this code."));
        Suppression suppression = region.getLevel() > DISTRICT && !scope.seesSmallCounts(caller)
                ? Suppression.below(properties.suppressionThreshold()) : Suppression.NONE;
        return new Figures(round, region, suppression);
    }
}
