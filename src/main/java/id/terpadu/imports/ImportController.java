package id.terpadu.imports;

import id.terpadu.access.Caller;
import id.terpadu.access.Disclosure;
import id.terpadu.access.IdentityReadLog;
import id.terpadu.access.IdentityReads;
import id.terpadu.db.tables.records.ImportJobRecord;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Imports over HTTP with the caller's token: {@code POST /imports} (multipart: {@code kind},
 * {@code file}, {@code dryRun}) answers the job as JSON; {@code POST /imports/{id}/apply} applies a
 * dry run or retries a failed job; {@code GET /imports/{id}/report} hands out the refused rows with
 * an error column, ready to be fixed and uploaded again; {@code GET /imports/templates/{kind}} the
 * empty layout of a kind, and {@code GET /imports/kinds} every layout with the names accepted.
 */
@RestController
@RequestMapping("/imports")
class ImportController {

    static final String LINE_COLUMN = "baris";
    static final String ERROR_COLUMN = "kesalahan";

    private final ImportJobs imports;
    private final ImportKinds kinds;
    private final ImportJobRepository jobs;
    private final Disclosure disclosure;
    private final IdentityReadLog identityReadLog;

    ImportController(ImportJobs imports, ImportKinds kinds, ImportJobRepository jobs, Disclosure disclosure,
                     IdentityReadLog identityReadLog) {
        this.imports = imports;
        this.kinds = kinds;
        this.jobs = jobs;
        this.disclosure = disclosure;
        this.identityReadLog = identityReadLog;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ImportJobView> upload(@RequestParam(required = false) String kind,
                                         @RequestParam(required = false) MultipartFile file,
                                         @RequestParam(defaultValue = "true") String dryRun) {
        Caller caller = Caller.current();
        if (file == null || file.isEmpty()) {
            throw new FileRefusal(HttpStatus.BAD_REQUEST, "file", "Send the file as the multipart part 'file'.");
        }
        boolean onlyValidate = switch (dryRun.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "ya" -> true;
            case "false", "0", "no", "tidak" -> false;
            default -> throw new FileRefusal(HttpStatus.BAD_REQUEST, "dryRun", "dryRun is true (only validate) or false (apply).");
        };
        try (InputStream content = file.getInputStream()) {
            ImportJobRecord job = imports.upload(caller, kind, file.getOriginalFilename(), content, onlyValidate);
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(ImportJobView.of(job));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @PostMapping("/{id}/apply")
    ResponseEntity<ImportJobView> apply(@PathVariable String id) {
        ImportJobRecord job = imports.apply(Caller.current(), jobId(id));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(ImportJobView.of(job));
    }

    @GetMapping("/{id}")
    ImportJobView job(@PathVariable String id) {
        return imports.find(Caller.current(), jobId(id)).map(ImportJobView::of).orElseThrow(() -> unknown(id));
    }

    /** The refused rows in the kind's layout, plus the line and the error; identity numbers as the caller sees them. */
    @GetMapping("/{id}/report")
    void report(@PathVariable String id, @RequestParam(defaultValue = "csv") String format, HttpServletResponse response)
            throws IOException {
        Caller caller = Caller.current();
        String type = fileType(format);
        ImportJobRecord job = imports.find(caller, jobId(id)).orElseThrow(() -> unknown(id));
        ImportKind kind = kinds.get(job.getKind());
        IdentityReads reads = new IdentityReads(caller, ImportRunner.jobReference(job.getId()));
        reads.operation("importReport");
        prepare(response, type, "import-" + job.getId() + "-refused-rows");
        try (TableWriter table = TableWriter.of(type, response.getOutputStream())) {
            List<String> header = new ArrayList<>(kind.columns().stream().map(ImportColumn::name).toList());
            header.add(LINE_COLUMN);
            header.add(ERROR_COLUMN);
            table.row(header);
            jobs.problems(job.getId(), problem -> table.row(reportRow(caller, kind, problem, reads)));
        }
        identityReadLog.write(reads);
    }

    private List<String> reportRow(Caller caller, ImportKind kind, ImportJobRepository.Problem problem, IdentityReads reads) {
        List<String> cells = new ArrayList<>();
        for (ImportColumn column : kind.columns()) {
            String value = problem.cells().get(column.name());
            cells.add(switch (column.identity()) {
                case NIK -> disclosure.identity(caller, "ImportRowProblem", "nik", value, reads);
                case KK -> disclosure.identity(caller, "Household", "kk", value, reads);
                case NONE -> value;
            });
        }
        cells.add(String.valueOf(problem.line()));
        cells.add(problem.field() + ": " + problem.reason());
        return cells;
    }

    @GetMapping("/templates/{kind}")
    void template(@PathVariable String kind, @RequestParam(defaultValue = "csv") String format, HttpServletResponse response)
            throws IOException {
        ImportKind layout = kinds.get(kind);
        String type = fileType(format);
        prepare(response, type, layout.name().toLowerCase(Locale.ROOT) + "-template");
        try (TableWriter table = TableWriter.of(type, response.getOutputStream())) {
            table.row(layout.columns().stream().map(ImportColumn::name).toList());
        }
    }

    /** Every kind's layout: columns, whether required, what they hold and the header names accepted for them. */
    @GetMapping("/kinds")
    List<Map<String, Object>> layouts() {
        return kinds.all().stream().map(kind -> Map.<String, Object>of(
                "kind", kind.name(),
                "description", kind.description(),
                "columns", kind.columns().stream().map(column -> Map.of(
                        "name", column.name(), "required", column.required(), "description", column.description(),
                        "alsoAccepted", column.aliases())).toList())).toList();
    }

    private static void prepare(HttpServletResponse response, String type, String name) {
        response.setContentType("xlsx".equals(type)
                ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name + "." + type).build().toString());
    }

    private static String fileType(String format) {
        String type = format.strip().toLowerCase(Locale.ROOT);
        if (!type.equals("csv") && !type.equals("xlsx")) {
            throw new FileRefusal(HttpStatus.BAD_REQUEST, "format", "The format is csv or xlsx.");
        }
        return type;
    }

    private static long jobId(String id) {
        Long number = FileScan.numeric(id);
        if (number == null) {
            throw unknown(id);
        }
        return number;
    }

    private static FileRefusal unknown(String id) {
        return new FileRefusal(HttpStatus.NOT_FOUND, "id", "You have no import job " + id + ".");
    }
}
