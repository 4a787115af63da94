package id.terpadu.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The newest position the hub has sealed and its chain hash, kept where the database cannot reach
 * them: in memory and in a small file per database. Whoever deletes the newest entries, or
 * rebuilds the chain, cannot change what the hub remembers, so verification notices when the
 * trail no longer reaches this head or disagrees with it there.
 */
@Component
class SealedHead {

    /** A position of the chain and the hash the chain has there. */
    record Head(long position, byte[] hash) {

        String hashHex() {
            return HexFormat.of().formatHex(hash);
        }
    }

    /** Before the first entry: the hash the chain starts from. */
    static final Head START = new Head(0, sha256(new byte[0]));

    private static final Logger log = LoggerFactory.getLogger(SealedHead.class);

    private final Path directory;
    private final AuditSealRepository repository;
    private Path file;
    private Head current;

    SealedHead(AuditSealProperties properties, AuditSealRepository repository) {
        this.directory = properties.headDirectory();
        this.repository = repository;
    }

    /** The newest sealed position; the start of the chain when this database was never sealed. */
    synchronized Head current() {
        if (current == null) {
            file = directory.resolve(repository.trailIdentity().replaceAll("[^A-Za-z0-9_.-]", "_") + ".head");
            current = read(file);
        }
        return current;
    }

    /** Moves the head forward (never back), in memory and in the file. */
    synchronized void advance(Head head) {
        if (head.position() <= current().position()) {
            return;
        }
        current = head;
        try {
            write(head);
        } catch (IOException e) {
            // the head in memory still holds; the file catches up with the next batch
            log.error("Cannot write the audit head file {}: {}", file, e.getClass().getName());
        }
    }

    private static Head read(Path file) {
        if (!Files.exists(file)) {
            return START;
        }
        Properties stored = new Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            stored.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the audit head file " + file, e);
        }
        return new Head(Long.parseLong(stored.getProperty("position")), HexFormat.of().parseHex(stored.getProperty("hash")));
    }

    /**
     * Replaces the file at once (never half-written), under a lock, and only with a newer head:
     * hub instances that share the directory never move it back.
     */
    private void write(Head head) throws IOException {
        Files.createDirectories(directory);
        try (FileChannel lockFile = FileChannel.open(directory.resolve(file.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockFile.lock()) {
            if (read(file).position() >= head.position()) {
                return;
            }
            Path fresh = Files.createTempFile(directory, file.getFileName().toString(), ".new");
            Files.writeString(fresh, "position=" + head.position() + "\nhash=" + head.hashHex() + "\n", StandardCharsets.US_ASCII);
            Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
