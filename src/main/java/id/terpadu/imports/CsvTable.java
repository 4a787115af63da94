package id.terpadu.imports;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file read row by row: UTF-8 (with or without a byte order mark) or, when it is not valid
 * UTF-8, Windows-1252 (what Excel saves on Indonesian Windows); comma or semicolon, whichever the
 * header uses. A file that is neither encoding, or binary, is refused.
 */
final class CsvTable {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private CsvTable() {
    }

    static void read(Path file, FileFormat.RowSink sink) {
        Charset charset = charsetOf(file);
        try (BufferedReader reader = new BufferedReader(Files.newBufferedReader(file, charset), 1 << 16)) {
            reader.mark(1 << 16);
            String firstLine = reader.readLine();
            if (firstLine == null) {
                throw FileRefusal.badFile("The file is empty.");
            }
            reader.reset();
            if (firstLine.startsWith("\uFEFF")) {
                reader.skip(1);
            }
            char delimiter = count(firstLine, ';') > count(firstLine, ',') ? ';' : ',';
            CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
            read(reader, format, sink);
        } catch (IOException e) {
            throw FileRefusal.badFile("The file could not be read as CSV.");
        }
    }

    private static void read(Reader reader, CSVFormat format, FileFormat.RowSink sink) throws IOException {
        long lastLine = 0;
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            int line = 0;
            for (CSVRecord record : parser) {
                lastLine = parser.getCurrentLineNumber();
                line++;
                List<String> cells = new ArrayList<>(record.size());
                record.forEach(cells::add);
                if (cells.stream().allMatch(String::isBlank)) {
                    line--;
                    continue;
                }
                sink.row(line, cells);
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            throw FileRefusal.badFile("The CSV is malformed after line " + (lastLine + 1)
                    + " (a quote that is never closed?); fix it there and upload it again.");
        }
    }

    /** UTF-8 when every byte sequence is valid UTF-8, else Windows-1252; refused when it is binary or neither. */
    static Charset charsetOf(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
            CharBuffer chars = CharBuffer.allocate(1 << 16);
            boolean validUtf8 = true;
            boolean cp1252 = true;
            int read;
            while ((read = in.read(bytes.array(), bytes.position(), bytes.remaining())) != -1) {
                bytes.position(bytes.position() + read);
                for (int i = bytes.position() - read; i < bytes.position(); i++) {
                    int b = bytes.get(i) & 0xff;
                    if (b == 0 || (b < 0x20 && b != '\t' && b != '\r' && b != '\n')) {
                        throw FileRefusal.badFile("The file is not text (it holds control characters or is UTF-16); "
                                + "save it as CSV in UTF-8 or as .xlsx.");
                    }
                    if (b == 0x81 || b == 0x8d || b == 0x8f || b == 0x90 || b == 0x9d) {
                        cp1252 = false;
                    }
                }
                bytes.flip();
                if (validUtf8) {
                    chars.clear();
                    validUtf8 = !utf8.decode(bytes, chars, false).isError();
                }
                bytes.compact();
                if (!validUtf8) {
                    bytes.clear();
                }
            }
            if (validUtf8) {
                bytes.flip();
                chars.clear();
                validUtf8 = !utf8.decode(bytes, chars, true).isError() && !utf8.flush(chars).isError();
            }
            if (validUtf8) {
                return StandardCharsets.UTF_8;
            }
            if (cp1252) {
                return WINDOWS_1252;
            }
            throw FileRefusal.badFile("The file is neither UTF-8 nor Windows-1252 text; save it as CSV in UTF-8.");
        } catch (IOException e) {
            throw FileRefusal.badFile("The file could not be read.");
        }
    }

    private static long count(String line, char c) {
        return line.chars().filter(ch -> ch == c).count();
    }
}
