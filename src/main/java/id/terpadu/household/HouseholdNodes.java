package id.terpadu.household;

import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.graphql.NodeType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Households and members are nodes: {@code node(id:)} finds them by their global IDs. */
@Configuration(proxyBeanMethods = false)
class HouseholdNodes {

    @Bean
    NodeType<HouseholdRecord> householdNode(HouseholdRepository households) {
        return new NodeType<>("Household", HouseholdRecord.class, HouseholdRecord::getId, households::findById);
    }

    @Bean
    NodeType<MemberRecord> memberNode(MemberRepository members) {
        return new NodeType<>("Member", MemberRecord.class, MemberRecord::getId, members::findById);
    }
}
