package id.terpadu.card;

import id.terpadu.access.Caller;
import id.terpadu.database.VersionedRows;
import id.terpadu.db.codes.HouseholdStatus;
import id.terpadu.db.tables.records.FamilyCardRecord;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.error.BadRequestException;
import id.terpadu.error.ConflictException;
import id.terpadu.error.NotFoundException;
import id.terpadu.graphql.GlobalId;
import id.terpadu.household.Households;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;

/**
 * Issues and revokes family cards; each method is one transaction. A household holds one card in
 * force: a new one revokes the one before it (kept, pointing to its successor).
 */
@Service
@Transactional
class FamilyCardService {

    /** The regency's days run on its own time (WITA, Bali). */
    static final ZoneId REGENCY_TIME = ZoneId.of("Asia/Makassar");
    static final int MAX_YEARS = 5;

    private final FamilyCardRepository cards;
    private final Households households;
    private final VersionedRows versionedRows;
    private final Clock clock;

    FamilyCardService(FamilyCardRepository cards, Households households, VersionedRows versionedRows, Clock clock) {
        this.cards = cards;
        this.households = households;
        this.versionedRows = versionedRows;
        this.clock = clock;
    }

    FamilyCardRecord issue(Caller caller, IssueCardInput input) {
        HouseholdRecord household = households.get(caller, null, input.householdId(), "input.householdId", "input.householdId");
        if (household.getStatus() != HouseholdStatus.ACTIVE) {
            throw new ConflictException("input.householdId", "The household is dissolved: it holds no card.");
        }
        String cluster = cards.clusterOf(household.getId()).orElseThrow(() -> new ConflictException("input.householdId",
                "The household has no cluster: the social office assigns one (assignCluster) before UPT-PK issues its card."));
        Long[] members = cards.memberIdsOf(household.getId());
        if (members.length == 0) {
            throw new ConflictException("input.householdId", "The household has no members for the card to cover.");
        }
        LocalDate today = LocalDate.now(clock.withZone(REGENCY_TIME));
        LocalDate from = input.validFrom() != null ? input.validFrom() : today;
        LocalDate until = input.validUntil() != null ? input.validUntil() : LocalDate.of(from.getYear() + 1, 12, 31);
        if (until.isBefore(from)) {
            throw new BadRequestException("input.validUntil", "The card would expire before it is valid.");
        }
        if (until.isAfter(from.plusYears(MAX_YEARS))) {
            throw new BadRequestException("input.validUntil", "A card is valid for at most " + MAX_YEARS + " years.");
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Optional<FamilyCardRecord> previous = cards.inForce(household.getId());
        String reason = previous.map(card -> reissueReason(card, cluster, members, input.reason())).orElse(null);
        Optional<FamilyCardRecord> revoked = previous.map(card -> versionedRows.change(FamilyCardRepository.TABLE, card.getId(),
                card.getVersion(), new FamilyCardRecord().setRevokedAt(now).setRevokeReason(reason)));
        FamilyCardRecord issued = cards.insert(new FamilyCardRecord()
                .setNumber("%s-%d-%06d".formatted(cluster, from.getYear(), cards.nextSerial()))
                .setHouseholdId(household.getId())
                .setClusterCode(cluster)
                .setCoveredMemberIds(members)
                .setValidFrom(from)
                .setValidUntil(until)
                .setIssuedAt(now)
                .setIssuedBy(caller.name()));
        revoked.ifPresent(card -> versionedRows.change(FamilyCardRepository.TABLE, card.getId(), card.getVersion(),
                new FamilyCardRecord().setReplacedById(issued.getId())));
        return issued;
    }

    /**
     * Why the card in force gives way: its cluster or members changed, or the reason given (a lost
     * card); a card that still matches the household is not reissued without one.
     */
    private static String reissueReason(FamilyCardRecord card, String cluster, Long[] members, String given) {
        StringBuilder reason = new StringBuilder();
        if (!card.getClusterCode().equals(cluster)) {
            reason.append("Cluster changed from ").append(card.getClusterCode()).append(" to ").append(cluster).append(". ");
        }
        if (!Arrays.equals(card.getCoveredMemberIds(), members)) {
            reason.append("Members changed. ");
        }
        if (given != null && !given.isBlank()) {
            reason.append(given.strip());
        }
        if (reason.isEmpty()) {
            throw new ConflictException("input.reason", "The card in force (" + card.getNumber() + ") still matches the household's "
                    + "cluster and members: say why it is reissued (a lost or damaged card).");
        }
        return reason.toString().strip();
    }

    FamilyCardRecord revoke(Caller caller, RevokeCardInput input) {
        FamilyCardRecord card = GlobalId.decode(input.id()).filter(id -> id.type().equals("FamilyCard"))
                .flatMap(id -> cards.findById(caller, id.id()))
                .orElseThrow(() -> new NotFoundException("input.id", "No card has this ID."));
        if (card.getRevokedAt() != null) {
            throw new ConflictException("input.id", "The card was revoked already.");
        }
        if (input.reason() == null || input.reason().isBlank()) {
            throw new BadRequestException("input.reason", "Say why the card is revoked.");
        }
        return versionedRows.change(FamilyCardRepository.TABLE, card.getId(), input.expectedVersion(),
                new FamilyCardRecord().setRevokedAt(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                        .setRevokeReason(input.reason().strip()));
    }

    record IssueCardInput(String householdId, LocalDate validFrom, LocalDate validUntil, String reason) {
    }

    record RevokeCardInput(String id, long expectedVersion, String reason) {
    }
}
