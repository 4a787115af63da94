package id.terpadu.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the demo data generator makes: the households of one regency, how many, and the seed that
 * fixes every drawn value. The defaults are Bangli's 2017 verification round.
 *
 * @param regency    the regency whose villages get the households, {@code 51.06}
 * @param households how many households, 1 to 1,000,000; the members follow at Bangli's ratio
 * @param seed       the seed: the same seed and number of households give the same data
 */
@ConfigurationProperties("terpadu.demo")
public record DemoDataProperties(
        @DefaultValue("51.06") String regency,
        @DefaultValue("8995") int households,
        @DefaultValue("2017") long seed) {

    /** Bangli's 2017 round: 8,995 households with 32,418 persons. */
    public static final DemoDataProperties BANGLI_2017 = new DemoDataProperties("51.06", 8_995, 2017);

    /** Households in Bangli's 2017 round. */
    static final int BANGLI_HOUSEHOLDS = 8_995;
    /** Persons in Bangli's 2017 round. */
    static final int BANGLI_PERSONS = 32_418;
    /** The scale the serial scheme is checked for (about 3.6 million persons in one regency). */
    static final int MAX_HOUSEHOLDS = 1_000_000;

    public DemoDataProperties {
        if (households < 1 || households > MAX_HOUSEHOLDS) {
            throw new IllegalArgumentException("terpadu.demo.households must be between 1 and " + MAX_HOUSEHOLDS
                    + ", not " + households);
        }
    }

    public DemoDataProperties withHouseholds(int households) {
        return new DemoDataProperties(regency, households, seed);
    }

    public DemoDataProperties withSeed(long seed) {
        return new DemoDataProperties(regency, households, seed);
    }

    /**
     * How many members the households have: Bangli's 2017 ratio (32,418 / 8,995, about 3.6 a
     * household), rounded, so the default scale gives exactly 32,418.
     */
    public int members() {
        return (int) ((2L * households * BANGLI_PERSONS + BANGLI_HOUSEHOLDS) / (2L * BANGLI_HOUSEHOLDS));
    }
}
