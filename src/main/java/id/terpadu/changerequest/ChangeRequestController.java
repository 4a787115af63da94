package id.terpadu.changerequest;

import graphql.GraphQLContext;
import id.terpadu.access.Caller;
import id.terpadu.access.Disclosure;
import id.terpadu.access.IdentityReads;
import id.terpadu.changerequest.BenefitRequests.ProposeBenefitInput;
import id.terpadu.changerequest.BenefitRequests.ProposeBenefitStopInput;
import id.terpadu.changerequest.LifeEventRequests.ProposeDeathInput;
import id.terpadu.changerequest.LifeEventRequests.ProposeDissolutionInput;
import id.terpadu.changerequest.LifeEventRequests.ProposeHeadChangeInput;
import id.terpadu.changerequest.LifeEventRequests.ProposeIdentityCorrectionInput;
import id.terpadu.changerequest.LifeEventRequests.ProposeSplitInput;
import id.terpadu.changerequest.RegisterRequests.ProposeMemberInput;
import id.terpadu.changerequest.RegisterRequests.ProposeMoveInput;
import id.terpadu.changerequest.RegisterRequests.ProposeRegistrationInput;
import id.terpadu.db.codes.ChangeRequestKind;
import id.terpadu.db.codes.ChangeRequestState;
import id.terpadu.db.tables.records.ChangeRequestAttachmentRecord;
import id.terpadu.db.tables.records.ChangeRequestRecord;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.db.tables.records.ProgrammeRecord;
import id.terpadu.db.tables.records.RegionRecord;
import id.terpadu.error.BadRequestException;
import id.terpadu.error.NotFoundException;
import id.terpadu.graphql.Batches;
import id.terpadu.graphql.Edge;
import id.terpadu.graphql.GlobalId;
import id.terpadu.graphql.PageInfo;
import id.terpadu.graphql.Paging;
import id.terpadu.household.Households;
import id.terpadu.household.Members;
import id.terpadu.programme.ReferenceDataRepository;
import id.terpadu.region.RegionCode;
import id.terpadu.region.RegionRepository;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static id.terpadu.db.Tables.CHANGE_REQUEST;

/** Change requests: the approvers' queues, the proposing mutations and the decisions. */
@Controller
class ChangeRequestController {

    private final ChangeRequestService service;
    private final ChangeRequestRepository requests;
    private final RegisterRequests register;
    private final BenefitRequests benefits;
    private final LifeEventRequests lifeEvents;
    private final Paging paging;
    private final RegionRepository regions;
    private final ReferenceDataRepository referenceData;
    private final Households households;
    private final Members members;
    private final Disclosure disclosure;

    ChangeRequestController(ChangeRequestService service, ChangeRequestRepository requests, RegisterRequests register,
                            BenefitRequests benefits, LifeEventRequests lifeEvents, Paging paging, RegionRepository regions,
                            ReferenceDataRepository referenceData, Households households, Members members,
                            Disclosure disclosure) {
        this.service = service;
        this.requests = requests;
        this.register = register;
        this.benefits = benefits;
        this.lifeEvents = lifeEvents;
        this.paging = paging;
        this.regions = regions;
        this.referenceData = referenceData;
        this.households = households;
        this.members = members;
        this.disclosure = disclosure;
    }

    record ChangeRequestConnection(List<Edge<ChangeRequestRecord>> edges, PageInfo pageInfo, int totalCount) {
    }

    record ChangeRequestCount(ChangeRequestKind kind, ChangeRequestState state, int count, int overdue) {
    }

    record Actor(String username, String role, String region) {
    }

    record ProposedValue(String field, String before, String after) {
    }

    record Attachment(String id, String fileName, String contentType, int size, String sha256, OffsetDateTime uploadedAt,
                      String url) {
    }

    @QueryMapping
    ChangeRequestConnection changeRequests(@Argument ChangeRequestState state, @Argument List<ChangeRequestKind> kinds,
                                           @Argument String region, @Argument Integer first, @Argument String after,
                                           @ContextValue Caller caller) {
        int size = paging.size(first, "first");
        Long afterId = after == null ? null : GlobalId.decode(after).filter(id -> id.type().equals(ChangeRequestService.TYPE))
                .map(GlobalId::id)
                .orElseThrow(() -> new BadRequestException("after", "This is not a cursor of change requests."));
        Condition filter = (state == null ? DSL.noCondition() : CHANGE_REQUEST.STATE.eq(state))
                .and(kinds == null || kinds.isEmpty() ? DSL.noCondition() : CHANGE_REQUEST.KIND.in(kinds))
                .and(region(region));
        List<ChangeRequestRecord> page = requests.page(caller, filter, afterId, size + 1);
        List<Edge<ChangeRequestRecord>> edges = page.stream().limit(size)
                .map(request -> new Edge<>(ChangeRequestService.id(request), request)).toList();
        return new ChangeRequestConnection(edges, PageInfo.of(edges, page.size() > size, afterId != null),
                requests.count(caller, filter));
    }

    @QueryMapping
    List<ChangeRequestCount> changeRequestCounts(@Argument String region, @ContextValue Caller caller) {
        return requests.counts(caller, region(region)).stream()
                .map(row -> new ChangeRequestCount(row.value1(), row.value2(), row.value3(), row.value4())).toList();
    }

    private Condition region(String region) {
        if (region == null) {
            return DSL.noCondition();
        }
        String code = RegionCode.normalise(region).filter(candidate -> regions.find(candidate).isPresent())
                .orElseThrow(() -> new NotFoundException("region", "No region has the code '" + region + "'."));
        return CHANGE_REQUEST.VILLAGE_CODE.eq(code).or(CHANGE_REQUEST.VILLAGE_CODE.startsWith(code + "."));
    }

    @MutationMapping
    ChangeRequestRecord proposeRegistration(@Argument ProposeRegistrationInput input, @ContextValue Caller caller) {
        return service.propose(caller, register.registration(caller, input));
    }

    @MutationMapping
    ChangeRequestRecord proposeMember(@Argument ProposeMemberInput input, @ContextValue Caller caller) {
        return service.propose(caller, register.member(caller, input));
    }

    @MutationMapping
    ChangeRequestRecord proposeMove(@Argument ProposeMoveInput input, @ContextValue Caller caller) {
        return service.propose(caller, register.move(caller, input));
    }

    @MutationMapping
    ChangeRequestRecord proposeBenefit(@Argument ProposeBenefitInput input, @ContextValue Caller caller) {
        return service.propose(caller, benefits.enrolment(caller, input));
    }

    @MutationMapping
    ChangeRequestRecord proposeBenefitStop(@Argument ProposeBenefitStopInput input, @ContextValue Caller caller) {
        return service.propose(caller, benefits.stop(caller, input));
    }

    @MutationMapping
    ChangeRequestRecord proposeIdentityCorrection(@Argument ProposeIdentityCorrectionInput input, @ContextValue Caller caller) {
        return service.propose(caller, lifeEvents.identityCorrection(caller, input));
    }

    @MutationMapping
    ChangeRequestRecord proposeHeadChange(@Argument ProposeHeadChangeInput input, @ContextValue Caller caller) {
        return service.propose(caller, lifeEvents.headChange(caller, input));
    }

    @MutationMapping
    ChangeRequestRecord proposeDeath(@Argument ProposeDeathInput input, @ContextValue Caller caller) {
        return service.propose(caller, lifeEvents.death(caller, input));
    }

    @MutationMapping
    ChangeRequestRecord proposeSplit(@Argument ProposeSplitInput input, @ContextValue Caller caller) {
        return service.propose(caller, lifeEvents.split(caller, input));
    }

    @MutationMapping
    ChangeRequestRecord proposeDissolution(@Argument ProposeDissolutionInput input, @ContextValue Caller caller) {
        return service.propose(caller, lifeEvents.dissolution(caller, input));
    }

    @MutationMapping
    ChangeRequestRecord approveChangeRequest(@Argument String id, @Argument String reason, @ContextValue Caller caller) {
        return service.approve(caller, id, reason);
    }

    @MutationMapping
    ChangeRequestRecord rejectChangeRequest(@Argument String id, @Argument String reason, @ContextValue Caller caller) {
        return service.reject(caller, id, reason);
    }

    @MutationMapping
    ChangeRequestRecord withdrawChangeRequest(@Argument String id, @Argument String reason, @ContextValue Caller caller) {
        return service.withdraw(caller, id, reason);
    }

    @SchemaMapping(typeName = "ChangeRequest")
    String id(ChangeRequestRecord request) {
        return ChangeRequestService.id(request);
    }

    @BatchMapping(typeName = "ChangeRequest")
    Map<ChangeRequestRecord, ProgrammeRecord> programme(List<ChangeRequestRecord> page) {
        return Batches.lookup(page, ChangeRequestRecord::getProgrammeCode,
                Batches.index(referenceData.programmes(), ProgrammeRecord::getCode));
    }

    @BatchMapping(typeName = "ChangeRequest")
    Map<ChangeRequestRecord, HouseholdRecord> household(List<ChangeRequestRecord> page, @ContextValue Caller caller) {
        return households.of(caller, page, ChangeRequestRecord::getHouseholdId);
    }

    @BatchMapping(typeName = "ChangeRequest")
    Map<ChangeRequestRecord, MemberRecord> member(List<ChangeRequestRecord> page, @ContextValue Caller caller) {
        return members.of(caller, page, ChangeRequestRecord::getMemberId);
    }

    @BatchMapping(typeName = "ChangeRequest")
    Map<ChangeRequestRecord, RegionRecord> village(List<ChangeRequestRecord> page) {
        return Batches.lookup(page, ChangeRequestRecord::getVillageCode, Batches.index(regions.findAll(
                page.stream().map(ChangeRequestRecord::getVillageCode).distinct().toList()), RegionRecord::getCode));
    }

    @SchemaMapping(typeName = "ChangeRequest")
    List<String> warnings(ChangeRequestRecord request) {
        return List.of(request.getWarnings());
    }

    /** The corrected identity values, each through the gate as the field of Member it is. */
    @SchemaMapping(typeName = "ChangeRequest")
    List<ProposedValue> values(ChangeRequestRecord request, @ContextValue Caller caller, GraphQLContext context) {
        if (request.getKind() != ChangeRequestKind.CORRECT_IDENTITY) {
            return List.of();
        }
        LifeEventRequests.IdentityCorrection correction = Proposals.read(request, LifeEventRequests.IdentityCorrection.class);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("name", correction.name());
        after.put("birthDate", correction.birthDate() == null ? null : correction.birthDate().toString());
        after.put("sex", correction.sex() == null ? null : correction.sex().name());
        after.put("nik", correction.newNik());
        IdentityReads reads = IdentityReads.of(context);
        List<ProposedValue> values = new ArrayList<>();
        correction.before().forEach((field, before) -> {
            if (disclosure.reads(caller, "Member", field)) {
                values.add(new ProposedValue(field,
                        disclosure.field(caller, "Member", field, before, reads).map(Object::toString).orElse(null),
                        disclosure.field(caller, "Member", field, after.get(field), reads).map(Object::toString).orElse(null)));
            }
        });
        return values;
    }

    @SchemaMapping(typeName = "ChangeRequest")
    Actor proposedBy(ChangeRequestRecord request) {
        return new Actor(request.getProposedByUsername(), request.getProposedByRole(), request.getProposedByRegion());
    }

    @SchemaMapping(typeName = "ChangeRequest")
    Actor decidedBy(ChangeRequestRecord request) {
        return request.getDecidedAt() == null ? null
                : new Actor(request.getDecidedByUsername(), request.getDecidedByRole(), null);
    }

    @SchemaMapping(typeName = "ChangeRequest")
    boolean overdue(ChangeRequestRecord request) {
        return request.getState() == ChangeRequestState.PENDING && request.getDueAt().isBefore(OffsetDateTime.now());
    }

    @BatchMapping(typeName = "ChangeRequest")
    Map<ChangeRequestRecord, List<Attachment>> attachments(List<ChangeRequestRecord> page) {
        Map<Long, List<Attachment>> byRequest = new LinkedHashMap<>();
        for (ChangeRequestAttachmentRecord attachment : requests.attachments(page.stream().map(ChangeRequestRecord::getId).toList())) {
            byRequest.computeIfAbsent(attachment.getChangeRequestId(), id -> new ArrayList<>()).add(new Attachment(
                    GlobalId.encode(Attachments.TYPE, attachment.getId()), attachment.getFileName(), attachment.getContentType(),
                    attachment.getSizeBytes(), attachment.getSha256(), attachment.getUploadedAt(),
                    Attachments.url(attachment.getId())));
        }
        Map<ChangeRequestRecord, List<Attachment>> result = new LinkedHashMap<>();
        page.forEach(request -> result.put(request, byRequest.getOrDefault(request.getId(), List.of())));
        return result;
    }

    /** For a page of requests, the other pending requests about the same households or people, in one statement. */
    @BatchMapping(typeName = "ChangeRequest")
    Map<ChangeRequestRecord, List<ChangeRequestRecord>> conflicts(List<ChangeRequestRecord> page, @ContextValue Caller caller) {
        List<Long> householdIds = page.stream().map(ChangeRequestRecord::getHouseholdId).filter(java.util.Objects::nonNull).distinct().toList();
        List<Long> memberIds = page.stream().map(ChangeRequestRecord::getMemberId).filter(java.util.Objects::nonNull).distinct().toList();
        List<ChangeRequestRecord> pending = householdIds.isEmpty() && memberIds.isEmpty() ? List.of()
                : requests.pendingAbout(caller, householdIds, memberIds);
        Map<ChangeRequestRecord, List<ChangeRequestRecord>> result = new LinkedHashMap<>();
        for (ChangeRequestRecord request : page) {
            result.put(request, pending.stream()
                    .filter(other -> !other.getId().equals(request.getId()))
                    .filter(other -> request.getHouseholdId() != null && request.getHouseholdId().equals(other.getHouseholdId())
                            || request.getMemberId() != null && request.getMemberId().equals(other.getMemberId()))
                    .toList());
        }
        return result;
    }
}
