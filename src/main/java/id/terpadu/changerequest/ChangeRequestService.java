package id.terpadu.changerequest;

import id.terpadu.access.Caller;
import id.terpadu.db.codes.ChangeRequestKind;
import id.terpadu.db.codes.ChangeRequestState;
import id.terpadu.db.tables.records.ChangeRequestRecord;
import id.terpadu.error.BadRequestException;
import id.terpadu.error.ConflictException;
import id.terpadu.error.ForbiddenException;
import id.terpadu.error.HubException;
import id.terpadu.error.NotFoundException;
import id.terpadu.graphql.GlobalId;
import id.terpadu.household.Households;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Proposes, approves, rejects and withdraws change requests; each method is one transaction. An
 * approval applies the change through the service that makes it directly, in the same
 * transaction, so it is checked again against the world as it is then; a refusal leaves the
 * request pending and nothing applied.
 */
@Service
@Transactional
class ChangeRequestService {

    static final String TYPE = "ChangeRequest";

    private final ChangeRequestRepository requests;
    private final ChangeRequestScope scope;
    private final Deadlines deadlines;
    private final Households households;
    private final Map<ChangeRequestKind, ChangeHandler> handlers = new EnumMap<>(ChangeRequestKind.class);
    private final TransactionTemplate trial;
    private final ApplicationEventPublisher events;

    ChangeRequestService(ChangeRequestRepository requests, ChangeRequestScope scope, Deadlines deadlines,
                         Households households, List<ChangeHandler> handlers, PlatformTransactionManager transactions,
                         ApplicationEventPublisher events) {
        this.events = events;
        this.requests = requests;
        this.scope = scope;
        this.deadlines = deadlines;
        this.households = households;
        handlers.forEach(handler -> this.handlers.put(handler.kind(), handler));
        this.trial = new TransactionTemplate(transactions);
        this.trial.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Stores a proposal as PENDING, after trying it as its approvers would apply it now (and
     * undoing the try): a rule it breaks now is a warning the proposer is told, bad input is refused.
     */
    ChangeRequestRecord propose(Caller caller, Proposal proposal) {
        String role = scope.proposingRole(caller, proposal.kind(), proposal.programme());
        if (role == null) {
            throw new ForbiddenException(proposal.programme() != null ? "input.programme" : "input",
                    "Your role may not propose " + describe(proposal.kind(), proposal.programme()) + ".");
        }
        if (!scope.includesVillage(caller, proposal.villageCode())) {
            throw new ForbiddenException(proposal.kind() == ChangeRequestKind.REGISTER_HOUSEHOLD ? "input.household.villageCode" : "input",
                    "The village " + proposal.villageCode() + " lies outside your region"
                            + (caller.region() == null ? "." : " (" + caller.region() + ")."));
        }
        if (proposal.reason() == null || proposal.reason().isBlank()) {
            throw new BadRequestException("input.reason", "Say why the change is proposed.");
        }
        ChangeRequestRecord request = new ChangeRequestRecord()
                .setKind(proposal.kind())
                .setProgrammeCode(proposal.programme())
                .setHouseholdId(proposal.householdId())
                .setMemberId(proposal.memberId())
                .setVillageCode(proposal.villageCode())
                .setProposal(Proposals.write(proposal.change()))
                .setSummary(proposal.summary())
                .setReason(proposal.reason().strip())
                .setOwnData(proposal.ownData())
                .setProposedBySubject(caller.subject())
                .setProposedByUsername(caller.username())
                .setProposedByRole(role)
                .setProposedByRegion(caller.region());
        request.setWarnings(warnings(caller, request).toArray(String[]::new));
        return insert(request);
    }

    /** Opens a request on behalf of whoever's decision or action made it necessary (a death's benefits, a round's results). */
    ChangeRequestRecord open(Caller caller, String role, Proposal proposal, Long roundId) {
        return insert(new ChangeRequestRecord()
                .setKind(proposal.kind())
                .setProgrammeCode(proposal.programme())
                .setHouseholdId(proposal.householdId())
                .setMemberId(proposal.memberId())
                .setVillageCode(proposal.villageCode())
                .setProposal(Proposals.write(proposal.change()))
                .setSummary(proposal.summary())
                .setReason(proposal.reason())
                .setOwnData(false)
                .setProposedBySubject(caller.subject())
                .setProposedByUsername(caller.username())
                .setProposedByRole(role)
                .setProposedByRegion(caller.region())
                .setRoundId(roundId));
    }

    private ChangeRequestRecord insert(ChangeRequestRecord request) {
        OffsetDateTime now = OffsetDateTime.now();
        return requests.insert(request.setProposedAt(now).setDueAt(now.plus(deadlines.of(request.getKind(), request.getOwnData()))));
    }

    /** What the proposal would break if its approvers applied it now; the try is undone. */
    private List<String> warnings(Caller proposer, ChangeRequestRecord request) {
        Caller approver = new Caller(proposer.subject(), proposer.username(), proposer.client(),
                scope.approvers(request.getKind(), request.getProgrammeCode()), proposer.region());
        try {
            trial.executeWithoutResult(status -> {
                handler(request.getKind()).apply(approver, request);
                status.setRollbackOnly();
            });
            return List.of();
        } catch (ConflictException conflict) {
            return List.of(conflict.getMessage());
        }
    }

    ChangeRequestRecord approve(Caller caller, String id, String reason) {
        ChangeRequestRecord request = decidable(caller, id, reason, "approve");
        checkRegion(request);
        Applied applied;
        try {
            applied = handler(request.getKind()).apply(caller, request);
        } catch (HubException refusal) {
            throw cannotApply(refusal);
        }
        ChangeRequestRecord approved = requests.update(request.getId(), decision(caller, request, ChangeRequestState.APPROVED, reason)
                .setApplied(applied.summary())
                .setHouseholdId(applied.householdId() != null ? applied.householdId() : request.getHouseholdId())
                .setMemberId(applied.memberId() != null ? applied.memberId() : request.getMemberId()));
        String role = scope.approvingRole(caller, request.getKind(), request.getProgrammeCode());
        applied.followUps().forEach(followUp -> open(caller, role, followUp.proposal(), null));
        return decided(approved);
    }

    ChangeRequestRecord reject(Caller caller, String id, String reason) {
        ChangeRequestRecord request = decidable(caller, id, reason, "reject");
        return decided(requests.update(request.getId(), decision(caller, request, ChangeRequestState.REJECTED, reason)));
    }

    ChangeRequestRecord withdraw(Caller caller, String id, String reason) {
        ChangeRequestRecord request = pending(caller, id, reason);
        if (!request.getProposedBySubject().equals(caller.subject())) {
            throw new ForbiddenException("id", "Only its proposer withdraws a request; an approver rejects it.");
        }
        return decided(requests.update(request.getId(), new ChangeRequestRecord()
                .setState(ChangeRequestState.WITHDRAWN)
                .setDecidedBySubject(caller.subject())
                .setDecidedByUsername(caller.username())
                .setDecidedByRole(request.getProposedByRole())
                .setDecidedAt(OffsetDateTime.now())
                .setDecisionReason(reason.strip())));
    }

    /** Tells the features that wait on the request (a service request) of its decision, in the same transaction. */
    private ChangeRequestRecord decided(ChangeRequestRecord request) {
        events.publishEvent(new ChangeRequestDecided(request.getId(), request.getState(), request.getDecisionReason(),
                request.getDecidedByUsername(), request.getHouseholdId(), request.getMemberId()));
        return request;
    }

    private ChangeRequestRecord decidable(Caller caller, String id, String reason, String verb) {
        ChangeRequestRecord request = pending(caller, id, reason);
        if (scope.approvingRole(caller, request.getKind(), request.getProgrammeCode()) == null) {
            throw new ForbiddenException("id", "Your role may not " + verb + " "
                    + describe(request.getKind(), request.getProgrammeCode()) + " requests.");
        }
        if (request.getProposedBySubject().equals(caller.subject())) {
            throw new ForbiddenException("id", "Four eyes: you proposed this request, so someone else decides it.");
        }
        return request;
    }

    private ChangeRequestRecord pending(Caller caller, String id, String reason) {
        ChangeRequestRecord request = GlobalId.decode(id).filter(global -> global.type().equals(TYPE))
                .flatMap(global -> requests.lock(caller, global.id()))
                .orElseThrow(() -> new NotFoundException("id", "No change request has this ID."));
        if (reason == null || reason.isBlank()) {
            throw new BadRequestException("reason", "Give the reason for the decision.");
        }
        if (request.getState() != ChangeRequestState.PENDING) {
            throw new ConflictException("id", "This request is already " + request.getState().name().toLowerCase() + ".");
        }
        return request;
    }

    private ChangeRequestRecord decision(Caller caller, ChangeRequestRecord request, ChangeRequestState state, String reason) {
        return new ChangeRequestRecord()
                .setState(state)
                .setDecidedBySubject(caller.subject())
                .setDecidedByUsername(caller.username())
                .setDecidedByRole(scope.approvingRole(caller, request.getKind(), request.getProgrammeCode()))
                .setDecidedAt(OffsetDateTime.now())
                .setDecisionReason(reason.strip());
    }

    /** The proposer's region must still hold the household: it may have moved away since the proposal. */
    private void checkRegion(ChangeRequestRecord request) {
        String region = request.getProposedByRegion();
        if (region == null || request.getHouseholdId() == null) {
            return;
        }
        Caller proposer = new Caller(request.getProposedBySubject(), request.getProposedByUsername(), null,
                Set.of(request.getProposedByRole()), region);
        if (households.find(proposer, request.getHouseholdId()).isEmpty()) {
            throw new ConflictException("id", "The household no longer lies in the region of the proposer (" + region
                    + "): the request cannot be applied.");
        }
    }

    /** A refusal of the service that applies the change, as the refusal of the approval, keeping what it may reveal. */
    private static ConflictException cannotApply(HubException refusal) {
        String prefix = "The change cannot be applied now: ";
        Map<String, Object> details = new HashMap<>(refusal.details());
        if (refusal.field() != null) {
            details.put("proposalField", refusal.field());
        }
        ConflictException conflict = new ConflictException("id", prefix + refusal.getMessage(), details);
        if (refusal.revealedBy() != null) {
            conflict.revealing(refusal.revealedBy(), prefix + refusal.revealingMessage());
        }
        return conflict;
    }

    private ChangeHandler handler(ChangeRequestKind kind) {
        ChangeHandler handler = handlers.get(kind);
        if (handler == null) {
            throw new IllegalStateException("No handler applies " + kind);
        }
        return handler;
    }

    static String describe(ChangeRequestKind kind, String programme) {
        String words = kind.name().toLowerCase().replace('_', ' ');
        return programme == null ? words : words + " (" + programme + ")";
    }

    /** The requests' global IDs. */
    static String id(ChangeRequestRecord request) {
        return GlobalId.encode(TYPE, request.getId());
    }

    static List<String> ids(List<ChangeRequestRecord> list) {
        List<String> ids = new ArrayList<>();
        list.forEach(request -> ids.add(id(request)));
        return ids;
    }
}
