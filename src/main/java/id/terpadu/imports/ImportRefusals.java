package id.terpadu.imports;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

import java.util.LinkedHashMap;
import java.util.Map;

/** Refused imports answer their status with a JSON body a clerk can read: the part at fault and why; never internals. */
@RestControllerAdvice(assignableTypes = ImportController.class)
class ImportRefusals {

    private final ImportSettings settings;

    ImportRefusals(ImportSettings settings) {
        this.settings = settings;
    }

    @ExceptionHandler(FileRefusal.class)
    ResponseEntity<Map<String, Object>> refused(FileRefusal refusal) {
        return body(refusal.status(), refusal.field(), refusal.getMessage());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, Object>> tooLarge(MaxUploadSizeExceededException e) {
        return body(HttpStatus.CONTENT_TOO_LARGE, "file", "The file is larger than the " + settings.maxFileSize().toMegabytes()
                + " MB the hub accepts; split it into smaller files.");
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Map<String, Object>> notMultipart(MultipartException e) {
        return body(HttpStatus.BAD_REQUEST, "file", "Send the upload as multipart/form-data with the parts kind, file and dryRun.");
    }

    private static ResponseEntity<Map<String, Object>> body(HttpStatus status, String field, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.value());
        body.put("field", field);
        body.put("message", message);
        return ResponseEntity.status(status).body(body);
    }
}
