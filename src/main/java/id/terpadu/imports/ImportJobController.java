package id.terpadu.imports;

import id.terpadu.access.Caller;
import id.terpadu.db.codes.ImportStatus;
import id.terpadu.graphql.Paging;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A caller's import jobs over GraphQL: read, listed, and followed as they progress. */
@Controller
class ImportJobController {

    /** How often a followed job is looked at. */
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

    private final ImportJobRepository jobs;
    private final Paging paging;

    ImportJobController(ImportJobRepository jobs, Paging paging) {
        this.jobs = jobs;
        this.paging = paging;
    }

    @QueryMapping
    ImportJobView importJob(@Argument String id, @ContextValue Caller caller) {
        return jobId(id).flatMap(number -> jobs.find(caller, number)).map(ImportJobView::of).orElse(null);
    }

    @QueryMapping
    List<ImportJobView> importJobs(@Argument String kind, @Argument ImportStatus status, @Argument Integer first,
                                   @ContextValue Caller caller) {
        return jobs.list(caller, kind, status, paging.size(first, "first")).stream().map(ImportJobView::of).toList();
    }

    @SchemaMapping(typeName = "ImportJob")
    List<ImportRowProblemView> problems(ImportJobView job, @Argument Integer first) {
        return jobs.problems(Long.parseLong(job.id()), paging.size(first, "first")).stream()
                .map(problem -> new ImportRowProblemView(problem.line(), problem.cells().get("nik"), problem.field(), problem.reason()))
                .toList();
    }

    @SubscriptionMapping
    Flux<ImportJobView> importJobProgress(@Argument String id, @ContextValue Caller caller) {
        Optional<Long> number = jobId(id);
        return Flux.interval(Duration.ZERO, PROGRESS_INTERVAL, Schedulers.boundedElastic())
                .map(tick -> number.flatMap(job -> jobs.find(caller, job)).map(ImportJobView::of))
                .takeWhile(Optional::isPresent)
                .map(Optional::get)
                .distinctUntilChanged(view -> view.status() + "/" + view.rowsRead())
                .takeUntil(ImportJobView::finished);
    }

    private static Optional<Long> jobId(String id) {
        return Optional.ofNullable(FileScan.numeric(id));
    }

    /** A refused row as GraphQL answers it; its NIK passes the disclosure gate (ImportRowProblem.nik is a masked field). */
    record ImportRowProblemView(int line, String nik, String field, String reason) {
    }
}
