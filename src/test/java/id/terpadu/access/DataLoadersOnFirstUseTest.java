package id.terpadu.access;

import graphql.GraphQLContext;
import id.terpadu.Fast;
import org.dataloader.BatchLoaderEnvironment;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.instrumentation.DataLoaderInstrumentation;
import org.dataloader.instrumentation.DataLoaderInstrumentationContext;
import org.dataloader.instrumentation.DataLoaderInstrumentationHelper;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.DataLoaderRegistrar;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request's data loaders are made when a field first asks for one, once however many ask at the
 * same time, for the request's own context, and report their batch loads to the instrumentation
 * the request gave.
 */
@Fast
class DataLoadersOnFirstUseTest {

    private final AtomicInteger registrations = new AtomicInteger();
    private final List<GraphQLContext> contexts = new ArrayList<>();
    private final DataLoaderRegistrar registrar = (registry, context) -> {
        registrations.incrementAndGet();
        contexts.add(context);
        registry.register("members", DataLoaderFactory.newDataLoader((List<Long> keys) ->
                CompletableFuture.completedFuture(keys.stream().map(key -> "member " + key).toList())));
        registry.register("benefits", DataLoaderFactory.newDataLoader((List<Long> keys) ->
                CompletableFuture.completedFuture(keys.stream().map(key -> "benefit " + key).toList())));
    };

    @Test
    void nothingIsMadeUntilAFieldAsksForALoader() {
        DataLoadersOnFirstUse loaders = new DataLoadersOnFirstUse(registrar, GraphQLContext.getDefault());

        loaders.dispatchAll();

        assertThat(loaders.getDataLoaders()).isEmpty();
        assertThat(registrations).hasValue(0);
    }

    @Test
    void theFirstAskMakesEveryLoaderOnceForTheRequestsContext() {
        GraphQLContext context = GraphQLContext.newContext().of("request", "r-1").build();
        DataLoadersOnFirstUse loaders = new DataLoadersOnFirstUse(registrar, context);

        DataLoader<Long, String> members = loaders.getDataLoader("members");
        CompletableFuture<String> member = members.load(7L);
        loaders.dispatchAll();

        assertThat(member.join()).isEqualTo("member 7");
        assertThat(loaders.getDataLoader("benefits")).isNotNull();
        assertThat(loaders.getDataLoader("unknown")).isNull();
        assertThat(loaders.getKeys()).containsExactlyInAnyOrder("members", "benefits");
        assertThat(registrations).hasValue(1);
        assertThat(contexts).containsExactly(context);
    }

    @Test
    void loadersAskedForAtOnceAreMadeOnce() throws Exception {
        DataLoadersOnFirstUse loaders = new DataLoadersOnFirstUse(registrar, GraphQLContext.getDefault());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<DataLoader<Object, Object>>> asked = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 16; i++) {
                asked.add(threads.submit(() -> {
                    start.await();
                    return loaders.getDataLoader("members");
                }));
            }
            start.countDown();
            for (Future<DataLoader<Object, Object>> loader : asked) {
                assertThat(loader.get()).isSameAs(loaders.getDataLoader("members"));
            }
        }
        assertThat(registrations).hasValue(1);
    }

    @Test
    void batchLoadsReportToTheRequestsInstrumentation() {
        List<Object> batches = new ArrayList<>();
        DataLoaderInstrumentation observation = new DataLoaderInstrumentation() {
            @Override
            public DataLoaderInstrumentationContext<List<?>> beginBatchLoader(DataLoader<?, ?> dataLoader, List<?> keys,
                                                                             BatchLoaderEnvironment environment) {
                batches.add(List.copyOf(keys));
                return DataLoaderInstrumentationHelper.noOpCtx();
            }
        };
        DataLoadersOnFirstUse loaders = new DataLoadersOnFirstUse(registrar, GraphQLContext.getDefault());
        loaders.instrumentWith(observation);

        DataLoader<Long, String> members = loaders.getDataLoader("members");
        members.load(1L);
        members.load(2L);
        loaders.dispatchAll();

        assertThat(batches).containsExactly(List.of(1L, 2L));
    }
}
