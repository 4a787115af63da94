package id.terpadu.crosswalk;

import id.terpadu.region.RegionCode;
import id.terpadu.region.RegionRepository;
import org.springframework.stereotype.Component;

import java.util.regex.Pattern;

/** Checks a line of the crosswalk as given: a BPS village code and the Kemendagri village it stands for. */
@Component
class CrosswalkLines {

    static final String BPS_CODE = "bpsCode";
    static final String REGION_CODE = "regionCode";

    private static final Pattern BPS_VILLAGE = Pattern.compile("[0-9]{10}|[0-9]{2}\\.[0-9]{2}\\.[0-9]{3}\\.[0-9]{3}");

    /** A line that breaks a rule: the part at fault ({@code bpsCode} or {@code regionCode}) and why. */
    static final class Refused extends RuntimeException {

        private final String part;
        private final boolean unknownVillage;

        Refused(String part, String reason) {
            this(part, reason, false);
        }

        Refused(String part, String reason, boolean unknownVillage) {
            super(reason, null, false, false);
            this.part = part;
            this.unknownVillage = unknownVillage;
        }

        String part() {
            return part;
        }

        /** Whether the line is well formed but names a village that does not exist. */
        boolean unknownVillage() {
            return unknownVillage;
        }
    }

    /** A checked line: the BPS code as ten digits, the Kemendagri code with dots. */
    record Line(String bpsCode, String regionCode) {
    }

    private final RegionRepository regions;

    CrosswalkLines(RegionRepository regions) {
        this.regions = regions;
    }

    Line check(String bpsCode, String regionCode) {
        String bps = bpsCode == null ? "" : bpsCode.strip();
        if (!BPS_VILLAGE.matcher(bps).matches()) {
            throw new Refused(BPS_CODE, "A BPS village code has 10 digits (province 2, regency 2, district 3, village 3), "
                    + "like 5106010001.");
        }
        String region = RegionCode.normalise(regionCode).filter(code -> code.length() == 13).orElse(null);
        if (region == null) {
            throw new Refused(REGION_CODE, "A Kemendagri village code has 10 digits, like 51.06.01.2001 or 5106012001.");
        }
        if (!regions.isVillage(region)) {
            throw new Refused(REGION_CODE, "No village has the Kemendagri code '" + regionCode.strip() + "'.", true);
        }
        return new Line(bps.replace(".", ""), region);
    }
}
