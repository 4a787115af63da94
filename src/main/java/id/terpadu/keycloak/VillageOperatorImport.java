package id.terpadu.keycloak;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Creates the village operators of a regency from a CSV file with the columns {@code name},
 * {@code username} and {@code village} (the village's Kemendagri code), through Keycloak's admin
 * API: each operator joins the group {@code Operator desa} (the role {@code desa}) and the group of
 * its village (the {@code region} claim). Run it again and nothing changes: an operator that exists
 * in the right groups is left alone, one in another village is moved. Every row gets an outcome;
 * a new operator gets a temporary password that must be changed at the first sign-in.
 */
public final class VillageOperatorImport {

    /** The group that carries the role of village operators. */
    public static final String OPERATORS_GROUP = "/Operator desa";
    private static final Pattern VILLAGE_CODE = Pattern.compile("[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}");
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,}");
    private static final String PASSWORD_CHARACTERS = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeycloakAdmin admin;
    private final String realm;

    public VillageOperatorImport(KeycloakAdmin admin, String realm) {
        this.admin = admin;
        this.realm = realm;
    }

    /** What happened to one row. */
    public enum Outcome { CREATED, UPDATED, UNCHANGED, INVALID }

    /**
     * One row's result.
     *
     * @param line     the row's line in the file (the header is line 1)
     * @param detail   why a row is invalid, what changed, or a new operator's temporary password
     */
    public record RowResult(long line, String username, Outcome outcome, String detail) {

        @Override
        public String toString() {
            return line + "," + username + "," + outcome + "," + detail;
        }
    }

    /** Imports the operators of this CSV file, row by row. */
    public List<RowResult> run(Path csv) {
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                     .setIgnoreEmptyLines(true).get().parse(reader)) {
            Map<String, Group> regionGroups = regionGroups();
            Group operators = group(OPERATORS_GROUP);
            Set<String> seen = new HashSet<>();
            List<RowResult> results = new ArrayList<>();
            for (CSVRecord row : parser) {
                results.add(importRow(row, regionGroups, operators, seen));
            }
            return results;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + csv, e);
        }
    }

    private RowResult importRow(CSVRecord row, Map<String, Group> regionGroups, Group operators, Set<String> seen) {
        long line = row.getRecordNumber() + 1;
        String name = row.isMapped("name") ? row.get("name") : "";
        String username = row.isMapped("username") ? row.get("username").toLowerCase() : "";
        String village = row.isMapped("village") ? row.get("village") : "";
        if (name.isBlank()) {
            return new RowResult(line, username, Outcome.INVALID, "name: missing");
        }
        if (!USERNAME.matcher(username).matches()) {
            return new RowResult(line, username, Outcome.INVALID, "username: 3 or more of a-z 0-9 . _ - starting with a letter or digit");
        }
        if (!seen.add(username)) {
            return new RowResult(line, username, Outcome.INVALID, "username: already on an earlier row");
        }
        if (!VILLAGE_CODE.matcher(village).matches()) {
            return new RowResult(line, username, Outcome.INVALID, "village: not a village code such as 51.06.01.2001");
        }
        Group villageGroup = regionGroups.get(village);
        if (villageGroup == null) {
            return new RowResult(line, username, Outcome.INVALID, "village: no group of the realm carries region " + village);
        }
        JsonNode existing = KeycloakAdmin.expectOk(admin.get("/" + realm + "/users?exact=true&username=" + username),
                "Looking up " + username).json();
        if (existing.isEmpty()) {
            return create(line, name, username, operators, villageGroup);
        }
        return ensureGroups(line, username, existing.get(0).get("id").asString(), operators, villageGroup, regionGroups);
    }

    private RowResult create(long line, String name, String username, Group operators, Group village) {
        String password = temporaryPassword();
        int space = name.lastIndexOf(' ');
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("username", username);
        user.put("enabled", true);
        user.put("firstName", space > 0 ? name.substring(0, space) : name);
        if (space > 0) {
            user.put("lastName", name.substring(space + 1));
        }
        user.put("groups", List.of(operators.path(), village.path()));
        user.put("credentials", List.of(Map.of("type", "password", "value", password, "temporary", true)));
        KeycloakAdmin.Answer created = admin.post("/" + realm + "/users", user);
        if (!created.ok()) {
            return new RowResult(line, username, Outcome.INVALID, "Keycloak refused the user: " + created.status() + " " + created.body());
        }
        return new RowResult(line, username, Outcome.CREATED, "temporary password " + password);
    }

    private RowResult ensureGroups(long line, String username, String userId, Group operators, Group village,
                                   Map<String, Group> regionGroups) {
        Set<String> memberOf = new HashSet<>();
        for (JsonNode group : KeycloakAdmin.expectOk(admin.get("/" + realm + "/users/" + userId + "/groups?max=1000"),
                "Groups of " + username).json()) {
            memberOf.add(group.get("id").asString());
        }
        List<String> changes = new ArrayList<>();
        for (Group wanted : List.of(operators, village)) {
            if (!memberOf.contains(wanted.id())) {
                KeycloakAdmin.expectOk(admin.put("/" + realm + "/users/" + userId + "/groups/" + wanted.id(), ""), "Adding " + username);
                changes.add("joined " + wanted.path());
            }
        }
        for (Group region : regionGroups.values()) {
            if (memberOf.contains(region.id()) && !region.id().equals(village.id())) {
                KeycloakAdmin.expectOk(admin.delete("/" + realm + "/users/" + userId + "/groups/" + region.id()), "Moving " + username);
                changes.add("left " + region.path());
            }
        }
        return changes.isEmpty()
                ? new RowResult(line, username, Outcome.UNCHANGED, "")
                : new RowResult(line, username, Outcome.UPDATED, String.join("; ", changes));
    }

    private record Group(String id, String path) {
    }

    private Group group(String path) {
        JsonNode group = KeycloakAdmin.expectOk(admin.get("/" + realm + "/group-by-path" + path), "Group " + path).json();
        return new Group(group.get("id").asString(), group.get("path").asString());
    }

    /** The groups that carry a region attribute, by region code, at any depth. */
    private Map<String, Group> regionGroups() {
        Map<String, Group> byRegion = new HashMap<>();
        collect(KeycloakAdmin.expectOk(admin.get("/" + realm + "/groups?briefRepresentation=false&max=1000"), "Groups").json(), byRegion);
        return byRegion;
    }

    private void collect(JsonNode groups, Map<String, Group> byRegion) {
        for (JsonNode group : groups) {
            JsonNode region = group.path("attributes").path("region");
            if (!region.isEmpty()) {
                byRegion.put(region.get(0).asString(), new Group(group.get("id").asString(), group.get("path").asString()));
            }
            if (group.path("subGroupCount").asInt() > 0) {
                collect(KeycloakAdmin.expectOk(admin.get("/" + realm + "/groups/" + group.get("id").asString()
                        + "/children?briefRepresentation=false&max=1000"), "Subgroups").json(), byRegion);
            }
        }
    }

    private static String temporaryPassword() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            password.append(PASSWORD_CHARACTERS.charAt(RANDOM.nextInt(PASSWORD_CHARACTERS.length())));
        }
        return password.toString();
    }

    /** {@code VillageOperatorImport <keycloak-url> <csv-file>}: prints one line per row. */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: VillageOperatorImport <keycloak-url> <csv-file>  (columns name,username,village)");
            System.exit(2);
        }
        String adminRealm = System.getenv().getOrDefault("KEYCLOAK_ADMIN_REALM", KeycloakAdmin.REALM);
        String user = System.getenv("KEYCLOAK_ADMIN_USER");
        String password = System.getenv("KEYCLOAK_ADMIN_PASSWORD");
        if (user == null || password == null) {
            System.err.println("Set KEYCLOAK_ADMIN_USER and KEYCLOAK_ADMIN_PASSWORD (an administrator of realm " + adminRealm + ")");
            System.exit(2);
        }
        List<RowResult> results;
        try {
            results = new VillageOperatorImport(new KeycloakAdmin(args[0], adminRealm, user, password), KeycloakAdmin.REALM)
                    .run(Path.of(args[1]));
        } catch (IllegalStateException | UncheckedIOException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println("line,username,outcome,detail");
        results.forEach(System.out::println);
        System.exit(results.stream().anyMatch(r -> r.outcome() == Outcome.INVALID) ? 1 : 0);
    }
}
