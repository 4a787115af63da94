package id.terpadu.imports;

import org.springframework.http.HttpStatus;

/** A file or request the hub will not import, with the HTTP status, the part at fault and a clerk's message. */
class FileRefusal extends RuntimeException {

    private final HttpStatus status;
    private final String field;

    FileRefusal(HttpStatus status, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }

    static FileRefusal badFile(String message) {
        return new FileRefusal(HttpStatus.UNPROCESSABLE_CONTENT, "file", message);
    }

    HttpStatus status() {
        return status;
    }

    String field() {
        return field;
    }
}
