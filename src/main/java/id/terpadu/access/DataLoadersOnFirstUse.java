package id.terpadu.access;

import graphql.GraphQLContext;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderRegistry;
import org.dataloader.instrumentation.DataLoaderInstrumentation;
import org.springframework.graphql.execution.DataLoaderRegistrar;

import java.util.Set;
import java.util.function.Function;

/**
 * A request's data loaders, made when its first field asks for one. The hub registers some sixty
 * batch loaders, and making them for every request (a loader, its options and, for the batch
 * loads' observations, an instrumented copy of each) cost a look-up more than its own statement;
 * a compiled page or look-up, and any request of fields without batches, never asks for one. Once
 * made, the loaders are the ones the registrar makes for every request, with the same observation.
 */
public final class DataLoadersOnFirstUse extends DataLoaderRegistry {

    private final DataLoaderRegistrar registrar;
    private final GraphQLContext context;
    private volatile DataLoaderInstrumentation instrumentation;
    private volatile boolean made;

    DataLoadersOnFirstUse(DataLoaderRegistrar registrar, GraphQLContext context) {
        this.registrar = registrar;
        this.context = context;
    }

    /** What the loaders, once made, report their batch loads to (the request's observation). */
    public void instrumentWith(DataLoaderInstrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    @Override
    public <K, V> DataLoader<K, V> getDataLoader(String key) {
        makeOnce();
        return super.getDataLoader(key);
    }

    @Override
    public <K, V> DataLoader<K, V> computeIfAbsent(String key, Function<String, DataLoader<?, ?>> mappingFunction) {
        makeOnce();
        return super.computeIfAbsent(key, mappingFunction);
    }

    @Override
    public Set<String> getKeys() {
        makeOnce();
        return super.getKeys();
    }

    private void makeOnce() {
        if (made) {
            return;
        }
        synchronized (this) {
            if (made) {
                return;
            }
            DataLoaderRegistry loaders = DataLoaderRegistry.newRegistry().instrumentation(instrumentation).build();
            registrar.registerDataLoaders(loaders, context);
            dataLoaders.putAll(loaders.getDataLoadersMap());
            made = true;
        }
    }
}
