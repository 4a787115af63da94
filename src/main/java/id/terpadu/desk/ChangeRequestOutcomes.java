package id.terpadu.desk;

import id.terpadu.changerequest.ChangeRequestDecided;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Resolves the service request that opened a change request when that change request is decided,
 * in the deciding transaction: an approval that cannot resolve its request is not made.
 */
@Component
class ChangeRequestOutcomes {

    private final ServiceRequestRepository requests;
    private final ServiceRequestService service;

    ChangeRequestOutcomes(ServiceRequestRepository requests, ServiceRequestService service) {
        this.requests = requests;
        this.service = service;
    }

    @EventListener
    void on(ChangeRequestDecided decision) {
        requests.lockByChangeRequest(decision.id()).ifPresent(request -> service.changeDecided(request, decision));
    }
}
