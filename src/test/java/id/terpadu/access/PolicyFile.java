package id.terpadu.access;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code schema/access-policy.yml} read the way an administrator reads it, independently of the
 * hub's own {@link AccessPolicy}, so the tests check the hub against the file and not against
 * itself.
 */
final class PolicyFile {

    static final Path LOCATION = Path.of("schema/access-policy.yml");

    private final Map<String, Object> yaml;

    private PolicyFile(Map<String, Object> yaml) {
        this.yaml = yaml;
    }

    static PolicyFile read() {
        try (Reader reader = Files.newBufferedReader(LOCATION)) {
            return new PolicyFile(new Yaml().load(reader));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The roles, in the file's order. */
    List<String> roles() {
        return List.copyOf(section("roles").keySet());
    }

    /** Whether the read section names this type. */
    boolean coversType(String type) {
        return section("read").containsKey(type);
    }

    /** The roles that read a field of a type: the field's own list, else the type's; none for an unnamed type. */
    Set<String> readers(String type, String field) {
        return rolesOf(section("read"), type, field);
    }

    /** The roles that run a mutation. */
    Set<String> writers(String mutation) {
        return rolesOf(section("write"), mutation, null);
    }

    /** The roles that may give an input field of a mutation. */
    Set<String> writers(String mutation, String inputField) {
        return rolesOf(section("write"), mutation, inputField);
    }

    /** The input fields of mutations that only some of the mutation's roles may give, by mutation. */
    @SuppressWarnings("unchecked")
    Map<String, Set<String>> restrictedInputFields() {
        Map<String, Set<String>> restricted = new java.util.LinkedHashMap<>();
        section("write").forEach((mutation, entry) -> {
            Map<String, Object> fields = (Map<String, Object>) ((Map<String, Object>) entry).getOrDefault("fields", Map.of());
            if (!fields.isEmpty()) {
                restricted.put(mutation, Set.copyOf(fields.keySet()));
            }
        });
        return restricted;
    }

    /** Identity fields ({@code Member.nik}) that roles outside {@link #unmaskedFor()} see masked. */
    @SuppressWarnings("unchecked")
    Set<String> maskedFields() {
        return Set.copyOf((List<String>) section("masked").get("fields"));
    }

    @SuppressWarnings("unchecked")
    Set<String> unmaskedFor() {
        return expand((List<String>) section("masked").get("unmaskedFor"));
    }

    /** The programmes whose benefits a role reads; {@code *} for all. */
    @SuppressWarnings("unchecked")
    List<String> benefitsRead(String role) {
        return (List<String>) ((Map<String, Object>) section("benefits").get(role)).get("read");
    }

    @SuppressWarnings("unchecked")
    private Set<String> rolesOf(Map<String, Object> section, String name, String field) {
        Map<String, Object> entry = (Map<String, Object>) section.get(name);
        if (entry == null) {
            return Set.of();
        }
        Map<String, Object> fields = (Map<String, Object>) entry.getOrDefault("fields", Map.of());
        Object roles = field != null && fields.containsKey(field) ? fields.get(field) : entry.get("roles");
        return expand((List<String>) roles);
    }

    /** The roles a list names, its groups ({@code groups:}) replaced by their roles. */
    @SuppressWarnings("unchecked")
    private Set<String> expand(List<String> names) {
        Map<String, List<String>> groups = (Map<String, List<String>>) yaml.getOrDefault("groups", Map.of());
        Set<String> roles = new java.util.HashSet<>();
        for (String name : names) {
            roles.addAll(groups.containsKey(name) ? expand(groups.get(name)) : Set.of(name));
        }
        return roles;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> section(String name) {
        return (Map<String, Object>) yaml.get(name);
    }
}
