package id.terpadu.desk;

import id.terpadu.db.tables.records.ServiceRequestRecord;
import id.terpadu.graphql.NodeType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Requests are nodes: {@code node(id:)} finds them by their global IDs, as the caller sees them. */
@Configuration(proxyBeanMethods = false)
class ServiceRequestNodes {

    @Bean
    NodeType<ServiceRequestRecord> serviceRequestNode(ServiceRequestRepository requests) {
        return new NodeType<>("ServiceRequest", ServiceRequestRecord.class, ServiceRequestRecord::getId, requests::findById);
    }
}
