package id.terpadu.verification;

import id.terpadu.verification.RoundStatistics.Count;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Withholds small counts of small areas, so that no household can be singled out: a count below
 * the threshold is suppressed, and so is any figure from which a suppressed one could be worked
 * out again (the last unsuppressed cell of a breakdown whose total is published, a difference).
 */
final class Suppression {

    /** Nothing is withheld: a district or larger, or a role that sees small counts. */
    static final Suppression NONE = new Suppression(null);

    private final Integer threshold;

    private Suppression(Integer threshold) {
        this.threshold = threshold;
    }

    static Suppression below(int threshold) {
        return new Suppression(threshold);
    }

    /** The threshold in force, or null when nothing is withheld. */
    Integer threshold() {
        return threshold;
    }

    Count count(long value) {
        return threshold != null && value < threshold ? Count.SUPPRESSED : Count.of(value);
    }

    /**
     * Which cells of a breakdown whose total is published are withheld: those below the threshold,
     * and when that is a single cell, also the smallest other one, since the total minus the shown
     * cells would give it away.
     */
    boolean[] suppressedCells(List<Long> cells) {
        boolean[] suppressed = new boolean[cells.size()];
        if (threshold == null) {
            return suppressed;
        }
        IntStream.range(0, cells.size()).forEach(i -> suppressed[i] = cells.get(i) < threshold);
        if (IntStream.range(0, cells.size()).filter(i -> suppressed[i]).count() == 1) {
            IntStream.range(0, cells.size()).filter(i -> !suppressed[i])
                    .boxed().min(Comparator.comparing(cells::get))
                    .ifPresent(i -> suppressed[i] = true);
        }
        return suppressed;
    }

    /** The cells as counts, withheld as {@link #suppressedCells} decides. */
    List<Count> cells(List<Long> cells) {
        boolean[] suppressed = suppressedCells(cells);
        List<Count> counts = new ArrayList<>(cells.size());
        for (int i = 0; i < cells.size(); i++) {
            counts.add(suppressed[i] ? Count.SUPPRESSED : Count.of(cells.get(i)));
        }
        return counts;
    }
}
