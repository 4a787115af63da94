package id.terpadu.duplicate;

import id.terpadu.access.Caller;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.error.BadRequestException;
import id.terpadu.error.NotFoundException;
import id.terpadu.graphql.Batches;
import id.terpadu.member.MemberRepository;
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
    static final int MAX_FIRST = 100;

    private final DuplicateRepository duplicates;
    private final MemberRepository members;
    private final RegionRepository regions;

    DuplicateSearch(DuplicateRepository duplicates, MemberRepository members, RegionRepository regions) {
        this.duplicates = duplicates;
        this.members = members;
        this.regions = regions;
    }

    /** At most {@code first} pairs, newest first; two statements whatever the page size. */
    List<DuplicateCandidate> candidates(String region, Integer first) {
        int limit = first == null ? DEFAULT_FIRST : first;
        if (limit < 1 || limit > MAX_FIRST) {
            throw new BadRequestException("first", "Ask for 1 to " + MAX_FIRST + " pairs at a time.");
        }
        String code = RegionCode.normalise(region)
                .filter(candidate -> regions.find(candidate).isPresent())
                .orElseThrow(() -> new NotFoundException("region", "No region has the code '" + region + "'."));
        Optional<String> searched = withinCallersRegion(code);
        if (searched.isEmpty()) {
            return List.of();
        }
        List<DuplicateRepository.Pair> pairs = duplicates.pairs(searched.get(), limit);
        if (pairs.isEmpty()) {
            return List.of();
        }
        // the pairs are found by region; the people are read as the caller may see them
        Map<Long, MemberRecord> people = Batches.index(members.findAllById(pairs.stream()
                .flatMap(pair -> Stream.of(pair.earlierId(), pair.laterId())).distinct().toList()), MemberRecord::getId);
        return pairs.stream()
                .filter(pair -> people.containsKey(pair.earlierId()) && people.containsKey(pair.laterId()))
                .map(pair -> new DuplicateCandidate(pair.reason(), people.get(pair.earlierId()), people.get(pair.laterId())))
                .toList();
    }

    /** The part of the region the caller may search: all of it, the caller's own region inside it, or nothing. */
    private static Optional<String> withinCallersRegion(String code) {
        String own = Caller.current().region();
        if (own == null || code.equals(own) || code.startsWith(own + ".")) {
            return Optional.of(code);
        }
        return own.startsWith(code + ".") ? Optional.of(own) : Optional.empty();
    }
}
