package id.terpadu.changerequest;

import id.terpadu.access.Caller;
import id.terpadu.db.codes.ChangeRequestState;
import id.terpadu.db.tables.records.ChangeRequestAttachmentRecord;
import id.terpadu.db.tables.records.ChangeRequestRecord;
import id.terpadu.error.BadRequestException;
import id.terpadu.error.ConflictException;
import id.terpadu.error.NotFoundException;
import id.terpadu.graphql.GlobalId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Evidence for change requests: PDF, JPEG or PNG, recognised by the content's first bytes (never by
 * the name or the type the sender claims), at most {@code terpadu.change-requests.max-attachment-size}
 * (5 MB unless set), stored with its SHA-256. Whoever sees a pending request may add evidence to it;
 * whoever sees a request reads its evidence.
 */
@Service
@Transactional
class Attachments {

    static final String TYPE = "Attachment";
    private static final byte[] PDF = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final ChangeRequestRepository requests;
    private final DataSize maximum;

    Attachments(ChangeRequestRepository requests,
                @Value("${terpadu.change-requests.max-attachment-size:5MB}") DataSize maximum) {
        this.requests = requests;
        this.maximum = maximum;
    }

    /** Where a piece of evidence is downloaded. */
    static String url(long id) {
        return "/change-requests/attachments/" + GlobalId.encode(TYPE, id);
    }

    long maximumBytes() {
        return maximum.toBytes();
    }

    ChangeRequestAttachmentRecord attach(Caller caller, String requestId, String fileName, byte[] content) {
        ChangeRequestRecord request = GlobalId.decode(requestId).filter(id -> id.type().equals(ChangeRequestService.TYPE))
                .flatMap(id -> requests.lock(caller, id.id()))
                .orElseThrow(() -> new NotFoundException("id", "No change request has this ID."));
        if (request.getState() != ChangeRequestState.PENDING) {
            throw new ConflictException("id", "Evidence is added while a request is pending; this one is "
                    + request.getState().name().toLowerCase() + ".");
        }
        if (fileName == null || fileName.isBlank() || fileName.length() > 200 || fileName.chars().anyMatch(Character::isISOControl)) {
            throw new BadRequestException("fileName", "Name the file: one line of at most 200 characters.");
        }
        if (content.length == 0) {
            throw new BadRequestException("file", "The file is empty.");
        }
        if (content.length > maximum.toBytes()) {
            throw new BadRequestException("file", "The file is larger than the " + maximum.toMegabytes() + " MB a piece of evidence may be.");
        }
        String type = contentType(content).orElseThrow(() -> new BadRequestException("file",
                "Evidence is a PDF, JPEG or PNG file; the content of this one is none of these, whatever its name says."));
        return requests.insertAttachment(new ChangeRequestAttachmentRecord()
                .setChangeRequestId(request.getId())
                .setFileName(fileName.strip())
                .setContentType(type)
                .setSizeBytes(content.length)
                .setSha256(sha256(content))
                .setContent(content)
                .setUploadedBy(caller.name()));
    }

    @Transactional(readOnly = true)
    Optional<ChangeRequestAttachmentRecord> read(Caller caller, String attachmentId) {
        return GlobalId.decode(attachmentId).filter(id -> id.type().equals(TYPE)).flatMap(id -> requests.attachment(caller, id.id()));
    }

    /** The type the content is, by its first bytes. */
    static Optional<String> contentType(byte[] content) {
        if (startsWith(content, PDF)) {
            return Optional.of("application/pdf");
        }
        if (startsWith(content, PNG)) {
            return Optional.of("image/png");
        }
        if (startsWith(content, JPEG)) {
            return Optional.of("image/jpeg");
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        return content.length >= magic.length && Arrays.equals(content, 0, magic.length, magic, 0, magic.length);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
