package id.terpadu.imports;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The uploaded files of import jobs, kept in the imports directory under the job's id. */
@Component
class ImportFiles {

    private final ImportSettings settings;

    ImportFiles(ImportSettings settings) {
        this.settings = settings;
    }

    /** An upload stored under a temporary name, with its SHA-256 and size; refused when it is larger than the limit. */
    record Stored(Path path, String hash, long size) {
    }

    Stored receive(InputStream upload) {
        try {
            Files.createDirectories(settings.directory());
            Path temporary = Files.createTempFile(settings.directory(), "upload-", ".part");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long limit = settings.maxFileSize().toBytes();
            long size = 0;
            try (InputStream in = new DigestInputStream(upload, sha256); OutputStream out = Files.newOutputStream(temporary)) {
                byte[] buffer = new byte[1 << 16];
                int read;
                while ((read = in.read(buffer)) != -1) {
                    size += read;
                    if (size > limit) {
                        out.close();
                        Files.deleteIfExists(temporary);
                        throw new FileRefusal(HttpStatus.CONTENT_TOO_LARGE, "file", "The file is larger than the "
                                + settings.maxFileSize().toMegabytes() + " MB the hub accepts; split it into smaller files.");
                    }
                    out.write(buffer, 0, read);
                }
            }
            return new Stored(temporary, HexFormat.of().formatHex(sha256.digest()), size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keeps a stored upload as the file of this job. */
    void keep(Stored stored, long id) {
        try {
            Files.move(stored.path(), of(id), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void discard(Stored stored) {
        try {
            Files.deleteIfExists(stored.path());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path of(long id) {
        return settings.directory().resolve("job-" + id);
    }
}
