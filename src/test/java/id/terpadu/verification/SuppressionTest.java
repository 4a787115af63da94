package id.terpadu.verification;

import id.terpadu.Fast;
import id.terpadu.verification.RoundStatistics.Count;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The rules that withhold small counts, on their own: the threshold, breakdowns, and the setting. */
@Fast
class SuppressionTest {

    @Test
    void countsBelowTheThresholdAreWithheldAndTheThresholdItselfIsShown() {
        Suppression belowThree = Suppression.below(3);
        assertThat(belowThree.count(0)).isEqualTo(Count.SUPPRESSED);
        assertThat(belowThree.count(2)).isEqualTo(new Count(null, true));
        assertThat(belowThree.count(3)).isEqualTo(new Count(3, false));
        assertThat(belowThree.threshold()).isEqualTo(3);
        assertThat(Suppression.NONE.count(1)).isEqualTo(new Count(1, false));
        assertThat(Suppression.NONE.threshold()).isNull();
    }

    @Test
    void aSingleWithheldCellOfABreakdownTakesTheSmallestOtherOneWithIt() {
        // the total minus the shown cells would give the one small cell away
        assertThat(Suppression.below(5).cells(List.of(40L, 2L, 7L, 9L)))
                .containsExactly(new Count(40, false), Count.SUPPRESSED, Count.SUPPRESSED, new Count(9, false));
    }

    @Test
    void twoOrMoreWithheldCellsOrNoneNeedNoMore() {
        assertThat(Suppression.below(5).cells(List.of(40L, 2L, 1L, 9L)))
                .containsExactly(new Count(40, false), Count.SUPPRESSED, Count.SUPPRESSED, new Count(9, false));
        assertThat(Suppression.below(5).cells(List.of(40L, 5L, 9L)))
                .containsExactly(new Count(40, false), new Count(5, false), new Count(9, false));
        assertThat(Suppression.NONE.cells(List.of(40L, 1L)))
                .containsExactly(new Count(40, false), new Count(1, false));
    }

    @Test
    void theThresholdSettingIsAtLeastOne() {
        assertThat(new StatisticsProperties(5).suppressionThreshold()).isEqualTo(5);
        assertThatIllegalArgumentException().isThrownBy(() -> new StatisticsProperties(0))
                .withMessageContaining("terpadu.statistics.suppression-threshold");
    }
}
