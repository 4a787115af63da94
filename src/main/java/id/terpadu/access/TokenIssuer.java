package id.terpadu.access;

/** The Keycloak realm whose tokens the hub accepts, as its issuer URI names it. */
public record TokenIssuer(String uri) {
}
