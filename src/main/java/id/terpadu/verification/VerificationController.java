package id.terpadu.verification;

import id.terpadu.db.tables.records.ClusterRecord;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.VerificationResultRecord;
import id.terpadu.db.tables.records.VerificationRoundRecord;
import id.terpadu.graphql.Batches;
import id.terpadu.access.Caller;
import id.terpadu.household.Households;
import id.terpadu.programme.ReferenceDataRepository;
import id.terpadu.verification.VerificationService.CloseVerificationRoundInput;
import id.terpadu.verification.VerificationService.OpenVerificationRoundInput;
import id.terpadu.verification.VerificationService.RecordVerificationResultInput;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** Verification rounds, their results per household, and the statistics the regency reports. */
@Controller
class VerificationController {

    private final VerificationService service;
    private final VerificationRepository rounds;
    private final StatisticsService statistics;
    private final Households households;
    private final ReferenceDataRepository referenceData;

    VerificationController(VerificationService service, VerificationRepository rounds, StatisticsService statistics,
                           Households households, ReferenceDataRepository referenceData) {
        this.service = service;
        this.rounds = rounds;
        this.statistics = statistics;
        this.households = households;
        this.referenceData = referenceData;
    }

    @QueryMapping
    List<VerificationRoundRecord> verificationRounds() {
        return rounds.rounds();
    }

    @QueryMapping
    VerificationRoundRecord verificationRound(@Argument String name) {
        return rounds.findRound(name).orElse(null);
    }

    @QueryMapping
    RoundStatistics statistics(@Argument String round, @Argument String region, @ContextValue Caller caller) {
        return statistics.of(caller, round, region);
    }

    @MutationMapping
    VerificationRoundRecord openVerificationRound(@Argument OpenVerificationRoundInput input) {
        return service.open(input);
    }

    @MutationMapping
    VerificationResultRecord recordVerificationResult(@Argument RecordVerificationResultInput input, @ContextValue Caller caller) {
        return service.record(caller, input);
    }

    @MutationMapping
    VerificationRoundRecord closeVerificationRound(@Argument CloseVerificationRoundInput input, @ContextValue Caller caller) {
        return service.close(caller, input);
    }

    @BatchMapping(typeName = "VerificationRound")
    Map<VerificationRoundRecord, VerificationRoundRecord> previous(List<VerificationRoundRecord> page) {
        return roundsOf(page, VerificationRoundRecord::getPreviousId);
    }

    @BatchMapping(typeName = "Household")
    List<List<VerificationResultRecord>> verification(List<HouseholdRecord> page) {
        return Batches.groups(page, HouseholdRecord::getId,
                rounds.resultsOf(page.stream().map(HouseholdRecord::getId).toList()), VerificationResultRecord::getHouseholdId);
    }

    @BatchMapping(typeName = "VerificationResult")
    Map<VerificationResultRecord, VerificationRoundRecord> round(List<VerificationResultRecord> results) {
        return roundsOf(results, VerificationResultRecord::getRoundId);
    }

    @BatchMapping(typeName = "VerificationResult")
    Map<VerificationResultRecord, HouseholdRecord> household(List<VerificationResultRecord> results, @ContextValue Caller caller) {
        return households.of(caller, results, VerificationResultRecord::getHouseholdId);
    }

    @BatchMapping(typeName = "VerificationResult")
    Map<VerificationResultRecord, ClusterRecord> cluster(List<VerificationResultRecord> results) {
        return Batches.lookup(results, VerificationResultRecord::getClusterCode,
                Batches.index(referenceData.clusters(), ClusterRecord::getCode));
    }

    private <S> Map<S, VerificationRoundRecord> roundsOf(List<S> sources, Function<S, Long> roundId) {
        List<Long> ids = sources.stream().map(roundId).filter(Objects::nonNull).distinct().toList();
        return Batches.lookup(sources, roundId,
                Batches.index(ids.isEmpty() ? List.of() : rounds.findRounds(ids), VerificationRoundRecord::getId));
    }
}
