package id.terpadu.imports;

import id.terpadu.access.AccessPolicy;
import id.terpadu.access.Caller;
import id.terpadu.db.codes.ImportStatus;
import id.terpadu.db.tables.records.ImportJobRecord;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.io.InputStream;
import java.util.Optional;

/**
 * Import jobs as callers start them: an upload is stored, scanned (layout, encoding, limits) and
 * refused at once when it cannot be read; otherwise it becomes a job that runs in the background,
 * a dry run or an import. A file applied before for the same kind and region is not applied again.
 */
@Service
class ImportJobs {

    private final ImportKinds kinds;
    private final ImportFiles files;
    private final ImportJobRepository jobs;
    private final ImportRunner runner;
    private final AccessPolicy policy;
    private final ImportSettings settings;

    ImportJobs(ImportKinds kinds, ImportFiles files, ImportJobRepository jobs, ImportRunner runner, AccessPolicy policy,
               ImportSettings settings) {
        this.kinds = kinds;
        this.files = files;
        this.jobs = jobs;
        this.runner = runner;
        this.policy = policy;
        this.settings = settings;
    }

    ImportJobRecord upload(Caller caller, String kindName, String fileName, InputStream content, boolean dryRun) {
        ImportKind kind = kinds.get(kindName);
        mayImport(caller, kind);
        ImportFiles.Stored stored = files.receive(content);
        try {
            FileFormat format = FileFormat.of(fileName, stored.path());
            FileScan scan = FileScan.of(stored.path(), format, kind, settings.maxRows());
            String name = fileName == null || fileName.isBlank() ? "upload" : fileName.strip();
            if (!dryRun) {
                Optional<ImportJobRecord> before = jobs.appliedBefore(kind.name(), caller.region(), stored.hash());
                if (before.isPresent()) {
                    files.discard(stored);
                    return jobs.create(caller, kind.name(), ImportStatus.DUPLICATE, false, name, format, stored.hash(), stored.size(),
                            scan.rows(), before.get().getId());
                }
            }
            ImportJobRecord job;
            try {
                job = jobs.create(caller, kind.name(), dryRun ? ImportStatus.VALIDATING : ImportStatus.APPLYING, dryRun, name, format,
                        stored.hash(), stored.size(), scan.rows(), null);
            } catch (DuplicateKeyException sameFileAtOnce) {
                files.discard(stored);
                ImportJobRecord before = jobs.appliedBefore(kind.name(), caller.region(), stored.hash()).orElseThrow();
                return jobs.create(caller, kind.name(), ImportStatus.DUPLICATE, false, name, format, stored.hash(), stored.size(),
                        scan.rows(), before.getId());
            }
            files.keep(stored, job.getId());
            runner.submit(job.getId(), scan);
            return job;
        } catch (RuntimeException e) {
            files.discard(stored);
            throw e;
        }
    }

    /**
     * Applies a job's file: after its dry run (from the first row), or again after it failed (from
     * its last committed batch). Answers the job as it now stands.
     */
    ImportJobRecord apply(Caller caller, long id) {
        ImportJobRecord job = jobs.find(caller, id).orElseThrow(() -> new FileRefusal(HttpStatus.NOT_FOUND, "id",
                "You have no import job " + id + "."));
        ImportKind kind = kinds.get(job.getKind());
        mayImport(caller, kind);
        switch (job.getStatus()) {
            case VALIDATED -> {
                Optional<ImportJobRecord> before = jobs.appliedBefore(kind.name(), job.getRegion(), job.getContentHash());
                if (before.isPresent()) {
                    throw new FileRefusal(HttpStatus.CONFLICT, "id", "The same file was applied already, by import job "
                            + before.get().getId() + "; applying it again would change nothing.");
                }
                try {
                    jobs.restart(id, ImportStatus.APPLYING);
                } catch (DuplicateKeyException sameFileAtOnce) {
                    throw new FileRefusal(HttpStatus.CONFLICT, "id", "The same file is being applied by another import job.");
                }
            }
            case FAILED -> jobs.resume(id, job.getDryRun() ? ImportStatus.VALIDATING : ImportStatus.APPLYING);
            default -> throw new FileRefusal(HttpStatus.CONFLICT, "id", "Import job " + id + " is " + job.getStatus()
                    + ": only a validated dry run or a failed job can be applied.");
        }
        runner.submit(id);
        return jobs.find(id).orElseThrow();
    }

    Optional<ImportJobRecord> find(Caller caller, long id) {
        return jobs.find(caller, id);
    }

    private void mayImport(Caller caller, ImportKind kind) {
        if (!caller.hasAnyRole(policy.writers(kind.mutation()))) {
            throw new FileRefusal(HttpStatus.FORBIDDEN, "kind", "Your role may not import " + kind.name() + " files.");
        }
        if (policy.lacksRequiredRegion(caller)) {
            throw new FileRefusal(HttpStatus.FORBIDDEN, "kind", "Your account has no region, so it may not import; ask the administrator.");
        }
    }
}
