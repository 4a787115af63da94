package id.terpadu.card;

import graphql.GraphQLContext;
import id.terpadu.access.Caller;
import id.terpadu.access.Disclosure;
import id.terpadu.access.IdentityReads;
import id.terpadu.card.CardVerifier.CardVerification;
import id.terpadu.card.FamilyCardService.IssueCardInput;
import id.terpadu.card.FamilyCardService.RevokeCardInput;
import id.terpadu.db.tables.records.ClusterRecord;
import id.terpadu.db.tables.records.FamilyCardRecord;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.db.codes.Relationship;
import id.terpadu.graphql.Batches;
import id.terpadu.household.Households;
import id.terpadu.household.Members;
import id.terpadu.programme.ReferenceDataRepository;
import id.terpadu.region.RegionRepository;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Family cards: issue, revoke, a household's cards, the printable card, and the check of a scanned one. */
@Controller
class FamilyCardController {

    private final FamilyCardService service;
    private final FamilyCardRepository cards;
    private final CardTokens tokens;
    private final CardVerifier verifier;
    private final CardPdf pdf;
    private final Households households;
    private final Members members;
    private final ReferenceDataRepository referenceData;
    private final RegionRepository regions;
    private final Disclosure disclosure;

    FamilyCardController(FamilyCardService service, FamilyCardRepository cards, CardTokens tokens, CardVerifier verifier,
                         CardPdf pdf, Households households, Members members, ReferenceDataRepository referenceData,
                         RegionRepository regions, Disclosure disclosure) {
        this.service = service;
        this.cards = cards;
        this.tokens = tokens;
        this.verifier = verifier;
        this.pdf = pdf;
        this.households = households;
        this.members = members;
        this.referenceData = referenceData;
        this.regions = regions;
        this.disclosure = disclosure;
    }

    @QueryMapping
    CardVerification verifyCard(@Argument String token) {
        return verifier.verify(token);
    }

    @MutationMapping
    FamilyCardRecord issueCard(@Argument IssueCardInput input, @ContextValue Caller caller) {
        return service.issue(caller, input);
    }

    @MutationMapping
    FamilyCardRecord revokeCard(@Argument RevokeCardInput input, @ContextValue Caller caller) {
        return service.revoke(caller, input);
    }

    @BatchMapping(typeName = "Household")
    List<List<FamilyCardRecord>> cards(List<HouseholdRecord> page) {
        return Batches.groups(page, HouseholdRecord::getId,
                cards.findByHouseholds(page.stream().map(HouseholdRecord::getId).distinct().toList()), FamilyCardRecord::getHouseholdId);
    }

    @BatchMapping(typeName = "FamilyCard")
    Map<FamilyCardRecord, HouseholdRecord> household(List<FamilyCardRecord> page, @ContextValue Caller caller) {
        return households.of(caller, page, FamilyCardRecord::getHouseholdId);
    }

    @SchemaMapping(typeName = "FamilyCard")
    ClusterRecord cluster(FamilyCardRecord card) {
        return referenceData.findCluster(card.getClusterCode()).orElseThrow();
    }

    @SchemaMapping(typeName = "FamilyCard")
    List<MemberRecord> members(FamilyCardRecord card, @ContextValue Caller caller) {
        return members.findAll(caller, Arrays.asList(card.getCoveredMemberIds()));
    }

    @SchemaMapping(typeName = "FamilyCard")
    FamilyCardRecord replacedBy(FamilyCardRecord card, @ContextValue Caller caller) {
        return card.getReplacedById() == null ? null : cards.findById(caller, card.getReplacedById()).orElse(null);
    }

    @SchemaMapping(typeName = "FamilyCard")
    String qrToken(FamilyCardRecord card) {
        return tokens.sign(card.getNumber(), card.getValidUntil());
    }

    @SchemaMapping(typeName = "FamilyCard")
    String pdf(FamilyCardRecord card, @ContextValue Caller caller, GraphQLContext context) {
        HouseholdRecord household = households.find(caller, card.getHouseholdId()).orElseThrow();
        List<MemberRecord> covered = members.findAll(caller, Arrays.asList(card.getCoveredMemberIds()));
        String head = covered.stream().filter(member -> member.getRelationship() == Relationship.HEAD)
                .map(MemberRecord::getName).findFirst().orElse(null);
        ClusterRecord cluster = referenceData.findCluster(card.getClusterCode()).orElseThrow();
        String village = regions.find(household.getVillageCode()).map(region -> region.getName()).orElse(household.getVillageCode());
        // the KK passes the gate: masked for a role that sees it masked, otherwise noted as read
        String kk = disclosure.identity(caller, "Household", "kk", household.getKk(), IdentityReads.of(context));
        byte[] printed = pdf.print(new CardPdf.CardFace(card.getNumber(), cluster.getCode(), cluster.getName(), head, kk, village,
                covered.stream().map(MemberRecord::getName).toList(), card.getValidFrom(), card.getValidUntil(),
                card.getRevokedAt() != null, tokens.sign(card.getNumber(), card.getValidUntil())));
        return Base64.getEncoder().encodeToString(printed);
    }
}
