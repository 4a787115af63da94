package id.terpadu.limits;

import graphql.ExecutionResult;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.GraphqlErrorBuilder;
import graphql.language.AstPrinter;
import graphql.parser.Parser;
import id.terpadu.access.Caller;
import id.terpadu.error.ErrorClassification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trusted documents: a Keycloak client listed in {@code terpadu.trusted-documents.enforced-for}
 * may run only the operations registered for it in advance, the files
 * {@code schema/trusted-documents/<client id>/*.graphql}. A document is known by the SHA-256 of
 * its compact printed form, so layout and comments do not matter, but any other change does. So
 * an agency system's credentials, if stolen, cannot be used for arbitrary queries.
 */
@Component
class TrustedDocuments extends SimplePerformantInstrumentation {

    private static final Logger log = LoggerFactory.getLogger(TrustedDocuments.class);
    private static final String LOCATION = "classpath*:graphql/trusted-documents/*/*.graphql";

    private final Set<String> enforcedFor;
    private final Map<String, Set<String>> hashesByClient;

    TrustedDocuments(Settings settings) {
        this.enforcedFor = Set.copyOf(settings.enforcedFor());
        this.hashesByClient = load();
        for (String client : enforcedFor) {
            log.info("Client {} may run only its {} registered operations", client,
                    hashesByClient.getOrDefault(client, Set.of()).size());
        }
    }

    /** @param enforcedFor the client ids (a token's {@code azp}) that may run registered operations only */
    @ConfigurationProperties("terpadu.trusted-documents")
    record Settings(@DefaultValue List<String> enforcedFor) {
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecution(InstrumentationExecutionParameters parameters,
                                                                  InstrumentationState state) {
        String client = Caller.of(parameters.getGraphQLContext()).client();
        if (client == null || !enforcedFor.contains(client)) {
            return super.beginExecution(parameters, state);
        }
        String hash = hashOf(parameters.getQuery());
        if (hash != null && hashesByClient.getOrDefault(client, Set.of()).contains(hash)) {
            return super.beginExecution(parameters, state);
        }
        Map<String, Object> extensions = new HashMap<>();
        extensions.put("limit", "trustedDocuments");
        if (hash != null) {
            extensions.put("sha256", hash);
        }
        throw new AbortExecutionException(List.of(GraphqlErrorBuilder.newError()
                .errorType(ErrorClassification.FORBIDDEN)
                .message("The client " + client + " may run only the operations registered for it; this document is not one of them.")
                .extensions(extensions)
                .build()));
    }

    /** The SHA-256 (hex) of the document's compact form, or null when it does not parse. */
    static String hashOf(String document) {
        try {
            String compact = AstPrinter.printAstCompact(Parser.parse(document));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(compact.getBytes(StandardCharsets.UTF_8)));
        } catch (graphql.parser.InvalidSyntaxException unparsable) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Set<String>> load() {
        Map<String, Set<String>> byClient = new HashMap<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
                String path = resource.getURL().getPath();
                String[] parts = path.split("/");
                String client = parts[parts.length - 2];
                String hash = hashOf(resource.getContentAsString(StandardCharsets.UTF_8));
                if (hash == null) {
                    throw new IllegalStateException("The trusted document " + client + "/" + parts[parts.length - 1] + " does not parse");
                }
                byClient.computeIfAbsent(client, c -> new HashSet<>()).add(hash);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The trusted documents could not be read", e);
        }
        return byClient;
    }
}
