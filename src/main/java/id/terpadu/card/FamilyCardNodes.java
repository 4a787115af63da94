package id.terpadu.card;

import id.terpadu.db.tables.records.FamilyCardRecord;
import id.terpadu.graphql.NodeType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Family cards are nodes: {@code node(id:)} finds them by their global IDs, as the caller sees households. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CardProperties.class)
class FamilyCardNodes {

    @Bean
    NodeType<FamilyCardRecord> familyCardNode(FamilyCardRepository cards) {
        return new NodeType<>("FamilyCard", FamilyCardRecord.class, FamilyCardRecord::getId, cards::findById);
    }
}
