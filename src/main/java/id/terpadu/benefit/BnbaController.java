package id.terpadu.benefit;

import id.terpadu.access.Caller;
import id.terpadu.error.HubException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /exports/bnba?programme=PKH&village=51.06.01.2001&format=csv|xlsx|pdf} with the caller's
 * token: the BNBA list of a programme in a village as the caller may see it. The export's id (in the
 * header {@code X-Export-Id}) is the request id of its identity reads.
 */
@RestController
class BnbaController {

    private final BnbaExport export;

    BnbaController(BnbaExport export) {
        this.export = export;
    }

    @GetMapping("/exports/bnba")
    void bnba(@RequestParam(required = false) String programme, @RequestParam(required = false) String village,
              @RequestParam(defaultValue = "csv") String format, HttpServletResponse response) throws IOException {
        Caller caller = Caller.current();
        String type = format.strip().toLowerCase(Locale.ROOT);
        if (!BnbaListing.FORMATS.contains(type)) {
            throw new id.terpadu.error.BadRequestException("format", "The format is csv, xlsx or pdf.");
        }
        String code = programme == null ? "" : programme.strip().toUpperCase(Locale.ROOT);
        BnbaExport.Heading heading = export.heading(caller, code, village == null ? null : village.strip());
        String exportId = "export-" + UUID.randomUUID();
        response.setContentType(switch (type) {
            case "xlsx" -> "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            case "pdf" -> "application/pdf";
            default -> "text/csv;charset=UTF-8";
        });
        response.setHeader("X-Export-Id", exportId);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("bnba-" + code.toLowerCase(Locale.ROOT) + "-" + village.strip() + "." + type).build().toString());
        export.write(caller, code, village.strip(), heading, exportId, type, response.getOutputStream());
    }

    /** A refused export answers its status with the part at fault and why, never internals. */
    @ExceptionHandler(HubException.class)
    ResponseEntity<Map<String, Object>> refused(HubException refusal) {
        HttpStatus status = switch (refusal.classification()) {
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            default -> HttpStatus.BAD_REQUEST;
        };
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.value());
        body.put("field", refusal.field());
        body.put("message", refusal.getMessage());
        return ResponseEntity.status(status).body(body);
    }
}
