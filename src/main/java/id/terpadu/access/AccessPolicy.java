package id.terpadu.access;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The access policy of {@code schema/access-policy.yml}: which roles read each type and field,
 * which identity fields they see masked, which roles run each mutation or give each of its input
 * fields, and whose benefits they read and write. Read once at start, with the file's role groups
 * expanded ({@link RoleGroups}); everything that enforces access asks this class.
 */
public final class AccessPolicy {

    public static final String LOCATION = "graphql/access-policy.yml";
    private static final String ALL_PROGRAMMES = "*";
    /** The key of a change-request kind's deciders when the kind has no programmes. */
    public static final String ANY_PROGRAMME = "*";

    private final Map<String, String> roles;
    private final Map<String, TypeAccess> read;
    private final Set<String> masked;
    private final Set<String> unmaskedFor;
    private final Map<String, TypeAccess> write;
    private final Map<String, BenefitAccess> benefits;
    private final Map<String, Integer> memberAge;
    private final Set<String> requiresRegion;
    private final Set<String> smallCounts;
    private final Map<String, AuditedTable> audited;
    private final Map<String, Map<String, Deciders>> changeRequests;

    private AccessPolicy(Map<String, String> roles, Map<String, TypeAccess> read, Set<String> masked,
                         Set<String> unmaskedFor, Map<String, TypeAccess> write, Map<String, BenefitAccess> benefits,
                         Map<String, Integer> memberAge, Set<String> requiresRegion, Set<String> smallCounts,
                         Map<String, AuditedTable> audited, Map<String, Map<String, Deciders>> changeRequests) {
        this.audited = audited;
        this.changeRequests = changeRequests;
        this.memberAge = memberAge;
        this.smallCounts = smallCounts;
        this.requiresRegion = requiresRegion;
        this.roles = roles;
        this.read = read;
        this.masked = masked;
        this.unmaskedFor = unmaskedFor;
        this.write = write;
        this.benefits = benefits;
    }

    /** Who may see a type's fields, and the fields that differ from the type. */
    public record TypeAccess(Set<String> roles, Map<String, Set<String>> fields) {

        Set<String> rolesFor(String field) {
            return fields.getOrDefault(field, roles);
        }
    }

    /**
     * An audited table: the GraphQL type its rows are, the fields its columns are where the
     * column's name does not say it (a column {@code jkn_number} is the field {@code jknNumber}),
     * and its columns that hold snapshots of other audited tables' rows ({@code member_merge.facets}),
     * which a caller sees field by field, as the policy of each snapshot's own type allows.
     */
    public record AuditedTable(String type, Map<String, String> columns, Set<String> nested) {
    }

    /**
     * Who proposes and who approves one kind of change request (for benefit requests: of one
     * programme). Whoever proposes or approves it also reads it, in their region.
     */
    public record Deciders(Set<String> propose, Set<String> approve) {

        /** The roles that see such requests: their proposers and approvers. */
        public Set<String> readers() {
            Set<String> readers = new java.util.TreeSet<>(propose);
            readers.addAll(approve);
            return readers;
        }
    }

    /** The programmes whose benefits a role reads and writes. */
    public record BenefitAccess(List<String> read, List<String> write) {
    }

    public static AccessPolicy load() {
        try (InputStream in = AccessPolicy.class.getClassLoader().getResourceAsStream(LOCATION)) {
            if (in == null) {
                throw new IllegalStateException("The access policy " + LOCATION + " is missing from the build");
            }
            return read(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A policy in the form of {@code access-policy.yml}, with its role groups expanded. */
    public static AccessPolicy read(Reader yaml) {
        return parse(new Yaml().load(yaml));
    }

    @SuppressWarnings("unchecked")
    private static AccessPolicy parse(Map<String, Object> yaml) {
        Map<String, String> roles = new LinkedHashMap<>((Map<String, String>) yaml.get("roles"));
        RoleGroups groups = RoleGroups.of(roles.keySet(), (Map<String, List<String>>) yaml.getOrDefault("groups", Map.of()));
        Map<String, Object> maskedSection = (Map<String, Object>) yaml.get("masked");
        Map<String, BenefitAccess> benefits = new LinkedHashMap<>();
        ((Map<String, Map<String, List<String>>>) yaml.get("benefits")).forEach((role, access) ->
                benefits.put(role, new BenefitAccess(List.copyOf(access.get("read")), List.copyOf(access.get("write")))));
        AccessPolicy policy = new AccessPolicy(roles,
                typeAccess("read", (Map<String, Map<String, Object>>) yaml.get("read"), groups),
                Set.copyOf((List<String>) maskedSection.get("fields")),
                groups.expand("masked.unmaskedFor", (List<String>) maskedSection.get("unmaskedFor")),
                typeAccess("write", (Map<String, Map<String, Object>>) yaml.get("write"), groups),
                benefits,
                Map.copyOf((Map<String, Integer>) yaml.getOrDefault("memberAge", Map.of())),
                groups.expand("requiresRegion", (List<String>) yaml.getOrDefault("requiresRegion", List.of())),
                groups.expand("smallCounts", (List<String>) yaml.getOrDefault("smallCounts", List.of())),
                auditedTables((Map<String, Map<String, Object>>) yaml.getOrDefault("audited", Map.of())),
                changeRequests((Map<String, Map<String, Object>>) yaml.getOrDefault("changeRequests", Map.of()), groups));
        policy.checkRolesAreDeclared();
        return policy;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, TypeAccess> typeAccess(String section, Map<String, Map<String, Object>> entries,
                                                      RoleGroups groups) {
        Map<String, TypeAccess> result = new LinkedHashMap<>();
        entries.forEach((name, entry) -> {
            String where = section + "." + name;
            Map<String, Set<String>> fields = new LinkedHashMap<>();
            ((Map<String, List<String>>) entry.getOrDefault("fields", Map.of()))
                    .forEach((field, fieldRoles) -> fields.put(field, groups.expand(where + ".fields." + field, fieldRoles)));
            result.put(name, new TypeAccess(groups.expand(where + ".roles", (List<String>) entry.get("roles")), fields));
        });
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, AuditedTable> auditedTables(Map<String, Map<String, Object>> section) {
        Map<String, AuditedTable> result = new LinkedHashMap<>();
        section.forEach((table, entry) -> result.put(table, new AuditedTable((String) entry.get("type"),
                Map.copyOf((Map<String, String>) entry.getOrDefault("columns", Map.of())),
                Set.copyOf((List<String>) entry.getOrDefault("nested", List.of())))));
        return result;
    }

    /**
     * The {@code changeRequests} section: per kind, {@code propose} and {@code approve} role lists,
     * or per programme under {@code programmes}; a kind without programmes is kept under {@link #ANY_PROGRAMME}.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Deciders>> changeRequests(Map<String, Map<String, Object>> section, RoleGroups groups) {
        Map<String, Map<String, Deciders>> result = new LinkedHashMap<>();
        section.forEach((kind, entry) -> {
            Map<String, Deciders> byProgramme = new LinkedHashMap<>();
            if (entry.containsKey("programmes")) {
                ((Map<String, Map<String, List<String>>>) entry.get("programmes")).forEach((programme, deciders) ->
                        byProgramme.put(programme, deciders(groups, "changeRequests." + kind + "." + programme, deciders)));
            } else {
                byProgramme.put(ANY_PROGRAMME, deciders(groups, "changeRequests." + kind, (Map<String, List<String>>) (Map<?, ?>) entry));
            }
            result.put(kind, Map.copyOf(byProgramme));
        });
        return result;
    }

    private static Deciders deciders(RoleGroups groups, String where, Map<String, List<String>> entry) {
        return new Deciders(groups.expand(where + ".propose", entry.getOrDefault("propose", List.of())),
                groups.expand(where + ".approve", entry.getOrDefault("approve", List.of())));
    }

    private void checkRolesAreDeclared() {
        changeRequests.forEach((kind, byProgramme) -> byProgramme.forEach((programme, deciders) -> {
            checkDeclared("changeRequests." + kind + ".propose", deciders.propose());
            checkDeclared("changeRequests." + kind + ".approve", deciders.approve());
        }));
        read.forEach((type, access) -> checkDeclared("read." + type, access));
        write.forEach((mutation, access) -> checkDeclared("write." + mutation, access));
        unmaskedFor.forEach(role -> checkDeclared("masked.unmaskedFor", Set.of(role)));
        benefits.keySet().forEach(role -> checkDeclared("benefits", Set.of(role)));
        memberAge.keySet().forEach(role -> checkDeclared("memberAge", Set.of(role)));
        checkDeclared("requiresRegion", requiresRegion);
        checkDeclared("smallCounts", smallCounts);
    }

    private void checkDeclared(String where, TypeAccess access) {
        checkDeclared(where, access.roles());
        access.fields().forEach((field, fieldRoles) -> checkDeclared(where + "." + field, fieldRoles));
    }

    private void checkDeclared(String where, Set<String> used) {
        used.stream().filter(role -> !roles.containsKey(role)).findFirst().ifPresent(role -> {
            throw new IllegalStateException("The access policy names the role '" + role + "' in " + where
                    + ", but does not declare it under roles");
        });
    }

    /** The roles and what they are for. */
    public Map<String, String> roles() {
        return roles;
    }

    public Map<String, TypeAccess> readAccess() {
        return read;
    }

    public Map<String, TypeAccess> writeAccess() {
        return write;
    }

    public boolean coversType(String type) {
        return read.containsKey(type);
    }

    /** The roles that see a field of a type; none for a type the policy does not name. */
    public Set<String> readers(String type, String field) {
        TypeAccess access = read.get(type);
        return access == null ? Set.of() : access.rolesFor(field);
    }

    public boolean canRead(Caller caller, String type, String field) {
        return caller.hasAnyRole(readers(type, field));
    }

    /** Whether the caller sees this identity field masked. */
    public boolean masks(Caller caller, String type, String field) {
        return masked.contains(type + "." + field) && !caller.hasAnyRole(unmaskedFor);
    }

    public Set<String> maskedFields() {
        return masked;
    }

    public Set<String> unmaskedFor() {
        return unmaskedFor;
    }

    /** The roles that run a mutation; none for a mutation the policy does not name. */
    public Set<String> writers(String mutation) {
        TypeAccess access = write.get(mutation);
        return access == null ? Set.of() : access.roles();
    }

    /** The roles that give an input field of a mutation; the mutation's roles unless restricted. */
    public Set<String> writers(String mutation, String inputField) {
        TypeAccess access = write.get(mutation);
        return access == null ? Set.of() : access.rolesFor(inputField);
    }

    public boolean readsBenefitsOf(Caller caller, String programme) {
        return caller.roles().stream().map(benefits::get).filter(Objects::nonNull)
                .anyMatch(access -> access.read().contains(ALL_PROGRAMMES) || access.read().contains(programme));
    }

    /** The programmes whose benefits the caller reads; null when it reads all. */
    public Set<String> benefitProgrammesRead(Caller caller) {
        HashSet<String> programmes = new HashSet<>();
        for (String role : caller.roles()) {
            BenefitAccess access = benefits.get(role);
            if (access == null) {
                continue;
            }
            if (access.read().contains(ALL_PROGRAMMES)) {
                return null;
            }
            programmes.addAll(access.read());
        }
        return programmes;
    }

    public boolean writesBenefitsOf(Caller caller, String programme) {
        return caller.roles().stream().map(benefits::get).filter(Objects::nonNull)
                .anyMatch(access -> access.write().contains(ALL_PROGRAMMES) || access.write().contains(programme));
    }

    /**
     * The oldest age of the members the caller sees, when all its roles that read members are
     * limited; empty when it sees every member.
     */
    public OptionalInt memberAgeLimit(Caller caller) {
        Set<String> readers = readers("Member", "id");
        int limit = -1;
        for (String role : caller.roles()) {
            if (!readers.contains(role)) {
                continue;
            }
            Integer age = memberAge.get(role);
            if (age == null) {
                return OptionalInt.empty();
            }
            limit = Math.max(limit, age);
        }
        return limit < 0 ? OptionalInt.empty() : OptionalInt.of(limit);
    }

    /** Whether the caller has a role that works only within a region, but its token names none. */
    public boolean lacksRequiredRegion(Caller caller) {
        return caller.region() == null && caller.hasAnyRole(requiresRegion);
    }

    /** Whether the caller sees the small counts of village statistics, which other roles see suppressed. */
    public boolean seesSmallCounts(Caller caller) {
        return caller.hasAnyRole(smallCounts);
    }

    public Set<String> requiresRegion() {
        return requiresRegion;
    }

    public Map<String, Integer> memberAges() {
        return memberAge;
    }

    /** The roles that see the small counts of village statistics. */
    public Set<String> smallCounts() {
        return smallCounts;
    }

    /** The audited tables by name: whose changes the history and the change feed show. */
    public Map<String, AuditedTable> auditedTables() {
        return audited;
    }

    /**
     * Who proposes and approves change requests: per kind, per programme (benefit kinds) or under
     * {@link #ANY_PROGRAMME} (the other kinds).
     */
    public Map<String, Map<String, Deciders>> changeRequestDeciders() {
        return changeRequests;
    }

    /** Who proposes and approves requests of this kind (and programme, for benefit kinds); nobody when the policy is silent. */
    public Deciders deciders(String kind, String programme) {
        Map<String, Deciders> byProgramme = changeRequests.getOrDefault(kind, Map.of());
        Deciders deciders = byProgramme.get(programme == null ? ANY_PROGRAMME : programme);
        return deciders == null ? new Deciders(Set.of(), Set.of()) : deciders;
    }

    public Map<String, BenefitAccess> benefitAccess() {
        return benefits;
    }
}
