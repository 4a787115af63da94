package id.terpadu.access;

import java.util.List;

/**
 * Paths a feature serves without a token, for residents and the public (a request's status by its
 * receipt number, a scanned card): a feature registers them as a bean, and the security
 * configuration lets them through. Each such path answers only what anyone may know, and limits
 * how often it is asked.
 */
public interface PublicPaths {

    /** The path patterns ({@code /public/requests/**}). */
    List<String> patterns();
}
