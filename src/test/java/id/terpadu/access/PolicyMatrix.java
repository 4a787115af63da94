package id.terpadu.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything an {@link AccessPolicy} grants, one line per decision with every role list expanded
 * and sorted: the roles of each type and of each field listed apart, of each mutation and each
 * restricted input field, then masking, benefits, age limits, region and statistics roles and
 * the audited tables. Two policies that grant the same have the same matrix, however their files
 * are written; a field the policy does not list has its type's roles, so the matrix over the
 * schema follows from these lines.
 */
final class PolicyMatrix {

    private PolicyMatrix() {
    }

    static String of(AccessPolicy policy) {
        List<String> lines = new ArrayList<>();
        policy.roles().forEach((role, description) -> lines.add("role " + role + ": " + description));
        access("read", policy.readAccess(), lines);
        access("write", policy.writeAccess(), lines);
        lines.add("masked " + sorted(policy.maskedFields()) + " unmasked for " + sorted(policy.unmaskedFor()));
        new TreeMap<>(policy.benefitAccess()).forEach((role, access) ->
                lines.add("benefits " + role + ": read " + access.read() + " write " + access.write()));
        new TreeMap<>(policy.memberAges()).forEach((role, age) -> lines.add("memberAge " + role + ": " + age));
        lines.add("requiresRegion " + sorted(policy.requiresRegion()));
        lines.add("smallCounts " + sorted(policy.smallCounts()));
        new TreeMap<>(policy.auditedTables()).forEach((table, audited) ->
                lines.add("audited " + table + ": " + audited.type() + " " + new TreeMap<>(audited.columns())
                        + (audited.nested().isEmpty() ? "" : " nested " + sorted(audited.nested()))));
        new TreeMap<>(policy.changeRequestDeciders()).forEach((kind, byProgramme) ->
                new TreeMap<>(byProgramme).forEach((programme, deciders) -> lines.add("changeRequests " + kind
                        + (programme.equals(AccessPolicy.ANY_PROGRAMME) ? "" : " " + programme)
                        + ": propose " + sorted(deciders.propose()) + " approve " + sorted(deciders.approve()))));
        return String.join("\n", lines) + "\n";
    }

    private static void access(String kind, Map<String, AccessPolicy.TypeAccess> section, List<String> lines) {
        new TreeMap<>(section).forEach((name, access) -> {
            lines.add(kind + " " + name + ": " + sorted(access.roles()));
            new TreeMap<>(access.fields()).forEach((field, roles) ->
                    lines.add(kind + " " + name + "." + field + ": " + sorted(roles)));
        });
    }

    private static String sorted(Collection<String> roles) {
        return String.join(", ", new TreeSet<>(roles));
    }
}
