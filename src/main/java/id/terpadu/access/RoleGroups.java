package id.terpadu.access;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The role groups of the policy file ({@code groups: {agencies: [uptpk, dinsos, …]}}), declared
 * once and expanded wherever the file lists roles, so a list like {@code [agencies, bappeda]}
 * reads as the roles it stands for. A group may name roles and other groups. A group named like a
 * role, a group that contains itself, and a name that is neither a role nor a group stop the hub
 * at start, saying where.
 */
final class RoleGroups {

    private final Set<String> roles;
    private final Map<String, Set<String>> expanded = new LinkedHashMap<>();

    private RoleGroups(Set<String> roles) {
        this.roles = roles;
    }

    static RoleGroups of(Set<String> roles, Map<String, List<String>> declared) {
        RoleGroups groups = new RoleGroups(roles);
        declared.keySet().stream().filter(roles::contains).findFirst().ifPresent(clash -> {
            throw new IllegalStateException("The access policy declares the group '" + clash
                    + "' under groups, but '" + clash + "' is a role: give the group another name");
        });
        declared.keySet().forEach(group -> groups.expand(group, declared, new ArrayDeque<>()));
        return groups;
    }

    private Set<String> expand(String group, Map<String, List<String>> declared, Deque<String> path) {
        Set<String> done = expanded.get(group);
        if (done != null) {
            return done;
        }
        if (path.contains(group)) {
            throw new IllegalStateException("The access policy's group '" + group + "' contains itself: "
                    + String.join(" > ", path) + " > " + group);
        }
        path.addLast(group);
        Set<String> members = new LinkedHashSet<>();
        for (String name : declared.get(group)) {
            if (roles.contains(name)) {
                members.add(name);
            } else if (declared.containsKey(name)) {
                members.addAll(expand(name, declared, path));
            } else {
                throw unknown(name, "groups." + group);
            }
        }
        path.removeLast();
        Set<String> result = Set.copyOf(members);
        expanded.put(group, result);
        return result;
    }

    /** The roles a list of the policy file stands for; {@code where} names the list for the message. */
    Set<String> expand(String where, List<String> names) {
        Set<String> result = new LinkedHashSet<>();
        for (String name : names) {
            if (roles.contains(name)) {
                result.add(name);
            } else if (expanded.containsKey(name)) {
                result.addAll(expanded.get(name));
            } else {
                throw unknown(name, where);
            }
        }
        return Set.copyOf(result);
    }

    private static IllegalStateException unknown(String name, String where) {
        return new IllegalStateException("The access policy names '" + name + "' in " + where
                + ", but it is neither a role under roles nor a group under groups");
    }
}
