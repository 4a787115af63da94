package id.terpadu.aidrule;

import id.terpadu.db.codes.JknSegment;
import id.terpadu.db.codes.PbiFunding;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The JKN segments of PBI cover, one for each budget that pays a PBI premium. */
final class PbiSegments {

    /** Every PBI segment, whichever budget pays it. */
    static final Set<JknSegment> ALL = Arrays.stream(PbiFunding.values()).map(PbiSegments::of)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(JknSegment.class)));

    private PbiSegments() {
    }

    /** The segment of a person whose premium this budget pays. */
    static JknSegment of(PbiFunding funding) {
        return switch (funding) {
            case APBN -> JknSegment.PBI_APBN;
            case APBD -> JknSegment.PBI_APBD;
        };
    }
}
