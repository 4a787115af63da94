package id.terpadu.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A global ID: the GraphQL type name and the row id, opaque to clients ({@code Household:42},
 * base64url-encoded), so {@code node(id:)} can find any object again.
 */
public record GlobalId(String type, long id) {

    public static String encode(String type, long id) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((type + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The decoded ID, or empty when the text is not a global ID of this hub. */
    public static Optional<GlobalId> decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            if (colon <= 0) {
                return Optional.empty();
            }
            return Optional.of(new GlobalId(plain.substring(0, colon), Long.parseLong(plain.substring(colon + 1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
