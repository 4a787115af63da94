package id.terpadu.changerequest;

import id.terpadu.access.Caller;
import id.terpadu.db.tables.records.ChangeRequestAttachmentRecord;
import id.terpadu.error.BadRequestException;
import id.terpadu.error.HubException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Evidence over plain HTTP, with the same bearer token as GraphQL: {@code POST
 * /change-requests/{id}/attachments?fileName=minutes.pdf} with the file as the body answers the
 * stored attachment (id, type recognised, size, SHA-256); {@code GET
 * /change-requests/attachments/{id}} answers the file to whoever sees its request. A refusal is
 * JSON with the classification, the field at fault and a message.
 */
@RestController
class AttachmentController {

    private final Attachments attachments;

    AttachmentController(Attachments attachments) {
        this.attachments = attachments;
    }

    @PostMapping("/change-requests/{id}/attachments")
    ResponseEntity<Map<String, Object>> upload(@PathVariable String id, @RequestParam(required = false) String fileName,
                                               HttpServletRequest request) throws IOException {
        Caller caller = Caller.current();
        try {
            long limit = attachments.maximumBytes();
            if (request.getContentLengthLong() > limit) {
                throw tooLarge(limit);
            }
            byte[] content = request.getInputStream().readNBytes((int) limit + 1);
            if (content.length > limit) {
                throw tooLarge(limit);
            }
            ChangeRequestAttachmentRecord stored = attachments.attach(caller, id, fileName, content);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", id(stored));
            body.put("fileName", stored.getFileName());
            body.put("contentType", stored.getContentType());
            body.put("size", stored.getSizeBytes());
            body.put("sha256", stored.getSha256());
            body.put("url", Attachments.url(stored.getId()));
            return ResponseEntity.status(HttpStatus.CREATED).body(body);
        } catch (HubException refusal) {
            return refused(refusal);
        }
    }

    /**
     * A form is not a file: its body would be read as form fields (curl's {@code --data-binary} sends
     * one unless told the type). Answered before anything reads it.
     */
    @PostMapping(path = "/change-requests/{id}/attachments",
            consumes = {MediaType.APPLICATION_FORM_URLENCODED_VALUE, MediaType.MULTIPART_FORM_DATA_VALUE})
    ResponseEntity<Map<String, Object>> uploadAsForm() {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(Map.of("classification", "BAD_REQUEST",
                "field", "file", "message", "Send the file itself as the request body, with its type as Content-Type "
                        + "(application/pdf, image/jpeg, image/png or application/octet-stream), not as a form."));
    }

    @GetMapping("/change-requests/attachments/{id}")
    ResponseEntity<?> download(@PathVariable String id) {
        return attachments.read(Caller.current(), id)
                .<ResponseEntity<?>>map(attachment -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(attachment.getContentType()))
                        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                                .filename(attachment.getFileName(), StandardCharsets.UTF_8).build().toString())
                        .header("X-Content-SHA256", attachment.getSha256())
                        .body(attachment.getContent()))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("classification", "NOT_FOUND",
                        "field", "id", "message", "No attachment has this ID.")));
    }

    private static String id(ChangeRequestAttachmentRecord stored) {
        return id.terpadu.graphql.GlobalId.encode(Attachments.TYPE, stored.getId());
    }

    private static BadRequestException tooLarge(long limit) {
        return new BadRequestException("file", "The file is larger than the " + (limit / (1024 * 1024)) + " MB a piece of evidence may be.");
    }

    private static ResponseEntity<Map<String, Object>> refused(HubException refusal) {
        HttpStatus status = switch (refusal.classification()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case CONFLICT -> HttpStatus.CONFLICT;
            default -> HttpStatus.BAD_REQUEST;
        };
        return ResponseEntity.status(status).body(Map.of("classification", refusal.classification().name(),
                "field", refusal.field(), "message", refusal.getMessage()));
    }
}
