package id.terpadu.duplicate;

import id.terpadu.access.Caller;
import id.terpadu.access.RowScope;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.error.NotFoundException;
import id.terpadu.graphql.Batches;
import id.terpadu.graphql.Paging;
import id.terpadu.household.Members;
import id.terpadu.region.RegionCode;
import id.terpadu.region.RegionRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Likely duplicates within a region, limited to the caller's own region: a region outside it has
 * no candidates, as if it held no one.
 */
@Service
@Transactional(readOnly = true)
class DuplicateSearch {

    static final int DEFAULT_FIRST = 50;

    private final DuplicateRepository duplicates;
    private final Members members;
    private final RowScope scope;
    private final RegionRepository regions;
    private final Paging paging;

    DuplicateSearch(DuplicateRepository duplicates, Members members, RegionRepository regions, RowScope scope,
                    Paging paging) {
        this.scope = scope;
        this.paging = paging;
        this.duplicates = duplicates;
        this.members = members;
        this.regions = regions;
    }

    /** At most {@code first} pairs, newest first; two statements whatever the page size. */
    List<DuplicateCandidate> candidates(Caller caller, String region, Integer first) {
        int limit = paging.size(first, DEFAULT_FIRST, "first");
        String code = RegionCode.normalise(region)
                .filter(candidate -> regions.find(candidate).isPresent())
                .orElseThrow(() -> new NotFoundException("region", "No region has the code '" + region + "'."));
        Optional<String> searched = scope.withinRegion(caller, code);
        if (searched.isEmpty()) {
            return List.of();
        }
        List<DuplicateRepository.Pair> pairs = duplicates.pairs(searched.get(), limit);
        if (pairs.isEmpty()) {
            return List.of();
        }
        // the pairs are found by region; the people are read as the caller may see them
        Map<Long, MemberRecord> people = Batches.index(members.findAll(caller, pairs.stream()
                .flatMap(pair -> Stream.of(pair.earlierId(), pair.laterId())).distinct().toList()), MemberRecord::getId);
        return pairs.stream()
                .filter(pair -> people.containsKey(pair.earlierId()) && people.containsKey(pair.laterId()))
                .map(pair -> new DuplicateCandidate(pair.reason(), people.get(pair.earlierId()), people.get(pair.laterId())))
                .toList();
    }
}
