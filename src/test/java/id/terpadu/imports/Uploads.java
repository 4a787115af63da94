package id.terpadu.imports;

import id.terpadu.Tokens;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Uploads files to {@code POST /imports} and follows the jobs over HTTP, like an agency's clerk or sync job. */
public final class Uploads {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> RUNNING = Set.of("VALIDATING", "APPLYING");

    private final WebTestClient http;

    public Uploads(int port) {
        this.http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60)).build();
    }

    /** An answer: its status and body. */
    public record Answer(int status, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String text(String pointer) {
            return json().at(pointer).asString();
        }

        /** A refusal a clerk can read: a message in words and the part at fault, without internals. */
        public Answer refused(int expectedStatus, String field) {
            assertThat(status).as(body).isEqualTo(expectedStatus);
            assertThat(json().at("/field").asString()).as(body).isEqualTo(field);
            assertThat(json().at("/message").asString()).as(body).isNotBlank()
                    .doesNotContainPattern("Exception|org\\.|java\\.|SQL|poi|\\bat [\\w$]+\\.");
            return this;
        }
    }

    /** Uploads a file as this user (null: without a token). */
    public Answer upload(String user, String kind, String fileName, byte[] content, boolean dryRun) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        if (kind != null) {
            body.part("kind", kind);
        }
        body.part("dryRun", String.valueOf(dryRun));
        body.part("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        WebTestClient.RequestBodySpec request = http.post().uri("/imports");
        if (user != null) {
            request.header("Authorization", "Bearer " + Tokens.of(user));
        }
        return answer(request.contentType(MediaType.MULTIPART_FORM_DATA)
                .body(BodyInserters.fromMultipartData(body.build())).exchange().expectBody(String.class).returnResult());
    }

    public Answer post(String user, String path) {
        return answer(http.post().uri(path).header("Authorization", "Bearer " + Tokens.of(user)).exchange()
                .expectBody(String.class).returnResult());
    }

    public Answer get(String user, String path) {
        return answer(http.get().uri(path).header("Authorization", "Bearer " + Tokens.of(user)).exchange()
                .expectBody(String.class).returnResult());
    }

    public byte[] bytes(String user, String path) {
        return http.get().uri(path).header("Authorization", "Bearer " + Tokens.of(user)).exchange()
                .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
    }

    /** Waits until the job has finished its run; answers it. */
    public JsonNode finished(String user, String id) {
        Instant deadline = Instant.now().plusSeconds(90);
        while (true) {
            Answer job = get(user, "/imports/" + id);
            assertThat(job.status()).as(job.body()).isEqualTo(200);
            if (!RUNNING.contains(job.text("/status"))) {
                return job.json();
            }
            assertThat(Instant.now()).as("job %s finishes", id).isBefore(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static Answer answer(EntityExchangeResult<String> result) {
        return new Answer(result.getStatus().value(), result.getResponseBody() == null ? "" : result.getResponseBody());
    }
}
