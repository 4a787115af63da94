package id.terpadu.crosswalk;

import id.terpadu.region.RegionCode;
import id.terpadu.region.RegionRepository;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Village codes as files write them, read in either code system: the Kemendagri code the hub uses
 * ({@code 51.06.01.2001}, or {@code 5106012001} without dots) or the BPS code of the statistics
 * office ({@code 5106010001}, or {@code 51.06.010.001}), which the loaded crosswalk translates.
 * Which system a value is in follows from its shape:
 * <ul>
 * <li>dots after 2, 4 and 6 digits and four digits at the end: Kemendagri;</li>
 * <li>dots after 2, 4 and 7 digits and three digits at the end: BPS;</li>
 * <li>ten digits whose seventh is 0 or 4 to 9: BPS, since a Kemendagri village number begins with
 * 1 (kelurahan), 2 (desa) or 3 (desa adat);</li>
 * <li>ten digits whose seventh is 1, 2 or 3: a Kemendagri village when the official codes hold it,
 * else a BPS code of the crosswalk; when it is both, it is refused as ambiguous (write the
 * Kemendagri code with dots).</li>
 * </ul>
 */
@Component
public class RegionCrosswalk {

    private static final Pattern KEMENDAGRI = Pattern.compile("[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}");
    private static final Pattern BPS = Pattern.compile("[0-9]{2}\\.[0-9]{2}\\.[0-9]{3}\\.[0-9]{3}");
    private static final Pattern TEN_DIGITS = Pattern.compile("[0-9]{10}");

    /** The code system a village code is written in, by its shape. */
    public enum CodeSystem {
        /** Kemendagri, the hub's own codes. */
        KEMENDAGRI,
        /** BPS, translated through the crosswalk. */
        BPS,
        /** Ten digits that may be either: the official codes and the crosswalk decide. */
        EITHER,
        /** Not a village code in either system. */
        NONE
    }

    /** A village code read: the Kemendagri code, or why the value names no village. */
    public record Village(String code, String problem) {

        static Village of(String code) {
            return new Village(code, null);
        }

        static Village refused(String problem) {
            return new Village(null, problem);
        }

        public boolean known() {
            return code != null;
        }
    }

    private final RegionRepository regions;
    private final CrosswalkRepository crosswalk;

    RegionCrosswalk(RegionRepository regions, CrosswalkRepository crosswalk) {
        this.regions = regions;
        this.crosswalk = crosswalk;
    }

    /** Which system a value's shape puts it in. */
    public static CodeSystem system(String value) {
        String code = value == null ? "" : value.strip();
        if (KEMENDAGRI.matcher(code).matches()) {
            return CodeSystem.KEMENDAGRI;
        }
        if (BPS.matcher(code).matches()) {
            return CodeSystem.BPS;
        }
        if (TEN_DIGITS.matcher(code).matches()) {
            char seventh = code.charAt(6);
            return seventh >= '1' && seventh <= '3' ? CodeSystem.EITHER : CodeSystem.BPS;
        }
        return CodeSystem.NONE;
    }

    /** The Kemendagri village a code names, in whichever system it is written; or why it names none. */
    public Village village(String value) {
        String code = value == null ? "" : value.strip();
        return switch (system(code)) {
            case KEMENDAGRI -> regions.isVillage(code) ? Village.of(code)
                    : Village.refused("No village has the Kemendagri code '" + code + "'.");
            case BPS -> translated(code.replace(".", ""))
                    .map(Village::of)
                    .orElseGet(() -> Village.refused(unknownBps(code.replace(".", ""))));
            case EITHER -> either(code);
            case NONE -> Village.refused("'" + code + "' is not a village code: write the Kemendagri code (51.06.01.2001 or "
                    + "5106012001) or the BPS code (5106010001).");
        };
    }

    private Village either(String code) {
        String dotted = RegionCode.normalise(code).orElseThrow();
        boolean kemendagri = regions.isVillage(dotted);
        Optional<String> bps = translated(code);
        if (kemendagri && bps.isPresent()) {
            return Village.refused("'" + code + "' is both the Kemendagri code of the village " + dotted
                    + " and, in the region crosswalk, the BPS code of the village " + bps.get()
                    + ": write the Kemendagri code with dots (" + dotted + " or " + bps.get() + ").");
        }
        if (kemendagri) {
            return Village.of(dotted);
        }
        return bps.map(Village::of).orElseGet(() -> Village.refused("No village has the code '" + code
                + "': it is no Kemendagri village code, nor a BPS code the region crosswalk knows; load the crosswalk's line "
                + "(kind REGION_CROSSWALK) or write the Kemendagri code, like 51.06.01.2001."));
    }

    private Optional<String> translated(String bpsCode) {
        return crosswalk.find(bpsCode).map(entry -> entry.getRegionCode());
    }

    private static String unknownBps(String bpsCode) {
        return "The BPS village code " + bpsCode + " is not in the region crosswalk: load its line (kind REGION_CROSSWALK) "
                + "or write the village's Kemendagri code, like 51.06.01.2001.";
    }
}
