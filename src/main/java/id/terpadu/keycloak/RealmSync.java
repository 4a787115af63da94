package id.terpadu.keycloak;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Brings the realm export in {@code keycloak/} into a running Keycloak: imports the whole realm
 * when it does not exist yet, and otherwise adds what the file has and the realm lacks (roles,
 * clients, groups, through Keycloak's partial import, skipping what exists) and sets the realm's
 * own settings (lifetimes, brute-force detection, events), so a new role or client reaches an
 * existing realm and no user is lost. Users are data, not configuration: an existing realm keeps
 * its users as they are. The settings in {@code terpadu-realm-settings.json} (the password policy,
 * which the demo users' passwords would fail at import) follow every import and upgrade.
 *
 * <p>Run as a command against any Keycloak (see the README's operations guide):
 * {@code RealmSync <keycloak-url> <realm-file> [--without-demo-users] [--require-otp]}, as the
 * administrator named by {@code KEYCLOAK_ADMIN_REALM}, {@code KEYCLOAK_ADMIN_USER} and
 * {@code KEYCLOAK_ADMIN_PASSWORD}.
 */
public final class RealmSync {

    private static final Logger log = LoggerFactory.getLogger(RealmSync.class);
    /** The realm's own settings that an upgrade sets; the flow bindings and lists stay as they are. */
    private static final Set<String> NOT_SETTINGS = Set.of("realm", "id", "browserFlow", "directGrantFlow",
            "registrationFlow", "resetCredentialsFlow", "clientAuthenticationFlow", "dockerAuthenticationFlow",
            "firstBrokerLoginFlow");

    private final KeycloakAdmin admin;

    public RealmSync(KeycloakAdmin admin) {
        this.admin = admin;
    }

    /** What a sync did. */
    public enum Outcome { IMPORTED, UPGRADED }

    /**
     * Imports or upgrades the realm of this file.
     *
     * @param withDemoUsers whether a first import keeps the file's users and client secrets (the demo);
     *                      without them confidential clients get secrets Keycloak generates
     */
    public Outcome sync(Path realmFile, boolean withDemoUsers) {
        ObjectNode realm = (ObjectNode) read(realmFile);
        String name = realm.get("realm").asString();
        Outcome outcome;
        if (admin.get("/" + name).status() == 404) {
            if (!withDemoUsers) {
                withoutDemoData(realm);
            }
            KeycloakAdmin.expectOk(admin.post("", realm), "Importing realm " + name);
            outcome = Outcome.IMPORTED;
        } else {
            upgrade(name, realm);
            outcome = Outcome.UPGRADED;
        }
        Path settings = realmFile.resolveSibling(realmFile.getFileName().toString().replace(".json", "-settings.json"));
        if (Files.exists(settings)) {
            KeycloakAdmin.expectOk(admin.put("/" + name, read(settings)), "Setting " + settings.getFileName());
        }
        log.info("Realm {} {} from {}", name, outcome == Outcome.IMPORTED ? "imported" : "upgraded", realmFile);
        return outcome;
    }

    /**
     * The production setting for roles that read whole identities: their users sign in only with a
     * one-time password (in the browser they must set one up; the password grant refuses them).
     */
    public void requireOneTimePasswords(String realm, boolean required) {
        for (String flow : List.of("terpadu browser", "terpadu direct grant")) {
            JsonNode executions = KeycloakAdmin.expectOk(admin.get("/" + realm + "/authentication/flows/" + flow + "/executions"),
                    "Reading flow " + flow).json();
            for (JsonNode execution : executions) {
                if (execution.path("authenticationFlow").asBoolean() && execution.path("displayName").asString().endsWith(" without OTP")) {
                    ((ObjectNode) execution).put("requirement", required ? "CONDITIONAL" : "DISABLED");
                    KeycloakAdmin.expectOk(admin.put("/" + realm + "/authentication/flows/" + flow + "/executions", execution),
                            "Setting " + execution.path("displayName").asString());
                }
            }
        }
    }

    private void upgrade(String name, ObjectNode realm) {
        ObjectNode missing = KeycloakAdmin.JSON.createObjectNode();
        ArrayNode roles = missing(realm.path("roles").path("realm"), "name", existing("/" + name + "/roles?max=10000", "name"));
        if (!roles.isEmpty()) {
            missing.putObject("roles").set("realm", roles);
        }
        ArrayNode clients = missing(realm.path("clients"), "clientId", existing("/" + name + "/clients?max=10000", "clientId"));
        if (!clients.isEmpty()) {
            missing.set("clients", clients);
        }
        ArrayNode groups = missing(realm.path("groups"), "name", existing("/" + name + "/groups?max=10000", "name"));
        if (!groups.isEmpty()) {
            missing.set("groups", groups);
        }
        if (!missing.isEmpty()) {
            missing.put("ifResourceExists", "SKIP");
            JsonNode added = KeycloakAdmin.expectOk(admin.post("/" + name + "/partialImport", missing), "Upgrading realm " + name).json();
            log.info("Realm {}: {} added from the realm file", name, added.path("added").asInt());
        }
        ObjectNode settings = KeycloakAdmin.JSON.createObjectNode();
        realm.properties().forEach(entry -> {
            if (!NOT_SETTINGS.contains(entry.getKey()) && (entry.getValue().isValueNode() || entry.getKey().equals("attributes")
                    || entry.getKey().equals("eventsListeners"))) {
                settings.set(entry.getKey(), entry.getValue());
            }
        });
        KeycloakAdmin.expectOk(admin.put("/" + name, settings), "Setting realm " + name);
    }

    /**
     * The items of the file that the realm lacks, by name (an existing one is left as it is; the
     * partial import is given only these, as it checks each item it is given, and slowly).
     */
    private static ArrayNode missing(JsonNode items, String key, Set<String> existing) {
        ArrayNode missing = KeycloakAdmin.JSON.createArrayNode();
        for (JsonNode item : items) {
            if (!existing.contains(item.path(key).asString())) {
                missing.add(item);
            }
        }
        return missing;
    }

    private Set<String> existing(String path, String key) {
        Set<String> names = new java.util.HashSet<>();
        for (JsonNode item : KeycloakAdmin.expectOk(admin.get(path), "Reading " + path).json()) {
            names.add(item.path(key).asString());
        }
        return names;
    }

    /** The realm without its demo users and without the demo's client secrets. */
    private static void withoutDemoData(ObjectNode realm) {
        ArrayNode serviceAccounts = KeycloakAdmin.JSON.createArrayNode();
        for (JsonNode user : realm.path("users")) {
            if (user.has("serviceAccountClientId")) {
                serviceAccounts.add(user);
            }
        }
        realm.set("users", serviceAccounts);
        for (JsonNode client : realm.path("clients")) {
            ((ObjectNode) client).remove("secret");
        }
    }

    private static JsonNode read(Path file) {
        try {
            return KeycloakAdmin.JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: RealmSync <keycloak-url> <realm-file> [--without-demo-users] [--require-otp]");
            System.exit(2);
        }
        List<String> options = List.of(args).subList(2, args.length);
        KeycloakAdmin admin = new KeycloakAdmin(args[0], env("KEYCLOAK_ADMIN_REALM", "master"),
                env("KEYCLOAK_ADMIN_USER", null), env("KEYCLOAK_ADMIN_PASSWORD", null));
        RealmSync sync = new RealmSync(admin);
        Path realmFile = Path.of(args[1]);
        Outcome outcome;
        try {
            outcome = sync.sync(realmFile, !options.contains("--without-demo-users"));
            if (options.contains("--require-otp")) {
                sync.requireOneTimePasswords(read(realmFile).get("realm").asString(), true);
            }
        } catch (IllegalStateException | UncheckedIOException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println("Realm " + outcome.name().toLowerCase() + " at " + admin.baseUrl());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                System.err.println("Set " + name);
                System.exit(2);
            }
            return fallback;
        }
        return value;
    }
}
