package id.terpadu.access;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks of every request made character by character decide as Spring Security's regular
 * expressions do: the firewall's header check ({@link HeaderCharacters}) and the bearer token's
 * ({@link BearerTokens}), over the same crafted and random inputs.
 */
class RequestCheckingTest {

    /** Spring Security's default check of header names and values. */
    private static final Pattern ASSIGNED_AND_NOT_CONTROL = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1cHRwayJ9.c2lnbmF0dXJl-_~+/";

    @Test
    void headerCharactersAreAllowedAsTheFirewallsExpressionAllowsThem() {
        List<String> texts = new ArrayList<>(List.of("", "Bearer " + TOKEN, "application/json", "a\tb", "a\nb", "a\u007Fb",
                "a\u0085b", "Jalan Merdeka \u00E9\u00E8", "\uD83D\uDE00 emoji", "\uD83D lone high", "lone low \uDE00",
                "\u0378 unassigned", "\u200B zero width", "\uFFFF", "\u00A0 no-break", "\u0000"));
        Random random = new Random(17);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(12); length > 0; length--) {
                int codePoint = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(0x80);
                    case 1 -> random.nextInt(0x800);
                    case 2 -> random.nextInt(0x10000);
                    default -> random.nextInt(0x110000);
                };
                text.appendCodePoint(codePoint);
            }
            texts.add(text.toString());
        }
        for (String text : texts) {
            assertThat(HeaderCharacters.allowed(text)).as("%s", text.codePoints().boxed().toList())
                    .isEqualTo(ASSIGNED_AND_NOT_CONTROL.matcher(text).matches());
        }
    }

    @Test
    void bearerTokensAreResolvedAsSpringSecurityResolvesThem() {
        List<String> headers = new ArrayList<>(List.of("Bearer " + TOKEN, "bearer " + TOKEN, "BEARER " + TOKEN,
                "Bearer " + TOKEN + "==", "Bearer " + TOKEN + "=a", "Bearer =", "Bearer ", "Bearer", "Bearerx" + TOKEN,
                "Bearer  " + TOKEN, "Bearer " + TOKEN + " ", "Bearer " + TOKEN + "\n", "Bearer\t" + TOKEN, "Basic dXNlcjpwYXNz",
                "Token " + TOKEN, "Bear " + TOKEN, "Bearer " + TOKEN + "%", "Bearer abc,def", "Bearer a\u00E9b", ""));
        Random random = new Random(23);
        String alphabet = "aZ09-._~+/= %\t\n,\u00E9B";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder header = new StringBuilder(random.nextBoolean() ? "Bearer " : "bEaReR ");
            for (int length = random.nextInt(10); length > 0; length--) {
                header.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            headers.add(header.toString());
        }
        headers.add(null);
        for (String header : headers) {
            assertThat(resolved(new BearerTokens(), header)).as("%s", header)
                    .isEqualTo(resolved(new DefaultBearerTokenResolver(), header));
        }
    }

    @Test
    void aRequestThatCouldCarryATokenAsAParameterIsLeftToSpringSecurity() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/graphql");
        request.addHeader("Authorization", "Bearer " + TOKEN);
        request.setQueryString("access_token=" + TOKEN);
        request.addParameter("access_token", TOKEN);
        assertThat(resolved(new BearerTokens(), request)).isEqualTo(resolved(new DefaultBearerTokenResolver(), request))
                .as("tokens as parameters are not accepted: the header's counts").isEqualTo(TOKEN);
        MockHttpServletRequest form = new MockHttpServletRequest("POST", "/graphql");
        form.setContentType("application/x-www-form-urlencoded");
        form.addHeader("Authorization", "Bearer " + TOKEN + "=x");
        form.addParameter("access_token", TOKEN);
        assertThat(resolved(new BearerTokens(), form)).isEqualTo(resolved(new DefaultBearerTokenResolver(), form))
                .startsWith("refused: ");
    }

    private static String resolved(BearerTokenResolver resolver, String header) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/graphql");
        request.setContentType("application/json");
        if (header != null) {
            request.addHeader("Authorization", header);
        }
        return resolved(resolver, request);
    }

    /** The token, "none", or "refused: " and the refusal's description. */
    private static String resolved(BearerTokenResolver resolver, MockHttpServletRequest request) {
        try {
            String token = resolver.resolve(request);
            return token == null ? "none" : token;
        } catch (OAuth2AuthenticationException refused) {
            return "refused: " + refused.getError().getErrorCode() + " " + refused.getError().getDescription();
        }
    }
}
