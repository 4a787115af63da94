package id.terpadu.error;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;

/**
 * Translates a constraint the database enforced into the refusal a client understands. The
 * services check the same rules first with better messages; this catches what slips past them,
 * such as two requests registering the same NIK at the same moment.
 */
@Component
public class ConstraintViolations {

    private static final Map<String, HubException> BY_CONSTRAINT = Map.ofEntries(
            Map.entry("household_kk_key", new ConflictException("input.kk", "A household with this KK is already registered.")),
            Map.entry("member_nik_key", new ConflictException("input.nik", "A person with this NIK is already registered.")),
            Map.entry("member_one_head_per_household", new ConflictException("input.relationship", "The household already has a head.")),
            Map.entry("household_village_fkey", new NotFoundException("input.villageCode", "No village has this code.")),
            Map.entry("benefit_programme_fkey", new NotFoundException("input.programme", "No programme has this code.")),
            Map.entry("benefit_no_double_household", new ConflictException("input.startsOn",
                    "The household already holds this programme in an overlapping period (no double aid).")),
            Map.entry("benefit_no_double_member", new ConflictException("input.startsOn",
                    "The person already holds this programme in an overlapping period (no double aid).")),
            Map.entry("benefit_period_order", new BadRequestException("input.endsOn", "The period ends before it starts.")),
            // the person's record was merged into another one while the request ran (mergeMembers)
            Map.entry("benefit_member_id_fkey", new NotFoundException("input.nik",
                    "No person with this NIK is registered any more: the record was merged into another one.")),
            Map.entry("health_facet_member_id_fkey", new NotFoundException("input.nik",
                    "No person with this NIK is registered any more: the record was merged into another one.")),
            Map.entry("education_facet_member_id_fkey", new NotFoundException("input.nik",
                    "No person with this NIK is registered any more: the record was merged into another one.")),
            Map.entry("exclusion_rule_pair_key", new ConflictException("input.excludedProgramme",
                    "Another rule already keeps these two programmes apart; change that rule instead.")),
            Map.entry("verification_round_name_key", new ConflictException("input.name",
                    "A verification round with this name already exists.")));

    public Optional<HubException> translate(DataIntegrityViolationException violation) {
        return constraintName(violation).map(BY_CONSTRAINT::get);
    }

    private static Optional<String> constraintName(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof PSQLException psql) {
                return Optional.ofNullable(psql.getServerErrorMessage()).map(ServerErrorMessage::getConstraint);
            }
        }
        return Optional.empty();
    }
}
