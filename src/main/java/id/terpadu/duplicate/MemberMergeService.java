package id.terpadu.duplicate;

import id.terpadu.access.Caller;
import id.terpadu.db.codes.Relationship;
import id.terpadu.db.tables.records.BenefitRecord;
import id.terpadu.db.tables.records.MemberMergeRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.error.BadRequestException;
import id.terpadu.error.ConflictException;
import id.terpadu.error.NotFoundException;
import id.terpadu.database.VersionedRows;
import id.terpadu.graphql.GlobalId;
import id.terpadu.household.Households;
import id.terpadu.household.MemberFacet;
import id.terpadu.household.Members;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Merges two records of one person into one, in one transaction: the removed record's benefits,
 * facets and history move to the kept record, and what it said is kept in a merge record.
 */
@Service
@Transactional
class MemberMergeService {

    private final Members members;
    private final Households households;
    private final MergeRepository merges;
    private final VersionedRows versionedRows;
    private final List<MemberFacet<?>> facets;

    MemberMergeService(Members members, Households households, MergeRepository merges, VersionedRows versionedRows,
                       List<MemberFacet<?>> facets) {
        this.members = members;
        this.households = households;
        this.merges = merges;
        this.versionedRows = versionedRows;
        this.facets = facets;
    }

    MemberRecord merge(Caller caller, MergeMembersInput input) {
        if (input.keepNik() != null && input.keepNik().equals(input.mergeNik())) {
            throw new BadRequestException("input.mergeNik", "The same NIK is given twice: name the record to keep and another one to merge into it.");
        }
        if (input.reason() == null || input.reason().isBlank()) {
            throw new BadRequestException("input.reason", "Say why the two records are one person.");
        }
        long keepId = members.get(caller, input.keepNik(), input.keepMemberId(), "input.keepNik", "input.keepMemberId").getId();
        long mergeId = members.get(caller, input.mergeNik(), input.mergeMemberId(), "input.mergeNik", "input.mergeMemberId").getId();
        if (keepId == mergeId) {
            throw new BadRequestException("input.mergeMemberId", "The same person is named twice: name the record to keep and another one to merge into it.");
        }
        List<MemberRecord> locked = merges.lock(keepId, mergeId);
        MemberRecord kept = current(locked, keepId, "input.keepNik");
        MemberRecord merged = current(locked, mergeId, "input.mergeNik");
        checkVersion(kept, input.keepExpectedVersion(), "input.keepExpectedVersion", "The kept person's record");
        checkVersion(merged, input.mergeExpectedVersion(), "input.mergeExpectedVersion", "The record to merge");
        int othersAtHome = merges.otherMembers(merged.getHouseholdId(), merged.getId());
        if (merged.getRelationship() == Relationship.HEAD && othersAtHome > 0) {
            throw new ConflictException("input.mergeNik",
                    "The record to merge is the head of a household with other members: make someone else the head (or move this person) first.");
        }
        merges.doubleAid(merged.getId(), kept.getId()).ifPresent(pair -> {
            throw new ConflictException("input.mergeNik", "Both records hold " + pair.merged().getProgrammeCode()
                    + " in overlapping periods (" + period(pair.merged()) + " and " + period(pair.kept())
                    + "): stop one of the two benefits first, one person gets a programme once (no double aid).",
                    Map.of("benefitId", GlobalId.encode("Benefit", pair.merged().getId()),
                            "keptBenefitId", GlobalId.encode("Benefit", pair.kept().getId())));
        });

        // what the removed record's facets said, before any of them moves
        var facetsSnapshot = merges.facetsSnapshot(facets, merged.getId());
        try {
            merges.moveBenefits(merged.getId(), kept.getId());
        } catch (DataIntegrityViolationException doubleAid) {
            throw new ConflictException("input.mergeNik",
                    "Both records hold a programme in overlapping periods: stop one of the two benefits first (no double aid).");
        }
        // a facet moves over when the kept record has none; otherwise the kept record's stays and
        // the removed record's is kept in the merge record only
        for (MemberFacet<?> facet : facets) {
            if (versionedRows.exists(facet.table(), merged.getId()) && !versionedRows.exists(facet.table(), kept.getId())) {
                versionedRows.rekey(facet.table(), merged.getId(), kept.getId());
            }
        }
        merges.moveHistory(merged.getId(), kept.getId());
        merges.recordMerge(new MemberMergeRecord()
                .setKeptMemberId(kept.getId())
                .setMergedMemberId(merged.getId())
                .setNik(merged.getNik())
                .setName(merged.getName())
                .setSex(merged.getSex())
                .setBirthDate(merged.getBirthDate())
                .setHouseholdId(merged.getHouseholdId())
                .setRelationship(merged.getRelationship())
                .setRegisteredAt(merged.getRegisteredAt())
                .setFacets(facetsSnapshot)
                .setReason(input.reason().strip())
                .setMergedBy(Objects.requireNonNullElse(caller.name(), "unknown")));
        facets.forEach(facet -> versionedRows.delete(facet.table(), merged.getId()));
        merges.remove(merged.getId());
        if (othersAtHome == 0) {
            households.dissolve(merged.getHouseholdId());
        }
        households.touch(merged.getHouseholdId());
        members.touch(kept.getId());
        return members.find(caller, kept.getId()).orElseThrow();
    }

    /** The record as locked now; a record merged away by someone else meanwhile no longer exists. */
    private static MemberRecord current(List<MemberRecord> locked, long id, String field) {
        return locked.stream().filter(row -> row.getId() == id).findFirst()
                .orElseThrow(() -> new NotFoundException(field, "No person with this NIK is registered (any more)."));
    }

    private static void checkVersion(MemberRecord member, long expected, String field, String what) {
        if (member.getVersion() != expected) {
            throw new ConflictException(field, what + " was changed by someone else (version " + member.getVersion()
                    + ", you sent " + expected + "): read it again and retry.", Map.of("currentVersion", member.getVersion()));
        }
    }

    private static String period(BenefitRecord benefit) {
        return "from " + benefit.getStartsOn() + (benefit.getEndsOn() == null ? " without an end" : " to " + benefit.getEndsOn());
    }

    record MergeMembersInput(String keepNik, String keepMemberId, long keepExpectedVersion, String mergeNik,
                             String mergeMemberId, long mergeExpectedVersion, String reason) {
    }
}
