package id.terpadu.changerequest;

import id.terpadu.access.Caller;
import id.terpadu.changerequest.LifeEventRequests.ProposeIdentityCorrectionInput;
import id.terpadu.changerequest.RegisterRequests.ProposeRegistrationInput;
import id.terpadu.db.codes.Sex;
import id.terpadu.db.tables.records.ChangeRequestRecord;
import id.terpadu.graphql.GlobalId;
import id.terpadu.household.HouseholdInputs.RegisterHouseholdInput;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/**
 * What other features ask of change requests: to propose an identity correction or a household's
 * registration on someone's behalf (the service desk), and to read requests as far as the caller
 * sees them. A decision on a request is published as {@link ChangeRequestDecided}.
 */
@Component
@Transactional
public class ChangeRequests {

    private final ChangeRequestService service;
    private final ChangeRequestRepository requests;
    private final LifeEventRequests lifeEvents;
    private final RegisterRequests register;

    ChangeRequests(ChangeRequestService service, ChangeRequestRepository requests, LifeEventRequests lifeEvents,
                   RegisterRequests register) {
        this.service = service;
        this.requests = requests;
        this.lifeEvents = lifeEvents;
        this.register = register;
    }

    /** Corrected identity values of a person; null where the value stays. */
    public record Correction(String name, LocalDate birthDate, Sex sex, String newNik) {
    }

    /**
     * Proposes correcting the person's identity, checked as {@code proposeIdentityCorrection} checks
     * it; a person's request about their own data is due within 3×24 hours.
     */
    public ChangeRequestRecord proposeIdentityCorrection(Caller caller, long memberId, long memberVersion, Correction correction,
                                                         boolean ownData, String reason) {
        return service.propose(caller, lifeEvents.identityCorrection(caller, new ProposeIdentityCorrectionInput(null,
                GlobalId.encode("Member", memberId), memberVersion, correction.name(), correction.birthDate(), correction.sex(),
                correction.newNik(), ownData, reason)));
    }

    /** Proposes registering a household, checked as {@code proposeRegistration} checks it. */
    public ChangeRequestRecord proposeRegistration(Caller caller, RegisterHouseholdInput household, String reason) {
        return service.propose(caller, register.registration(caller, new ProposeRegistrationInput(household, reason)));
    }

    /** The requests with these row ids that the caller sees. */
    @Transactional(readOnly = true)
    public List<ChangeRequestRecord> visible(Caller caller, Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : requests.findAll(caller, ids);
    }

    /** A request's global ID. */
    public static String globalId(long id) {
        return GlobalId.encode(ChangeRequestService.TYPE, id);
    }
}
