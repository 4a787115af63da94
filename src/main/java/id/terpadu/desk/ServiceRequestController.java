package id.terpadu.desk;

import graphql.GraphQLContext;
import id.terpadu.access.Caller;
import id.terpadu.access.Disclosure;
import id.terpadu.access.IdentityReads;
import id.terpadu.access.RowScope;
import id.terpadu.changerequest.ChangeRequests;
import id.terpadu.db.codes.ServiceRequestState;
import id.terpadu.db.tables.records.ChangeRequestRecord;
import id.terpadu.db.tables.records.AgencyRecord;
import id.terpadu.db.tables.records.BenefitRecord;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.db.tables.records.RegionRecord;
import id.terpadu.db.tables.records.ServiceRequestKindRecord;
import id.terpadu.db.tables.records.ServiceRequestRecord;
import id.terpadu.db.tables.records.ServiceRequestStepRecord;
import id.terpadu.desk.ServiceLevelFigures.AgencyFigures;
import id.terpadu.desk.ServiceRequestService.EscalateOverdueInput;
import id.terpadu.desk.ServiceRequestService.OpenServiceRequestInput;
import id.terpadu.desk.ServiceRequestService.ProposeServiceRequestChangeInput;
import id.terpadu.desk.ServiceRequestService.ReferServiceRequestInput;
import id.terpadu.desk.ServiceRequestService.ResolveServiceRequestInput;
import id.terpadu.desk.ServiceRequestService.ServiceRequestStepInput;
import id.terpadu.desk.ServiceRequestService.SetServiceLevelInput;
import id.terpadu.error.BadRequestException;
import id.terpadu.graphql.Batches;
import id.terpadu.graphql.GlobalId;
import id.terpadu.household.Households;
import id.terpadu.household.Members;
import id.terpadu.programme.ReferenceDataRepository;
import id.terpadu.region.RegionRepository;
import org.jooq.DSLContext;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static id.terpadu.db.Tables.BENEFIT;

/** The service desk's requests: the list, look-ups, the desk's and the offices' steps, and the figures. */
@Controller
class ServiceRequestController {

    private final ServiceRequestService service;
    private final ServiceRequestRepository requests;
    private final ServiceRequestSearch search;
    private final ServiceLevelFigures figures;
    private final ReferenceDataRepository referenceData;
    private final RegionRepository regions;
    private final Households households;
    private final Members members;
    private final Disclosure disclosure;
    private final RowScope rowScope;
    private final DSLContext dsl;
    private final Clock clock;
    private final ChangeRequests changeRequests;

    ServiceRequestController(ServiceRequestService service, ServiceRequestRepository requests, ServiceRequestSearch search,
                             ServiceLevelFigures figures, ReferenceDataRepository referenceData, RegionRepository regions,
                             Households households, Members members, Disclosure disclosure, RowScope rowScope, DSLContext dsl,
                             Clock clock, ChangeRequests changeRequests) {
        this.changeRequests = changeRequests;
        this.service = service;
        this.requests = requests;
        this.search = search;
        this.figures = figures;
        this.referenceData = referenceData;
        this.regions = regions;
        this.households = households;
        this.members = members;
        this.disclosure = disclosure;
        this.rowScope = rowScope;
        this.dsl = dsl;
        this.clock = clock;
    }

    @QueryMapping
    ServiceRequestConnection serviceRequests(@Argument Map<String, Object> filter, @Argument Integer first,
                                             @Argument String after, @ContextValue Caller caller) {
        return search.page(caller, filter, first, after);
    }

    @SchemaMapping(typeName = "ServiceRequestConnection")
    int totalCount(ServiceRequestConnection connection) {
        return search.count(connection);
    }

    @QueryMapping
    ServiceRequestRecord serviceRequest(@Argument String id, @Argument String number, @ContextValue Caller caller) {
        if ((id == null) == (number == null)) {
            throw new BadRequestException(id == null ? "id" : "number", "Give the request's ID or its number, one of the two.");
        }
        if (id != null) {
            return GlobalId.decode(id).filter(global -> global.type().equals("ServiceRequest"))
                    .flatMap(global -> requests.findById(caller, global.id())).orElse(null);
        }
        return requests.findByNumber(caller, number.strip()).orElse(null);
    }

    @QueryMapping
    List<ServiceRequestKindRecord> serviceRequestKinds() {
        return requests.kinds();
    }

    @QueryMapping
    List<AgencyFigures> serviceLevelFigures(@Argument Map<String, Object> period) {
        return figures.of(LocalDate.parse(period.get("from").toString()), LocalDate.parse(period.get("to").toString()));
    }

    @SchemaMapping(typeName = "AgencyServiceFigures")
    AgencyRecord agency(AgencyFigures agencyFigures) {
        return agency(agencyFigures.agencyCode());
    }

    @MutationMapping
    ServiceRequestRecord openServiceRequest(@Argument OpenServiceRequestInput input, @ContextValue Caller caller) {
        return service.open(caller, input);
    }

    @MutationMapping
    ServiceRequestRecord referServiceRequest(@Argument ReferServiceRequestInput input, @ContextValue Caller caller) {
        return service.refer(caller, input);
    }

    @MutationMapping
    ServiceRequestRecord acceptServiceRequest(@Argument ServiceRequestStepInput input, @ContextValue Caller caller) {
        return service.accept(caller, input);
    }

    @MutationMapping
    ServiceRequestRecord returnServiceRequest(@Argument ServiceRequestStepInput input, @ContextValue Caller caller) {
        return service.giveBack(caller, input);
    }

    @MutationMapping
    ServiceRequestRecord resolveServiceRequest(@Argument ResolveServiceRequestInput input, @ContextValue Caller caller) {
        return service.resolve(caller, input);
    }

    @MutationMapping
    ServiceRequestRecord proposeServiceRequestChange(@Argument ProposeServiceRequestChangeInput input, @ContextValue Caller caller) {
        return service.proposeChange(caller, input);
    }

    @MutationMapping
    List<ServiceRequestRecord> escalateOverdueServiceRequests(@Argument EscalateOverdueInput input, @ContextValue Caller caller) {
        return service.escalateOverdue(caller, input);
    }

    @MutationMapping
    ServiceRequestKindRecord setServiceLevel(@Argument SetServiceLevelInput input) {
        return service.setServiceLevel(input);
    }

    @BatchMapping(typeName = "ServiceRequest")
    Map<ServiceRequestRecord, ServiceRequestKindRecord> kind(List<ServiceRequestRecord> page) {
        return Batches.lookup(page, ServiceRequestRecord::getKindCode, Batches.index(requests.kinds(), ServiceRequestKindRecord::getCode));
    }

    @SchemaMapping(typeName = "ServiceRequest")
    String desk(ServiceRequestRecord request) {
        return request.getDeskRole();
    }

    @SchemaMapping(typeName = "ServiceRequest")
    boolean overdue(ServiceRequestRecord request) {
        OffsetDateTime until = request.getState() == ServiceRequestState.RESOLVED ? request.getResolvedAt() : OffsetDateTime.now(clock);
        return until.isAfter(request.getDueAt());
    }

    @SchemaMapping(typeName = "ServiceRequest")
    AgencyRecord agency(ServiceRequestRecord request) {
        return request.getAgencyCode() == null ? null : agency(request.getAgencyCode());
    }

    @BatchMapping(typeName = "ServiceRequest")
    Map<ServiceRequestRecord, HouseholdRecord> household(List<ServiceRequestRecord> page, @ContextValue Caller caller) {
        return households.of(caller, page, ServiceRequestRecord::getHouseholdId);
    }

    @BatchMapping(typeName = "ServiceRequest")
    Map<ServiceRequestRecord, MemberRecord> member(List<ServiceRequestRecord> page, @ContextValue Caller caller) {
        return members.of(caller, page, ServiceRequestRecord::getMemberId);
    }

    @BatchMapping(typeName = "ServiceRequest")
    Map<ServiceRequestRecord, RegionRecord> village(List<ServiceRequestRecord> page) {
        List<String> codes = page.stream().map(ServiceRequestRecord::getVillageCode).filter(Objects::nonNull).distinct().toList();
        return Batches.lookup(page, ServiceRequestRecord::getVillageCode,
                Batches.index(codes.isEmpty() ? List.of() : regions.findAll(codes), RegionRecord::getCode));
    }

    @BatchMapping(typeName = "ServiceRequest")
    Map<ServiceRequestRecord, BenefitRecord> benefit(List<ServiceRequestRecord> page, @ContextValue Caller caller) {
        List<Long> ids = page.stream().map(ServiceRequestRecord::getBenefitId).filter(Objects::nonNull).distinct().toList();
        List<BenefitRecord> readable = ids.isEmpty() ? List.of()
                : dsl.selectFrom(BENEFIT).where(BENEFIT.ID.in(ids)).and(rowScope.benefits(caller)).fetch();
        return Batches.lookup(page, ServiceRequestRecord::getBenefitId, Batches.index(readable, BenefitRecord::getId));
    }

    @BatchMapping(typeName = "ServiceRequest")
    Map<ServiceRequestRecord, ChangeRequestRecord> changeRequest(List<ServiceRequestRecord> page, @ContextValue Caller caller) {
        List<Long> ids = page.stream().map(ServiceRequestRecord::getChangeRequestId).filter(Objects::nonNull).distinct().toList();
        return Batches.lookup(page, ServiceRequestRecord::getChangeRequestId,
                Batches.index(changeRequests.visible(caller, ids), ChangeRequestRecord::getId));
    }

    @BatchMapping(typeName = "ServiceRequest")
    List<List<ServiceRequestStepRecord>> steps(List<ServiceRequestRecord> page) {
        return Batches.groups(page, ServiceRequestRecord::getId,
                requests.steps(page.stream().map(ServiceRequestRecord::getId).distinct().toList()), ServiceRequestStepRecord::getRequestId);
    }

    @SchemaMapping(typeName = "ServiceRequest")
    ServiceRequestRecord reporter(ServiceRequestRecord request) {
        return request;
    }

    @SchemaMapping(typeName = "ServiceRequestReporter")
    MemberRecord member(ServiceRequestRecord request, @ContextValue Caller caller) {
        return request.getReporterMemberId() == null ? null : members.find(caller, request.getReporterMemberId()).orElse(null);
    }

    @SchemaMapping(typeName = "ServiceRequestReporter")
    String nik(ServiceRequestRecord request, @ContextValue Caller caller, GraphQLContext context) {
        return disclosure.identity(caller, "ServiceRequestReporter", "nik", request.getReporterNik(), IdentityReads.of(context));
    }

    @SchemaMapping(typeName = "ServiceRequestReporter")
    String name(ServiceRequestRecord request) {
        return request.getReporterName();
    }

    @SchemaMapping(typeName = "ServiceRequestReporter")
    String phone(ServiceRequestRecord request) {
        return request.getReporterPhone();
    }

    @SchemaMapping(typeName = "ServiceRequestStep")
    AgencyRecord agency(ServiceRequestStepRecord step) {
        return step.getAgencyCode() == null ? null : agency(step.getAgencyCode());
    }

    private AgencyRecord agency(String code) {
        return referenceData.agencies().stream().filter(agency -> agency.getCode().equals(code)).findFirst().orElse(null);
    }
}
