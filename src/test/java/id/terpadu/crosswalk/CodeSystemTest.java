package id.terpadu.crosswalk;

import id.terpadu.Fast;
import id.terpadu.crosswalk.RegionCrosswalk.CodeSystem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which code system a village code is written in, told by its shape alone. */
@Fast
class CodeSystemTest {

    @Test
    void theShapeTellsKemendagriFromBps() {
        assertThat(RegionCrosswalk.system("51.06.01.2001")).isEqualTo(CodeSystem.KEMENDAGRI);
        assertThat(RegionCrosswalk.system(" 51.06.01.2001 ")).isEqualTo(CodeSystem.KEMENDAGRI);
        assertThat(RegionCrosswalk.system("51.06.010.001")).isEqualTo(CodeSystem.BPS);
        assertThat(RegionCrosswalk.system("5106010001")).as("a Kemendagri village number never begins with 0").isEqualTo(CodeSystem.BPS);
        assertThat(RegionCrosswalk.system("5106047015")).isEqualTo(CodeSystem.BPS);
        assertThat(RegionCrosswalk.system("5106012001")).as("a desa's number, or a split district's BPS code")
                .isEqualTo(CodeSystem.EITHER);
        assertThat(RegionCrosswalk.system("9103013007")).isEqualTo(CodeSystem.EITHER);
        for (String notAVillage : new String[]{"51.06.01", "510601", "51060100011", "5106-01-2001", "", null}) {
            assertThat(RegionCrosswalk.system(notAVillage)).as(notAVillage).isEqualTo(CodeSystem.NONE);
        }
    }
}
