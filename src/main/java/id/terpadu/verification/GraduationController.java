package id.terpadu.verification;

import id.terpadu.access.Caller;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.VerificationResultRecord;
import id.terpadu.graphql.Batches;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A household's path out of poverty (its rounds here; the programmes it received are the benefit
 * feature's), and the planners' graduation figures of a programme.
 */
@Controller
class GraduationController {

    private final GraduationService graduation;

    GraduationController(GraduationService graduation) {
        this.graduation = graduation;
    }

    @QueryMapping
    ProgrammeGraduation programmeGraduation(@Argument String programme, @Argument String round, @Argument String region,
                                            @ContextValue Caller caller) {
        return graduation.of(caller, programme, round, region);
    }

    /** The path is read from the household itself, field by field. */
    @SchemaMapping(typeName = "Household")
    HouseholdRecord pathOutOfPoverty(HouseholdRecord household) {
        return household;
    }

    @BatchMapping(typeName = "PathOutOfPoverty")
    List<List<VerificationResultRecord>> rounds(List<HouseholdRecord> households) {
        return Batches.groups(households, HouseholdRecord::getId,
                graduation.paths(households.stream().map(HouseholdRecord::getId).toList()), VerificationResultRecord::getHouseholdId);
    }

    @BatchMapping(typeName = "PathOutOfPoverty")
    Map<HouseholdRecord, VerificationResultRecord> leftPoverty(List<HouseholdRecord> households) {
        List<List<VerificationResultRecord>> paths = rounds(households);
        Map<HouseholdRecord, VerificationResultRecord> left = new LinkedHashMap<>();
        for (int i = 0; i < households.size(); i++) {
            VerificationResultRecord result = GraduationService.leftPoverty(paths.get(i));
            if (result != null) {
                left.put(households.get(i), result);
            }
        }
        return left;
    }
}
