package id.terpadu.desk;

import id.terpadu.access.Caller;
import id.terpadu.access.RowScope;
import id.terpadu.database.VersionedRows;
import id.terpadu.changerequest.ChangeRequestDecided;
import id.terpadu.db.codes.ChangeRequestState;
import id.terpadu.db.codes.ServiceOutcome;
import id.terpadu.db.codes.ServiceRequestState;
import id.terpadu.db.codes.ServiceRequestStepKind;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.db.tables.records.ServiceRequestKindRecord;
import id.terpadu.db.tables.records.ServiceRequestRecord;
import id.terpadu.db.tables.records.ServiceRequestStepRecord;
import id.terpadu.changerequest.ChangeRequests;
import id.terpadu.changerequest.ChangeRequests.Correction;
import id.terpadu.db.tables.records.ChangeRequestRecord;
import id.terpadu.error.BadRequestException;
import id.terpadu.error.ConflictException;
import id.terpadu.error.ForbiddenException;
import id.terpadu.error.NotFoundException;
import id.terpadu.graphql.GlobalId;
import id.terpadu.household.HouseholdInputs.RegisterHouseholdInput;
import id.terpadu.household.Households;
import id.terpadu.household.Members;
import id.terpadu.identity.IdentityNumbers;
import id.terpadu.region.RegionRepository;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static id.terpadu.db.Tables.BENEFIT;

/**
 * The desk's work on requests: record, refer, accept, return, resolve, escalate. Each method is one
 * transaction, and each step is kept on the request's path.
 */
@Service
@Transactional
class ServiceRequestService {

    static final String DATA_CORRECTION = "DATA_CORRECTION";
    static final String EXCLUSION_ERROR = "EXCLUSION_ERROR";

    /** How long a service level may be: a year. */
    static final int MAX_SERVICE_HOURS = 8760;

    private final ServiceRequestRepository requests;
    private final ServiceRequestScope scope;
    private final Households households;
    private final Members members;
    private final RegionRepository regions;
    private final VersionedRows versionedRows;
    private final RowScope rowScope;
    private final DSLContext dsl;
    private final Clock clock;
    private final ChangeRequests changeRequests;

    ServiceRequestService(ServiceRequestRepository requests, ServiceRequestScope scope, Households households,
                          Members members, RegionRepository regions, VersionedRows versionedRows, RowScope rowScope,
                          DSLContext dsl, Clock clock, ChangeRequests changeRequests) {
        this.changeRequests = changeRequests;
        this.requests = requests;
        this.scope = scope;
        this.households = households;
        this.members = members;
        this.regions = regions;
        this.versionedRows = versionedRows;
        this.rowScope = rowScope;
        this.dsl = dsl;
        this.clock = clock;
    }

    ServiceRequestRecord open(Caller caller, OpenServiceRequestInput input) {
        ServiceRequestKindRecord kind = requests.findKind(input.kind())
                .orElseThrow(() -> new NotFoundException("input.kind", "No kind of request has the code '" + input.kind()
                        + "': see serviceRequestKinds."));
        MemberRecord member = input.memberId() == null ? null : members.get(caller, null, input.memberId(), "input.memberId", "input.memberId");
        HouseholdRecord household = input.householdId() == null ? null
                : households.get(caller, null, input.householdId(), "input.householdId", "input.householdId");
        if (member != null && household != null && !member.getHouseholdId().equals(household.getId())) {
            throw new BadRequestException("input.memberId", "The person does not belong to the household named.");
        }
        if (member != null && household == null) {
            household = households.find(caller, member.getHouseholdId()).orElse(null);
        }
        if (household == null && kind.getAboutRequired()) {
            throw new BadRequestException("input.householdId", "A request for " + kind.getName()
                    + " names the household or person it is about (householdId or memberId).");
        }
        if (input.description() == null || input.description().isBlank()) {
            throw new BadRequestException("input.description", "Say what the resident asks.");
        }
        ServiceRequestRecord request = new ServiceRequestRecord()
                .setKindCode(kind.getCode())
                .setState(ServiceRequestState.OPEN)
                .setHouseholdId(household == null ? null : household.getId())
                .setMemberId(member == null ? null : member.getId())
                .setDescription(input.description().strip())
                .setReporterPhone(blankToNull(input.reporterPhone()));
        reporter(caller, input, request);
        request.setVillageCode(village(caller, input, household));
        request.setDeskRole(caller.roles().contains(ServiceRequestScope.CENTRAL_DESK) ? ServiceRequestScope.CENTRAL_DESK : "desa");
        OffsetDateTime now = now();
        request.setTakenBy(caller.name())
                .setOpenedAt(now)
                .setDueAt(now.plusHours(kind.getServiceHours()))
                .setNumber(number(now));
        ServiceRequestRecord opened = requests.insert(request);
        step(opened, ServiceRequestStepKind.OPENED, null, null, caller, now);
        return opened;
    }

    private void reporter(Caller caller, OpenServiceRequestInput input, ServiceRequestRecord request) {
        boolean unregistered = input.reporterNik() != null || input.reporterName() != null || input.reporterBirthDate() != null;
        if (input.reporterMemberId() != null) {
            if (unregistered) {
                throw new BadRequestException(input.reporterNik() != null ? "input.reporterNik"
                        : input.reporterName() != null ? "input.reporterName" : "input.reporterBirthDate",
                        "Name the reporter either as a registered person (reporterMemberId) or by NIK, name and birth date, not both.");
            }
            MemberRecord reporter = members.get(caller, null, input.reporterMemberId(), "input.reporterMemberId", "input.reporterMemberId");
            request.setReporterMemberId(reporter.getId()).setReporterBirthDate(reporter.getBirthDate());
            return;
        }
        if (input.reporterNik() == null) {
            throw new BadRequestException("input.reporterNik",
                    "Say who asks: a registered person (reporterMemberId), or the NIK, name and birth date of one not registered.");
        }
        IdentityNumbers.checkDigits(input.reporterNik(), "input.reporterNik", "NIK");
        if (input.reporterName() == null || input.reporterName().isBlank()) {
            throw new BadRequestException("input.reporterName", "Give the reporter's name.");
        }
        if (input.reporterBirthDate() == null) {
            throw new BadRequestException("input.reporterBirthDate",
                    "Give the reporter's birth date: the resident checks the request's status with it.");
        }
        if (input.reporterBirthDate().isAfter(LocalDate.now(clock))) {
            throw new BadRequestException("input.reporterBirthDate", "The birth date lies in the future.");
        }
        request.setReporterNik(input.reporterNik()).setReporterName(input.reporterName().strip())
                .setReporterBirthDate(input.reporterBirthDate());
    }

    /** The household's village; else the village given or, at a village's desk, that village. */
    private String village(Caller caller, OpenServiceRequestInput input, HouseholdRecord household) {
        if (household != null) {
            if (input.villageCode() != null && !input.villageCode().equals(household.getVillageCode())) {
                throw new BadRequestException("input.villageCode", "The household lives in another village: leave villageCode out.");
            }
            return household.getVillageCode();
        }
        String village = input.villageCode() != null ? input.villageCode() : caller.region();
        if (village == null) {
            return null;
        }
        if (!regions.isVillage(village)) {
            throw new NotFoundException("input.villageCode", "No village has the code '" + village + "'.");
        }
        if (!rowScope.includesVillage(caller, village)) {
            throw new ForbiddenException("input.villageCode", "You take requests of your own village only.");
        }
        return village;
    }

    ServiceRequestRecord refer(Caller caller, ReferServiceRequestInput input) {
        ServiceRequestRecord request = get(caller, input.id());
        if (!scope.isDesk(caller)) {
            throw new ForbiddenException("input.id", "Only the desk refers requests.");
        }
        notResolved(request);
        if (!scope.referableAgencies().contains(input.agency())) {
            throw new BadRequestException("input.agency", "The desk refers requests to " + String.join(", ", scope.referableAgencies())
                    + "; '" + input.agency() + "' is none of them.");
        }
        if (request.getChangeRequestId() != null) {
            throw new ConflictException("input.id", "The request waits for the decision on its change request "
                    + ChangeRequests.globalId(request.getChangeRequestId()) + ": its approver acts, not an agency.");
        }
        if (input.agency().equals(request.getAgencyCode())) {
            throw new ConflictException("input.agency", "The request is referred to " + input.agency() + " already.");
        }
        OffsetDateTime now = now();
        ServiceRequestRecord referred = versionedRows.change(ServiceRequestRepository.TABLE, request.getId(), input.expectedVersion(),
                new ServiceRequestRecord().setState(ServiceRequestState.REFERRED).setAgencyCode(input.agency()));
        step(referred, ServiceRequestStepKind.REFERRED, input.agency(), blankToNull(input.note()), caller, now);
        return referred;
    }

    ServiceRequestRecord accept(Caller caller, ServiceRequestStepInput input) {
        ServiceRequestRecord request = referredToCaller(caller, input.id());
        if (request.getState() != ServiceRequestState.REFERRED) {
            throw new ConflictException("input.id", "The request was accepted already.");
        }
        ServiceRequestRecord accepted = versionedRows.change(ServiceRequestRepository.TABLE, request.getId(), input.expectedVersion(),
                new ServiceRequestRecord().setState(ServiceRequestState.ACCEPTED));
        step(accepted, ServiceRequestStepKind.ACCEPTED, request.getAgencyCode(), blankToNull(input.note()), caller, now());
        return accepted;
    }

    ServiceRequestRecord giveBack(Caller caller, ServiceRequestStepInput input) {
        ServiceRequestRecord request = referredToCaller(caller, input.id());
        if (input.note() == null || input.note().isBlank()) {
            throw new BadRequestException("input.note", "Say why the request goes back to the desk.");
        }
        ServiceRequestRecord returned = versionedRows.change(ServiceRequestRepository.TABLE, request.getId(), input.expectedVersion(),
                new ServiceRequestRecord().setState(ServiceRequestState.OPEN).setAgencyCode(null));
        step(returned, ServiceRequestStepKind.RETURNED, request.getAgencyCode(), input.note().strip(), caller, now());
        return returned;
    }

    ServiceRequestRecord resolve(Caller caller, ResolveServiceRequestInput input) {
        ServiceRequestRecord request = get(caller, input.id());
        notResolved(request);
        boolean referredToCaller = request.getAgencyCode() != null && scope.agenciesOf(caller).contains(request.getAgencyCode());
        boolean atTheDesk = request.getState() == ServiceRequestState.OPEN && scope.isDesk(caller);
        if (!referredToCaller && !atTheDesk) {
            throw new ForbiddenException("input.id", request.getAgencyCode() != null
                    ? "The request is referred to an agency: that agency resolves it (or returns it to the desk)."
                    : "The desk resolves a request it has not referred.");
        }
        // the change request's decision resolves it; a resolution by hand would leave that decision without its request
        if (request.getChangeRequestId() != null && requests.changeRequestPending(request.getChangeRequestId())) {
            throw new ConflictException("input.id", "The request waits for the decision on its change request "
                    + ChangeRequests.globalId(request.getChangeRequestId())
                    + ": that decision resolves it. Withdraw the change request first to resolve the request otherwise.");
        }
        if (input.note() == null || input.note().isBlank()) {
            throw new BadRequestException("input.note", "Say what was done, or why not.");
        }
        Long benefitId = benefit(caller, input, request);
        OffsetDateTime now = now();
        ServiceRequestRecord resolved = versionedRows.change(ServiceRequestRepository.TABLE, request.getId(), input.expectedVersion(),
                new ServiceRequestRecord().setState(ServiceRequestState.RESOLVED).setResolvedAt(now).setOutcome(input.outcome())
                        .setOutcomeNote(input.note().strip()).setBenefitId(benefitId).setAgencyCode(request.getAgencyCode()));
        step(resolved, ServiceRequestStepKind.RESOLVED, request.getAgencyCode(), input.outcome().name(), caller, now);
        return resolved;
    }

    /** The benefit a resolution links: one the caller reads, of the request's household or person. */
    private Long benefit(Caller caller, ResolveServiceRequestInput input, ServiceRequestRecord request) {
        if (input.benefitId() == null) {
            if (input.outcome() == ServiceOutcome.ENROLLED) {
                throw new BadRequestException("input.benefitId", "An enrolment links the benefit it made (benefitId).");
            }
            return null;
        }
        long id = GlobalId.decode(input.benefitId()).filter(global -> global.type().equals("Benefit")).map(GlobalId::id)
                .orElseThrow(() -> new NotFoundException("input.benefitId", "No benefit has this ID."));
        var benefit = dsl.selectFrom(BENEFIT).where(BENEFIT.ID.eq(id)).and(rowScope.benefits(caller)).fetchOptional()
                .orElseThrow(() -> new NotFoundException("input.benefitId", "No benefit has this ID."));
        boolean sameHousehold = request.getHouseholdId() != null && request.getHouseholdId().equals(benefit.getHouseholdId());
        boolean samePerson = benefit.getMemberId() != null && (benefit.getMemberId().equals(request.getMemberId())
                || (request.getHouseholdId() != null && members.find(caller, benefit.getMemberId())
                .map(person -> person.getHouseholdId().equals(request.getHouseholdId())).orElse(false)));
        if (!sameHousehold && !samePerson) {
            throw new BadRequestException("input.benefitId", "The benefit is not of the household or person the request is about.");
        }
        return benefit.getId();
    }

    /**
     * Opens the change request a data correction or a missed family calls for, instead of the desk
     * writing the change: an identity correction of the person the request is about (due within
     * 3×24 hours when the person asks about their own data), or the registration of the missed
     * household. The request stays at the desk until that change request is decided.
     */
    ServiceRequestRecord proposeChange(Caller caller, ProposeServiceRequestChangeInput input) {
        ServiceRequestRecord request = get(caller, input.id());
        if (!scope.isDesk(caller)) {
            throw new ForbiddenException("input.id", "Only the desk proposes the change a request calls for.");
        }
        notResolved(request);
        if (request.getState() != ServiceRequestState.OPEN) {
            throw new ConflictException("input.id", "The request is referred to an agency: it comes back to the desk first.");
        }
        if (request.getChangeRequestId() != null) {
            throw new ConflictException("input.id", "The request has a change request waiting for its decision already: "
                    + ChangeRequests.globalId(request.getChangeRequestId()) + ".");
        }
        ChangeRequestRecord change = switch (request.getKindCode()) {
            case DATA_CORRECTION -> correction(caller, request, input);
            case EXCLUSION_ERROR -> registration(caller, input);
            default -> throw new BadRequestException("input.id", "Only a data correction (" + DATA_CORRECTION
                    + ") or a missed family (" + EXCLUSION_ERROR + ") opens a change request.");
        };
        ServiceRequestRecord linked = versionedRows.change(ServiceRequestRepository.TABLE, request.getId(), input.expectedVersion(),
                new ServiceRequestRecord().setChangeRequestId(change.getId()));
        step(linked, ServiceRequestStepKind.CHANGE_PROPOSED, null, ChangeRequests.globalId(change.getId()), caller, now());
        return linked;
    }

    private ChangeRequestRecord correction(Caller caller, ServiceRequestRecord request, ProposeServiceRequestChangeInput input) {
        if (input.household() != null) {
            throw new BadRequestException("input.household", "A data correction corrects a person: give `correction`, not `household`.");
        }
        if (input.correction() == null) {
            throw new BadRequestException("input.correction", "Give the corrected values (correction).");
        }
        if (request.getMemberId() == null) {
            throw new BadRequestException("input.id", "The request names no person to correct: record the correction about a person (memberId).");
        }
        MemberRecord member = members.find(caller, request.getMemberId())
                .orElseThrow(() -> new NotFoundException("input.id", "No request has this ID."));
        boolean ownData = member.getId().equals(request.getReporterMemberId());
        try {
            return changeRequests.proposeIdentityCorrection(caller, member.getId(), member.getVersion(), input.correction(), ownData,
                    input.reason());
        } catch (BadRequestException refusal) {
            throw new BadRequestException(correctionField(refusal.field()), refusal.getMessage(), refusal.details());
        }
    }

    /** A refused value of the correction, named as this input names it. */
    private static String correctionField(String field) {
        if (field == null || field.equals("input")) {
            return "input.correction";
        }
        return switch (field) {
            case "input.name", "input.birthDate", "input.sex", "input.newNik" -> "input.correction." + field.substring("input.".length());
            default -> field;
        };
    }

    private ChangeRequestRecord registration(Caller caller, ProposeServiceRequestChangeInput input) {
        if (input.correction() != null) {
            throw new BadRequestException("input.correction", "A missed family is registered: give `household`, not `correction`.");
        }
        if (input.household() == null) {
            throw new BadRequestException("input.household", "Give the missed household as it is to be registered (household).");
        }
        return changeRequests.proposeRegistration(caller, input.household(), input.reason());
    }

    /**
     * The decision on a request's change request: an approval resolves it (the data CORRECTED, the
     * complaint FOUNDED, with the household registered), a rejection resolves it as NOT_ELIGIBLE or
     * UNFOUNDED with the approver's reason; a withdrawal leaves it open at the desk, free for another.
     */
    void changeDecided(ServiceRequestRecord request, ChangeRequestDecided decision) {
        if (request.getState() == ServiceRequestState.RESOLVED) {
            return;
        }
        OffsetDateTime now = now();
        String decider = decision.decidedBy();
        String changeId = ChangeRequests.globalId(decision.id());
        if (decision.state() == ChangeRequestState.WITHDRAWN) {
            ServiceRequestRecord open = versionedRows.change(ServiceRequestRepository.TABLE, request.getId(), request.getVersion(),
                    new ServiceRequestRecord().setChangeRequestId(null));
            step(open, ServiceRequestStepKind.CHANGE_WITHDRAWN, null, changeId + ": " + decision.reason(), decider, now);
            return;
        }
        boolean approved = decision.state() == ChangeRequestState.APPROVED;
        boolean correction = DATA_CORRECTION.equals(request.getKindCode());
        ServiceOutcome outcome = approved ? (correction ? ServiceOutcome.CORRECTED : ServiceOutcome.FOUNDED)
                : (correction ? ServiceOutcome.NOT_ELIGIBLE : ServiceOutcome.UNFOUNDED);
        String note = (approved ? "Change request " + changeId + " approved: " : "Change request " + changeId + " rejected: ")
                + decision.reason();
        ServiceRequestRecord changes = new ServiceRequestRecord().setState(ServiceRequestState.RESOLVED).setResolvedAt(now)
                .setOutcome(outcome).setOutcomeNote(note.length() > 1000 ? note.substring(0, 1000) : note);
        if (approved && request.getHouseholdId() == null && decision.householdId() != null) {
            changes.setHouseholdId(decision.householdId());
        }
        ServiceRequestRecord resolved = versionedRows.change(ServiceRequestRepository.TABLE, request.getId(), request.getVersion(), changes);
        step(resolved, ServiceRequestStepKind.RESOLVED, null, outcome.name(), decider, now);
    }

    List<ServiceRequestRecord> escalateOverdue(Caller caller, EscalateOverdueInput input) {
        if (input.kind() != null && requests.findKind(input.kind()).isEmpty()) {
            throw new NotFoundException("input.kind", "No kind of request has the code '" + input.kind() + "'.");
        }
        if (input.agency() != null && !scope.referableAgencies().contains(input.agency())) {
            throw new NotFoundException("input.agency", "The desk refers no requests to '" + input.agency() + "'.");
        }
        OffsetDateTime now = now();
        List<ServiceRequestRecord> escalated = new java.util.ArrayList<>();
        for (ServiceRequestRecord overdue : requests.overdueNotEscalated(now, input.kind(), input.agency())) {
            ServiceRequestRecord changed = versionedRows.change(ServiceRequestRepository.TABLE, overdue.getId(), overdue.getVersion(),
                    new ServiceRequestRecord().setEscalatedAt(now));
            step(changed, ServiceRequestStepKind.ESCALATED, overdue.getAgencyCode(),
                    "Overdue since " + overdue.getDueAt().withOffsetSameInstant(ZoneOffset.UTC), caller, now);
            escalated.add(changed);
        }
        return escalated;
    }

    ServiceRequestKindRecord setServiceLevel(SetServiceLevelInput input) {
        requests.findKind(input.kind()).orElseThrow(() -> new NotFoundException("input.kind",
                "No kind of request has the code '" + input.kind() + "'."));
        if (input.serviceHours() < 1 || input.serviceHours() > MAX_SERVICE_HOURS) {
            throw new BadRequestException("input.serviceHours", "A service level is 1 to " + MAX_SERVICE_HOURS + " hours.");
        }
        return requests.setServiceHours(input.kind(), input.serviceHours());
    }

    private ServiceRequestRecord get(Caller caller, String id) {
        return GlobalId.decode(id).filter(global -> global.type().equals("ServiceRequest"))
                .flatMap(global -> requests.findById(caller, global.id()))
                .orElseThrow(() -> new NotFoundException("input.id", "No request has this ID."));
    }

    private ServiceRequestRecord referredToCaller(Caller caller, String id) {
        ServiceRequestRecord request = get(caller, id);
        if (request.getAgencyCode() == null || !scope.agenciesOf(caller).contains(request.getAgencyCode())) {
            throw new ForbiddenException("input.id", "The request is not referred to your agency.");
        }
        return request;
    }

    private static void notResolved(ServiceRequestRecord request) {
        if (request.getState() == ServiceRequestState.RESOLVED) {
            throw new ConflictException("input.id", "The request was resolved already.");
        }
    }

    private void step(ServiceRequestRecord request, ServiceRequestStepKind kind, String agency, String note, Caller caller,
                      OffsetDateTime at) {
        step(request, kind, agency, note, caller.name(), at);
    }

    private void step(ServiceRequestRecord request, ServiceRequestStepKind kind, String agency, String note, String actor,
                      OffsetDateTime at) {
        requests.addStep(new ServiceRequestStepRecord().setRequestId(request.getId()).setStep(kind).setAgencyCode(agency)
                .setNote(note).setActor(actor).setOccurredAt(at));
    }

    private String number(OffsetDateTime now) {
        return "LYN-%d-%06d".formatted(now.getYear(), requests.nextSerial());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    record OpenServiceRequestInput(String kind, String householdId, String memberId, String description,
                                   String reporterMemberId, String reporterNik, String reporterName, LocalDate reporterBirthDate,
                                   String reporterPhone, String villageCode) {
    }

    record ReferServiceRequestInput(String id, long expectedVersion, String agency, String note) {
    }

    record ServiceRequestStepInput(String id, long expectedVersion, String note) {
    }

    record ResolveServiceRequestInput(String id, long expectedVersion, ServiceOutcome outcome, String note, String benefitId) {
    }

    record ProposeServiceRequestChangeInput(String id, long expectedVersion, Correction correction, RegisterHouseholdInput household,
                                            String reason) {
    }

    record SetServiceLevelInput(String kind, int serviceHours) {
    }

    record EscalateOverdueInput(String kind, String agency) {
    }
}
