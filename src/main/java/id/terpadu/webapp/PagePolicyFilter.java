package id.terpadu.webapp;

import id.terpadu.access.TokenIssuer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URI;
import java.util.Set;

/**
 * The pages of the web app and GraphiQL tell the browser to run and load nothing but what the hub
 * serves, and to talk to no one but the hub and the token issuer (Content-Security-Policy): a
 * script or style from a CDN would not even load.
 */
@Component
class PagePolicyFilter extends OncePerRequestFilter {

    private static final Set<String> PAGES = Set.of("/", "/index.html", "/graphiql");

    private final String policy;

    PagePolicyFilter(TokenIssuer issuer) {
        URI uri = URI.create(issuer.uri());
        String issuerOrigin = uri.getScheme() + "://" + uri.getAuthority();
        this.policy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
                + "font-src 'self' data:; connect-src 'self' " + issuerOrigin + "; object-src 'none'; base-uri 'self'; "
                + "frame-ancestors 'none'; form-action 'self' " + issuerOrigin;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !PAGES.contains(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", policy);
        chain.doFilter(request, response);
    }
}
