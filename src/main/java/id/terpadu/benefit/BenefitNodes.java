package id.terpadu.benefit;

import id.terpadu.db.tables.records.BenefitRecord;
import id.terpadu.graphql.NodeType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Benefits are nodes: {@code node(id:)} finds them by their global IDs. */
@Configuration(proxyBeanMethods = false)
class BenefitNodes {

    @Bean
    NodeType<BenefitRecord> benefitNode(BenefitRepository benefits) {
        return new NodeType<>("Benefit", BenefitRecord.class, BenefitRecord::getId, benefits::findById);
    }
}
