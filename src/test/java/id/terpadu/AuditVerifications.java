package id.terpadu;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import java.time.Duration;
import java.util.Map;

import static id.terpadu.db.Tables.AUDIT_ENTRY;

/** {@code verifyAudit} as the administrator asks it, and waiting for the hub to seal what committed. */
final class AuditVerifications {

    private AuditVerifications() {
    }

    /** One check of a verification, as the API answers it. */
    record Check(boolean intact, int checked, String firstBrokenPosition, String reason) {
    }

    /** A verification, as the API answers it. */
    record Verification(boolean intact, int checked, int unsealed, String sealedUpTo, String firstBrokenPosition,
                        String reason, Check chain, Check seals, Check head, Check checkpoint) {
    }

    /** A checkpoint, as the API answers it. */
    record Checkpoint(String position, String hash, String issuedAt, String statement, String signature, String publicKey,
                      String algorithm) {

        Map<String, Object> input() {
            return Map.of("statement", statement, "signature", signature);
        }
    }

    static Verification verify(HttpGraphQlTester admin) {
        return verify(admin.documentName("verifyAudit"));
    }

    static Verification verify(HttpGraphQlTester admin, Checkpoint checkpoint) {
        return verify(admin.documentName("verifyAudit").variable("checkpoint", checkpoint.input()));
    }

    static Verification verify(GraphQlTester.Request<?> request) {
        return request.execute().path("verifyAudit").entity(Verification.class).get();
    }

    static Checkpoint checkpoint(HttpGraphQlTester admin) {
        return admin.documentName("auditCheckpoint").execute().path("auditCheckpoint").entity(Checkpoint.class).get();
    }

    /** Waits until the hub has sealed every committed entry, and answers the verification that shows it. */
    static Verification awaitSealed(HttpGraphQlTester admin, DSLContext dsl) {
        long newest = dsl.select(DSL.coalesce(DSL.max(AUDIT_ENTRY.POSITION), 0L)).from(AUDIT_ENTRY).fetchSingle().value1();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Verification verification = verify(admin.documentName("verifyAudit").variable("from", String.valueOf(Math.max(1, newest - 50))));
            if (Long.parseLong(verification.sealedUpTo()) >= newest) {
                return verification;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The hub did not seal up to position " + newest + " in time: " + verification);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
