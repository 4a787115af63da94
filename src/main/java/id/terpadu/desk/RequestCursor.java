package id.terpadu.desk;

import id.terpadu.error.BadRequestException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

/** Where a page of requests ends: the due time and ID of its last request, opaque to clients. */
record RequestCursor(OffsetDateTime dueAt, long id) {

    private static final String PREFIX = "request:";

    String encode() {
        Instant due = dueAt.toInstant();
        String plain = PREFIX + due.getEpochSecond() + ":" + due.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static RequestCursor decode(String cursor, String argument) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!plain.startsWith(PREFIX)) {
                throw new IllegalArgumentException(plain);
            }
            String[] parts = plain.substring(PREFIX.length()).split(":");
            OffsetDateTime due = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])).atOffset(ZoneOffset.UTC);
            return new RequestCursor(due, Long.parseLong(parts[2]));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new BadRequestException(argument, "This is not a cursor of this list: pass an endCursor it answered.");
        }
    }
}
