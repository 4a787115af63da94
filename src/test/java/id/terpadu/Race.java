package id.terpadu;

import org.springframework.graphql.GraphQlResponse;
import org.springframework.graphql.test.tester.GraphQlTester;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/** Real parallel requests, as concurrency tests send them: all released at once by a barrier. */
public final class Race {

    private Race() {
    }

    /** Sends the requests at once and answers their responses in the order of the requests. */
    public static List<GraphQlResponse> of(List<GraphQlTester.Request<?>> requests) throws Exception {
        CyclicBarrier start = new CyclicBarrier(requests.size());
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        try {
            List<Future<GraphQlResponse>> futures = new ArrayList<>();
            for (GraphQlTester.Request<?> request : requests) {
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return request.execute().returnResponse();
                }));
            }
            List<GraphQlResponse> responses = new ArrayList<>();
            for (Future<GraphQlResponse> future : futures) {
                responses.add(future.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Sends the requests of this many clerks at once, clerk {@code i} sending {@code request.apply(i)}. */
    public static List<GraphQlResponse> of(int clerks, IntFunction<GraphQlTester.Request<?>> request) throws Exception {
        return of(IntStream.range(0, clerks).<GraphQlTester.Request<?>>mapToObj(request).toList());
    }
}
