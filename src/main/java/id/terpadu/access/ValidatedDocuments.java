package id.terpadu.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The documents one role schema has parsed and validated, by their text: an agency system sends
 * the same few documents again and again, and parsing and validating one costs as much as a
 * small look-up. One cache per role schema, since what is valid depends on the fields a role sees.
 * Only documents that passed are kept (a refused or invalid one is parsed and validated anew each
 * time, with the instrumentations that refuse it); at most {@link #MOST} of them, the least used
 * leaving first, so documents built with values inlined cannot fill the heap.
 */
final class ValidatedDocuments implements PreparsedDocumentProvider {

    static final int MOST = 1_000;

    private record Key(String query, String operationName, Locale locale) {
    }

    private final Cache<Key, PreparsedDocumentEntry> documents = Caffeine.newBuilder().maximumSize(MOST).build();

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
                                                                      Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        Key key = new Key(input.getQuery(), input.getOperationName(), input.getLocale());
        PreparsedDocumentEntry known = documents.getIfPresent(key);
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        PreparsedDocumentEntry entry = parseAndValidate.apply(input);
        if (!entry.hasErrors()) {
            documents.put(key, entry);
        }
        return CompletableFuture.completedFuture(entry);
    }
}
