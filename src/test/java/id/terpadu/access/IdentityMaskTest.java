package id.terpadu.access;

import id.terpadu.Fast;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The masked form of a NIK or KK: the regency, stars and a keyed tag that tells numbers apart. */
@Fast
class IdentityMaskTest {

    private static final IdentityMask MASK = new IdentityMask("one installation's key, 32 bytes".getBytes(StandardCharsets.UTF_8));

    @Test
    void aNumberShowsItsRegencyStarsAndFourLetters() {
        assertThat(MASK.mask("5106011203800001")).matches("5106\\*{8}[A-Z]{4}");
    }

    @Test
    void theSameNumberAlwaysLooksTheSameAndNeighboursDiffer() {
        assertThat(MASK.mask("5106011203800001")).isEqualTo(MASK.mask("5106011203800001"));
        // serials 0001 to 0050 of one district and birth date: the numbers a guess would try
        java.util.Set<String> masked = new java.util.HashSet<>();
        for (int serial = 1; serial <= 50; serial++) {
            masked.add(MASK.mask("51060112038" + String.format("%05d", serial)));
        }
        assertThat(masked).hasSize(50);
    }

    @Test
    void anotherInstallationsKeyGivesAnotherTag() {
        IdentityMask other = new IdentityMask("another installation's key, 32b".getBytes(StandardCharsets.UTF_8));
        assertThat(other.mask("5106011203800001")).isNotEqualTo(MASK.mask("5106011203800001"));
    }
}
