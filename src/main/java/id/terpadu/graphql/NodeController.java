package id.terpadu.graphql;

import id.terpadu.benefit.BenefitRepository;
import id.terpadu.household.HouseholdRepository;
import id.terpadu.member.MemberRepository;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import java.util.Optional;

/** {@code node(id:)}: any object with a global ID. */
@Controller
class NodeController {

    private final HouseholdRepository households;
    private final MemberRepository members;
    private final BenefitRepository benefits;

    NodeController(HouseholdRepository households, MemberRepository members, BenefitRepository benefits) {
        this.households = households;
        this.members = members;
        this.benefits = benefits;
    }

    @QueryMapping
    Object node(@Argument String id) {
        return GlobalId.decode(id).flatMap(globalId -> switch (globalId.type()) {
            case "Household" -> households.findById(globalId.id()).map(Object.class::cast);
            case "Member" -> members.findById(globalId.id()).map(Object.class::cast);
            case "Benefit" -> benefits.findById(globalId.id()).map(Object.class::cast);
            default -> Optional.empty();
        }).orElse(null);
    }
}
