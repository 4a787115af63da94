package id.terpadu.demo;

import id.terpadu.db.codes.BenefitStatus;
import id.terpadu.db.codes.Clusters;
import id.terpadu.db.codes.FloorMaterial;
import id.terpadu.db.codes.HouseholdStatus;
import id.terpadu.db.codes.JknSegment;
import id.terpadu.db.codes.Lighting;
import id.terpadu.db.codes.PovertyIndicator;
import id.terpadu.db.codes.Programmes;
import id.terpadu.db.codes.Relationship;
import id.terpadu.db.codes.RoofMaterial;
import id.terpadu.db.codes.RtlhStatus;
import id.terpadu.db.codes.SchoolLevel;
import id.terpadu.db.codes.SchoolStatus;
import id.terpadu.db.codes.Sex;
import id.terpadu.db.codes.Toilet;
import id.terpadu.db.codes.WallMaterial;
import id.terpadu.db.codes.WaterSource;
import id.terpadu.demo.Names.Lineage;
import id.terpadu.demo.PlannedHousehold.Benefit;
import id.terpadu.demo.PlannedHousehold.Education;
import id.terpadu.demo.PlannedHousehold.Health;
import id.terpadu.demo.PlannedHousehold.Housing;
import id.terpadu.demo.PlannedHousehold.Member;
import id.terpadu.demo.PlannedHousehold.Social;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Decides the households of a regency one after another, village by village: who lives in them,
 * their NIK and KK, and what each agency records about them. Every value comes from one seeded
 * random sequence consumed in a fixed order, and every date is relative to {@link #REFERENCE_DATE},
 * so the same seed and scale give the same households on any machine, on any day. Only a byte
 * per household and the serial counters are kept; households are handed out as they are made.
 */
final class HouseholdPlanner implements Iterator<PlannedHousehold> {

    /** The day the demo data describes: ages, JKN dates and benefit periods are relative to it. */
    static final LocalDate REFERENCE_DATE = LocalDate.of(2025, 7, 1);
    /** The DTSEN quarter of the reference date. */
    static final String QUARTER = quarter(REFERENCE_DATE);
    /** The UPT-PK demo user, who verified the demo's locally surveyed poor. */
    private static final String VERIFIER = "uptpk";
    private static final String PREVIOUS_QUARTER = quarter(REFERENCE_DATE.minusMonths(3));

    /** JKN began on 1 January 2014. */
    private static final LocalDate JKN_START = LocalDate.of(2014, 1, 1);
    /** The earliest family card still in use. */
    private static final LocalDate FIRST_KK = LocalDate.of(2006, 1, 1);
    private static final LocalDate LAST_DAY = REFERENCE_DATE.minusDays(1);

    /** DTSEN deciles 1 to 10 of the households on a poverty list: mostly the poorest. */
    private static final int[] DECILE_WEIGHTS = {22, 20, 16, 12, 9, 7, 5, 4, 3, 2};
    private static final int NOT_ON_DTSEN_PERCENT = 10;

    private static final String[] BANJARS = {
            "Kaja", "Kelod", "Kangin", "Kauh", "Tengah", "Anyar", "Pasek", "Dalem", "Sari", "Bukit", "Tegal",
            "Peken", "Pande", "Gede", "Kawan", "Kelodan", "Pura", "Penataran", "Dukuh", "Tiying Gading"};

    private static final JknSegment[] SEGMENTS_POOR = {JknSegment.PBI_APBN, JknSegment.PBI_APBD, JknSegment.PBPU,
            JknSegment.NONE};
    private static final int[] SEGMENT_WEIGHTS_POOR = {70, 15, 5, 10};
    private static final JknSegment[] SEGMENTS_NEAR_POOR = {JknSegment.PBI_APBD, JknSegment.PBPU, JknSegment.PPU,
            JknSegment.NONE};
    private static final int[] SEGMENT_WEIGHTS_NEAR_POOR = {20, 30, 15, 35};
    private static final JknSegment[] SEGMENTS_BETTER_OFF = {JknSegment.PPU, JknSegment.PBPU, JknSegment.NONE};
    private static final int[] SEGMENT_WEIGHTS_BETTER_OFF = {35, 35, 30};

    /** Yearly PBI premium: Rp 42,000 a month. */
    private static final BigDecimal PBI_PREMIUM = rupiah(504_000);
    /** Yearly Sembako: Rp 200,000 a month. */
    private static final BigDecimal BPNT_AMOUNT = rupiah(2_400_000);
    /** Yearly BLT-DD: Rp 300,000 a month. */
    private static final BigDecimal BLT_DD_AMOUNT = rupiah(3_600_000);
    /** BSPS house renovation, in 2025 rupiah. */
    private static final BigDecimal RTLH_AMOUNT = rupiah(20_000_000);
    /** Six-character KIP numbers: 36⁶ of them. */
    private static final long KIP_NUMBERS = 2_176_782_336L;

    private final List<Village> villages;
    private final int[] householdsPerVillage;
    private final byte[] sizes;
    private final List<String> districts;
    private final SplittableRandom random;
    private final IdentitySerials serials;
    private final long jknOffset;
    private final long kipOffset;

    private int nextHousehold;
    private int village = -1;
    private int leftInVillage;
    private List<String> banjars = List.of();
    private long insuredCount;
    private long pipCount;

    /** A village and its district's six digits, the prefix of the NIK and KK numbers issued there. */
    record Village(String code, String district) {

        static Village of(String code) {
            return new Village(code, code.substring(0, 8).replace(".", ""));
        }
    }

    HouseholdPlanner(List<Village> villages, int households, int members, long seed) {
        this(villages, households, members, seed, new IdentitySerials());
    }

    /** A planner issuing its NIK and KK numbers from {@code serials}, shared with another planner of the same regency. */
    HouseholdPlanner(List<Village> villages, int households, int members, long seed, IdentitySerials serials) {
        this.serials = serials;
        if (villages.isEmpty()) {
            throw new IllegalArgumentException("No villages to spread the households over");
        }
        this.villages = List.copyOf(villages);
        this.districts = villages.stream().map(Village::district).distinct().toList();
        SplittableRandom master = new SplittableRandom(seed);
        this.sizes = HouseholdSizes.draw(households, members, master.split());
        this.householdsPerVillage = spread(households, villages.size(), master.split());
        this.random = master.split();
        this.jknOffset = random.nextLong(1_000_000_000L);
        this.kipOffset = random.nextLong(KIP_NUMBERS);
    }

    @Override
    public boolean hasNext() {
        return nextHousehold < sizes.length;
    }

    @Override
    public PlannedHousehold next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        while (leftInVillage == 0) {
            enterVillage(++village);
        }
        leftInVillage--;
        return household(villages.get(village), sizes[nextHousehold++]);
    }

    /** Households per village: villages differ in size, by up to three to one. */
    private static int[] spread(int households, int villageCount, SplittableRandom random) {
        double[] weights = new double[villageCount];
        double total = 0;
        for (int i = 0; i < villageCount; i++) {
            weights[i] = 0.5 + random.nextDouble();
            total += weights[i];
        }
        int[] counts = new int[villageCount];
        double[] remainders = new double[villageCount];
        int assigned = 0;
        for (int i = 0; i < villageCount; i++) {
            double share = households * weights[i] / total;
            counts[i] = (int) share;
            remainders[i] = share - counts[i];
            assigned += counts[i];
        }
        // largest remainders first, lower index on ties: the counts add up exactly
        while (assigned < households) {
            int best = 0;
            for (int i = 1; i < villageCount; i++) {
                if (remainders[i] > remainders[best]) {
                    best = i;
                }
            }
            counts[best]++;
            remainders[best] = -1;
            assigned++;
        }
        return counts;
    }

    private void enterVillage(int index) {
        leftInVillage = householdsPerVillage[index];
        List<String> names = new ArrayList<>(List.of(BANJARS));
        Collections.shuffle(names, random);
        banjars = names.subList(0, 3 + random.nextInt(6));
    }

    private PlannedHousehold household(Village village, int size) {
        Lineage lineage = Lineage.draw(random);
        List<Person> people = compose(size, lineage);

        Short decile = random.nextInt(100) < NOT_ON_DTSEN_PERCENT ? null : (short) (1 + weighted(DECILE_WEIGHTS));
        // how poor the household really is, 0 to 1: drives the house, insurance, schooling and aid. The
        // register errs both ways, and those it missed are mostly poor: the local survey finds them
        double poverty = decile == null
                ? 0.5 + 0.45 * random.nextDouble()
                : Math.clamp((10 - decile) / 9.0 + 0.15 * roughlyNormal(), 0, 1);

        // a family card is reissued at every birth, so the current one is younger than every member
        LocalDate youngest = FIRST_KK.minusDays(1);
        List<Member> members = new ArrayList<>(size);
        boolean anyoneInsured = false;
        List<BigDecimal> pkhAmounts = new ArrayList<>();
        for (Person person : people) {
            String district = person.marriedIn() && random.nextInt(100) < 20 ? pick(districts) : village.district();
            IdentitySerials.Issued nik = serials.nik(district, person.female, person.birthDate);
            LocalDate birthDate = nik.date();
            if (birthDate.isAfter(youngest)) {
                youngest = birthDate;
            }
            JknSegment segment = segment(decile, birthDate);
            Health health = random.nextInt(100) < 96 ? health(segment, birthDate) : null;
            Education education = education(birthDate, decile, poverty);
            List<Benefit> benefits = memberBenefits(health, education, birthDate);
            Member member = new Member(nik.number(), Names.name(random, person.lineage, person.female, person.birthOrder),
                    person.female ? Sex.FEMALE : Sex.MALE, birthDate, person.relationship, health, education, benefits);
            members.add(member);
            anyoneInsured |= health != null && health.active();
            // PKH pays for at most four components a family
            pkhComponent(birthDate, education).filter(amount -> pkhAmounts.size() < 4).ifPresent(pkhAmounts::add);
        }

        LocalDate earliestIssue = youngest.isBefore(LAST_DAY) ? youngest.plusDays(1) : LAST_DAY;
        LocalDate issuedOn = earliestIssue.plusDays(random.nextLong(ChronoUnit.DAYS.between(earliestIssue, LAST_DAY) + 1));
        String kk = serials.kk(village.district(), issuedOn).number();

        int banjar = random.nextInt(banjars.size());
        String address = "Banjar " + banjars.get(banjar) + " No. " + (1 + random.nextInt(120));
        String rw = threeDigits(banjar + 1);
        String rt = threeDigits(1 + random.nextInt(4));

        HouseState house = house(poverty, size);
        String[] indicators = indicators(house, size, poverty);
        Social social = social(decile, indicators, !anyoneInsured);
        List<Benefit> benefits = householdBenefits(decile, social, house.facet(), pkhAmounts);
        return new PlannedHousehold(kk, village.code(), address, rt, rw, HouseholdStatus.ACTIVE, List.copyOf(members), social,
                house.facet(), benefits, List.of());
    }

    // --- who lives in the household -------------------------------------------------------------

    /** A person before the NIK and name are issued. */
    private record Person(boolean female, LocalDate birthDate, Relationship relationship, Lineage lineage, int birthOrder) {

        /** Spouses and in-laws often got their NIK in another district before they married in. */
        boolean marriedIn() {
            return relationship == Relationship.SPOUSE || relationship == Relationship.CHILD_IN_LAW
                    || relationship == Relationship.PARENT_IN_LAW;
        }
    }

    /**
     * The members of a household of this size: a head; usually a spouse; children born when their
     * mother was 19 to 44; sometimes a parent of the head; and sometimes three generations, where
     * a married son lives on with his wife and children (Balinese families are patrilocal).
     */
    private List<Person> compose(int size, Lineage lineage) {
        List<Person> people = new ArrayList<>(size);
        boolean femaleHead = random.nextInt(100) < (size == 1 ? 40 : 14);
        if (size == 1) {
            int age = 23 + (int) (62 * Math.sqrt(random.nextDouble()));
            people.add(new Person(femaleHead, bornAtAge(age), Relationship.HEAD, lineage, order()));
            return people;
        }
        int slots = size - 1;
        boolean spouse = !femaleHead && random.nextInt(100) < 94;
        if (spouse) {
            slots--;
        }
        boolean threeGenerations = slots >= 3 && random.nextInt(100) < 30;
        boolean elder = !threeGenerations && slots >= 1 && random.nextInt(100) < 10;
        if (elder) {
            slots--;
        }

        int motherAge;
        int headAge;
        int sonAge = 0;
        int adultChildren = 0;
        int grandchildren = 0;
        if (threeGenerations) {
            adultChildren = slots >= 5 && random.nextInt(100) < 40 ? 2 : 1;
            grandchildren = slots - adultChildren - 1;
            sonAge = 24 + 2 * grandchildren + random.nextInt(10);
            motherAge = sonAge + 20 + random.nextInt(10);
        } else {
            int minimum = 21 + 2 * slots;
            motherAge = minimum + random.nextInt(Math.max(1, 64 - minimum));
        }
        headAge = femaleHead ? motherAge : motherAge + random.nextInt(7);
        LocalDate headBirth = bornAtAge(headAge);
        LocalDate motherBirth = femaleHead ? headBirth : bornAtAge(motherAge);
        people.add(new Person(femaleHead, headBirth, Relationship.HEAD, lineage, order()));
        if (spouse) {
            people.add(new Person(true, motherBirth, Relationship.SPOUSE, Lineage.draw(random), order()));
        }

        if (threeGenerations) {
            LocalDate sonBirth = bornAtAge(sonAge);
            List<LocalDate> adults = new ArrayList<>(List.of(sonBirth));
            List<Boolean> adultFemale = new ArrayList<>(List.of(false));
            if (adultChildren == 2) {
                adults.add(bornAtAge(sonAge - 2 - random.nextInt(5)));
                adultFemale.add(random.nextBoolean());
            }
            for (int i = 0; i < adults.size(); i++) {
                people.add(new Person(adultFemale.get(i), adults.get(i), Relationship.CHILD, lineage, i + 1));
            }
            int daughterInLawAge = Math.max(20 + 2 * grandchildren, sonAge - random.nextInt(6));
            LocalDate daughterInLawBirth = bornAtAge(daughterInLawAge);
            people.add(new Person(true, daughterInLawBirth, Relationship.CHILD_IN_LAW, Lineage.draw(random), order()));
            List<LocalDate> births = births(daughterInLawBirth, daughterInLawAge, grandchildren);
            for (int i = 0; i < births.size(); i++) {
                people.add(new Person(random.nextBoolean(), births.get(i), Relationship.GRANDCHILD, lineage, i + 1));
            }
        } else {
            List<LocalDate> births = births(motherBirth, motherAge, slots);
            for (int i = 0; i < births.size(); i++) {
                people.add(new Person(random.nextBoolean(), births.get(i), Relationship.CHILD, lineage, i + 1));
            }
        }
        if (elder) {
            boolean ownParent = random.nextInt(100) < 70;
            boolean female = random.nextInt(100) < 75;
            int age = Math.min(headAge + 20 + random.nextInt(12), 95 + random.nextInt(3));
            people.add(new Person(female, bornAtAge(age), ownParent ? Relationship.PARENT : Relationship.PARENT_IN_LAW,
                    ownParent && !female ? lineage : Lineage.draw(random), order()));
        }
        return people;
    }

    /** Birth dates of {@code count} children of a parent now this old: born at 19 to 44, 1½ to 4½ years apart. */
    private List<LocalDate> births(LocalDate parentBirth, int parentAge, int count) {
        List<LocalDate> births = new ArrayList<>(count);
        if (count == 0) {
            return births;
        }
        double latest = Math.min(parentAge - 0.1, 44);
        double earliest = Math.min(19, latest - 0.1);
        double[] gaps = new double[count];
        double total = 0;
        for (int i = 1; i < count; i++) {
            gaps[i] = 1.5 + 3 * random.nextDouble();
            total += gaps[i];
        }
        double room = Math.max(0, latest - earliest - total);
        double first = earliest + random.nextDouble() * Math.min(room, 10);
        double squeeze = total == 0 ? 1 : Math.min(1, (latest - first) / total);
        double age = first;
        for (int i = 0; i < count; i++) {
            age += gaps[i] * squeeze;
            LocalDate birth = parentBirth.plusDays((long) (age * 365.25));
            births.add(birth.isAfter(LAST_DAY) ? LAST_DAY : birth);
        }
        return births;
    }

    private LocalDate bornAtAge(int age) {
        return REFERENCE_DATE.minusYears(age).minusDays(1 + random.nextInt(365));
    }

    /** Birth order of an adult whose siblings are not in the household. */
    private int order() {
        return 1 + random.nextInt(4);
    }

    // --- health office: JKN -------------------------------------------------------------------

    private JknSegment segment(Short decile, LocalDate birthDate) {
        if (ChronoUnit.DAYS.between(birthDate, REFERENCE_DATE) < 90) {
            // a newborn is registered with JKN some weeks after the family card
            return JknSegment.NONE;
        }
        if (decile != null && decile <= 5) {
            return SEGMENTS_POOR[weighted(SEGMENT_WEIGHTS_POOR)];
        }
        if (decile == null || decile <= 7) {
            return SEGMENTS_NEAR_POOR[weighted(SEGMENT_WEIGHTS_NEAR_POOR)];
        }
        return SEGMENTS_BETTER_OFF[weighted(SEGMENT_WEIGHTS_BETTER_OFF)];
    }

    private Health health(JknSegment segment, LocalDate birthDate) {
        if (segment == JknSegment.NONE) {
            return new Health(null, JknSegment.NONE, false, null);
        }
        boolean active = switch (segment) {
            case PBPU -> random.nextInt(100) < 80;  // self-payers fall behind on premiums
            case PPU -> random.nextInt(100) < 96;
            default -> true;
        };
        LocalDate from = birthDate.isAfter(JKN_START) ? birthDate : JKN_START;
        LocalDate since = from.plusDays(random.nextLong(ChronoUnit.DAYS.between(from, LAST_DAY) + 1));
        return new Health(jknNumber(insuredCount++), segment, active, since);
    }

    /** 13 digits, unique in a run: the count of insured persons scrambled by a bijection modulo 10⁹. */
    private String jknNumber(long count) {
        long scrambled = Math.floorMod(count * 387_420_489L + jknOffset, 1_000_000_000L);
        return "0001" + String.format("%09d", scrambled);
    }

    // --- education office: school and PIP ------------------------------------------------------

    private Education education(LocalDate birthDate, Short decile, double poverty) {
        int age = Period.between(birthDate, REFERENCE_DATE).getYears();
        if (age < 5 || age > 20 || random.nextInt(100) >= 97) {
            return null;
        }
        if (age <= 6) {
            return age == 6 && random.nextBoolean()
                    ? pupil(SchoolLevel.SD, decile)
                    : new Education(SchoolStatus.NOT_YET_IN_SCHOOL, null, false, null);
        }
        if (random.nextDouble() < 0.005 + 0.01 * poverty) {
            return new Education(SchoolStatus.NEVER_ENROLLED, null, false, null);
        }
        if (age <= 12) {
            return random.nextDouble() < 0.01 + 0.02 * poverty ? dropout(SchoolLevel.SD) : pupil(SchoolLevel.SD, decile);
        }
        if (age <= 15) {
            return random.nextDouble() < 0.03 + 0.08 * poverty
                    ? dropout(random.nextBoolean() ? SchoolLevel.SD : SchoolLevel.SMP)
                    : pupil(SchoolLevel.SMP, decile);
        }
        SchoolLevel upper = random.nextInt(100) < 45 ? SchoolLevel.SMK : SchoolLevel.SMA;
        if (age <= 18) {
            return random.nextDouble() < 0.06 + 0.2 * poverty
                    ? dropout(random.nextInt(100) < 60 ? SchoolLevel.SMP : upper)
                    : pupil(upper, decile);
        }
        double draw = random.nextDouble();
        double higher = 0.05 + 0.25 * (1 - poverty);
        if (draw < higher) {
            return new Education(SchoolStatus.ENROLLED, SchoolLevel.HIGHER, false, null);
        }
        if (draw < higher + 0.6) {
            return new Education(SchoolStatus.GRADUATED, upper, false, null);
        }
        return dropout(random.nextBoolean() ? SchoolLevel.SMP : upper);
    }

    private Education dropout(SchoolLevel level) {
        return new Education(SchoolStatus.DROPPED_OUT, level, false, null);
    }

    /** An enrolled pupil; PIP goes to most pupils of the poorest households and a few of the next. */
    private Education pupil(SchoolLevel level, Short decile) {
        int chance = decile == null ? 10 : decile <= 4 ? 65 : decile <= 6 ? 15 : 0;
        if (random.nextInt(100) >= chance) {
            return new Education(SchoolStatus.ENROLLED, level, false, null);
        }
        long scrambled = Math.floorMod(pipCount++ * 1_000_000_007L + kipOffset, KIP_NUMBERS);
        String kip = Long.toString(scrambled, 36).toUpperCase();
        return new Education(SchoolStatus.ENROLLED, level, true, "0".repeat(6 - kip.length()) + kip);
    }

    // --- member programmes: KIS-PBI and PIP ----------------------------------------------------

    private List<Benefit> memberBenefits(Health health, Education education, LocalDate birthDate) {
        List<Benefit> benefits = new ArrayList<>(2);
        if (health != null && (health.segment() == JknSegment.PBI_APBN || health.segment() == JknSegment.PBI_APBD)) {
            boolean national = health.segment() == JknSegment.PBI_APBN;
            LocalDate earliest = birthDate.isAfter(JKN_START) ? birthDate : JKN_START;
            if (national && health.since().isAfter(LocalDate.of(2016, 1, 1))
                    && earliest.isBefore(health.since().minusDays(1)) && random.nextInt(100) < 8) {
                // first covered by the regency, then taken over by the national budget
                benefits.add(new Benefit(Programmes.KIS_PBI, earliest, health.since().minusDays(1), BenefitStatus.STOPPED,
                        PBI_PREMIUM, "PBI-APBD: premium paid by the regency budget.", "Moved to PBI-APBN."));
            }
            benefits.add(new Benefit(Programmes.KIS_PBI, health.since(), null, BenefitStatus.ACTIVE, PBI_PREMIUM, national
                    ? "PBI-APBN: premium paid by the national budget."
                    : "PBI-APBD: premium paid by the regency budget.", null));
        }
        if (education != null && education.pipRecipient()) {
            LocalDate startsOn = LocalDate.of(REFERENCE_DATE.getYear() - 1 - random.nextInt(3), 7, 15);
            if (startsOn.isBefore(birthDate.plusYears(6))) {
                startsOn = LocalDate.of(REFERENCE_DATE.getYear() - 1, 7, 15);
            }
            benefits.add(new Benefit(Programmes.PIP, startsOn, null, BenefitStatus.ACTIVE, pipAmount(education.schoolLevel()),
                    "Enrolled in " + education.schoolLevel() + " from a poor household (KIP holder).", null));
        }
        return benefits;
    }

    private static BigDecimal pipAmount(SchoolLevel level) {
        return switch (level) {
            case SD -> rupiah(450_000);
            case SMP -> rupiah(750_000);
            default -> rupiah(1_800_000);
        };
    }

    /** PKH pays per component: young children, pupils, and the elderly. */
    private static Optional<BigDecimal> pkhComponent(LocalDate birthDate, Education education) {
        int age = Period.between(birthDate, REFERENCE_DATE).getYears();
        if (age <= 6 && (education == null || education.schoolStatus() != SchoolStatus.ENROLLED)) {
            return Optional.of(rupiah(3_000_000));
        }
        if (education != null && education.schoolStatus() == SchoolStatus.ENROLLED && education.schoolLevel() != null) {
            return switch (education.schoolLevel()) {
                case SD -> Optional.of(rupiah(900_000));
                case SMP -> Optional.of(rupiah(1_500_000));
                case SMA, SMK -> Optional.of(rupiah(2_000_000));
                default -> Optional.empty();
            };
        }
        return age >= 70 ? Optional.of(rupiah(2_400_000)) : Optional.empty();
    }

    // --- housing office: the house and RTLH ----------------------------------------------------

    private static final FloorMaterial[] POOR_FLOORS = {FloorMaterial.EARTH, FloorMaterial.BAMBOO,
            FloorMaterial.CHEAP_WOOD};
    private static final int[] POOR_FLOOR_WEIGHTS = {50, 15, 35};
    private static final FloorMaterial[] FLOORS = {FloorMaterial.CEMENT, FloorMaterial.TILE, FloorMaterial.CERAMIC};
    private static final int[] FLOOR_WEIGHTS = {55, 25, 20};
    private static final WallMaterial[] POOR_WALLS = {WallMaterial.BAMBOO, WallMaterial.THATCH, WallMaterial.CHEAP_WOOD,
            WallMaterial.UNPLASTERED_BRICK};
    private static final int[] POOR_WALL_WEIGHTS = {35, 5, 20, 40};
    private static final WallMaterial[] WALLS = {WallMaterial.PLASTERED_BRICK, WallMaterial.WOOD};
    private static final int[] WALL_WEIGHTS = {85, 15};
    private static final RoofMaterial[] POOR_ROOFS = {RoofMaterial.THATCH, RoofMaterial.ZINC, RoofMaterial.ASBESTOS};
    private static final int[] POOR_ROOF_WEIGHTS = {15, 45, 40};
    private static final RoofMaterial[] ROOFS = {RoofMaterial.CLAY_TILE, RoofMaterial.ZINC, RoofMaterial.ASBESTOS,
            RoofMaterial.CONCRETE};
    private static final int[] ROOF_WEIGHTS = {55, 20, 15, 10};
    private static final WaterSource[] UNSAFE_WATERS = {WaterSource.UNPROTECTED_WELL, WaterSource.UNPROTECTED_SPRING,
            WaterSource.RIVER, WaterSource.RAIN};
    private static final int[] UNSAFE_WATER_WEIGHTS = {25, 45, 15, 15};
    private static final WaterSource[] WATERS = {WaterSource.PROTECTED_WELL, WaterSource.PROTECTED_SPRING,
            WaterSource.PIPED, WaterSource.BOTTLED};
    private static final int[] WATER_WEIGHTS = {20, 25, 45, 10};

    /** The housing facet and the house's shortcomings, which also feed the BPS criteria. */
    private record HouseState(Housing facet, boolean poorFloor, boolean poorWall, boolean unsafeWater) {
    }

    private HouseState house(double poverty, int size) {
        boolean poorFloor = random.nextDouble() < 0.6 * poverty;
        boolean poorWall = random.nextDouble() < 0.5 * poverty;
        boolean poorRoof = random.nextDouble() < 0.4 * poverty;
        FloorMaterial floor = poorFloor ? POOR_FLOORS[weighted(POOR_FLOOR_WEIGHTS)] : FLOORS[weighted(FLOOR_WEIGHTS)];
        WallMaterial wall = poorWall ? POOR_WALLS[weighted(POOR_WALL_WEIGHTS)] : WALLS[weighted(WALL_WEIGHTS)];
        RoofMaterial roof = poorRoof ? POOR_ROOFS[weighted(POOR_ROOF_WEIGHTS)] : ROOFS[weighted(ROOF_WEIGHTS)];
        Toilet toilet = random.nextDouble() < 0.45 * poverty
                ? (random.nextInt(100) < 35 ? Toilet.NONE : Toilet.SHARED) : Toilet.PRIVATE;
        boolean unsafeWater = random.nextDouble() < 0.35 * poverty;
        WaterSource water = unsafeWater ? UNSAFE_WATERS[weighted(UNSAFE_WATER_WEIGHTS)] : WATERS[weighted(WATER_WEIGHTS)];
        double light = random.nextDouble();
        Lighting lighting = light < 0.04 * poverty ? (random.nextBoolean() ? Lighting.NONE : Lighting.NON_ELECTRIC)
                : light < 0.3 * poverty ? Lighting.ELECTRIC_SHARED : Lighting.ELECTRIC_METERED;
        BigDecimal area = BigDecimal.valueOf(size * (5 + 9 * (1 - poverty) + 6 * random.nextDouble()))
                .setScale(2, RoundingMode.HALF_UP);

        RtlhStatus rtlh;
        Short renovationYear = null;
        int shortcomings = (poorFloor ? 1 : 0) + (poorWall ? 1 : 0) + (poorRoof ? 1 : 0);
        if (poverty >= 0.5 && random.nextInt(100) < 8) {
            // renovated by bedah rumah: cement floor, plastered walls, a sound roof
            rtlh = RtlhStatus.RENOVATED;
            renovationYear = (short) (2012 + random.nextInt(REFERENCE_DATE.getYear() - 2012));
            poorFloor = false;
            poorWall = false;
            floor = FloorMaterial.CEMENT;
            wall = WallMaterial.PLASTERED_BRICK;
            roof = random.nextBoolean() ? RoofMaterial.ZINC : RoofMaterial.ASBESTOS;
        } else if (shortcomings >= 2) {
            rtlh = random.nextInt(100) < 90 ? RtlhStatus.UNFIT : RtlhStatus.NOT_ASSESSED;
        } else {
            rtlh = random.nextInt(100) < 15 ? RtlhStatus.NOT_ASSESSED : RtlhStatus.FIT;
        }
        return new HouseState(new Housing(floor, wall, roof, toilet, water, lighting, area, rtlh, renovationYear),
                poorFloor, poorWall, unsafeWater);
    }

    // --- social office: BPS criteria, decile and cluster ---------------------------------------

    private String[] indicators(HouseState house, int size, double poverty) {
        Housing facet = house.facet();
        List<PovertyIndicator> met = new ArrayList<>(14);
        double otherCriterion = 0.05 + 0.9 * poverty;
        if (facet.floorAreaM2().doubleValue() / size < 8) {
            met.add(PovertyIndicator.SMALL_FLOOR_AREA);
        }
        if (house.poorFloor()) {
            met.add(PovertyIndicator.EARTH_FLOOR);
        }
        if (house.poorWall()) {
            met.add(PovertyIndicator.POOR_WALL);
        }
        if (facet.toilet() != Toilet.PRIVATE) {
            met.add(PovertyIndicator.NO_PRIVATE_TOILET);
        }
        if (facet.lighting() == Lighting.NONE || facet.lighting() == Lighting.NON_ELECTRIC) {
            met.add(PovertyIndicator.NO_ELECTRICITY);
        }
        if (house.unsafeWater()) {
            met.add(PovertyIndicator.UNSAFE_WATER);
        }
        for (PovertyIndicator criterion : new PovertyIndicator[] {PovertyIndicator.SOLID_COOKING_FUEL,
                PovertyIndicator.MEAT_AT_MOST_WEEKLY, PovertyIndicator.ONE_SET_OF_CLOTHES_A_YEAR,
                PovertyIndicator.ONE_OR_TWO_MEALS_A_DAY, PovertyIndicator.CANNOT_PAY_CLINIC, PovertyIndicator.LOW_INCOME_HEAD,
                PovertyIndicator.LOW_SCHOOLING_HEAD, PovertyIndicator.NO_SAVINGS}) {
            if (random.nextDouble() < otherCriterion) {
                met.add(criterion);
            }
        }
        // the column holds the criteria as text
        return met.stream().map(PovertyIndicator::name).toArray(String[]::new);
    }

    /**
     * Sragen's clusters by the list a household is on: Melati for the national register's poorest
     * deciles, Menur for the locally surveyed poor (nine or more BPS criteria, verified by
     * UPT-PK), Kenanga for the not-poor without any JKN cover; the rest have no cluster. Households
     * meeting six or more criteria are on the local survey list, so some are surveyed but unverified.
     */
    private Social social(Short decile, String[] indicators, boolean uninsured) {
        int criteria = indicators.length;
        String quarter = decile == null ? null : random.nextInt(100) < 10 ? PREVIOUS_QUARTER : QUARTER;
        String cluster = null;
        String reason = null;
        if (decile != null && decile <= 4) {
            cluster = Clusters.MELATI;
            reason = "On DTSEN in decile " + decile + " (" + quarter + ").";
        } else if ((decile == null || decile <= 7) && criteria >= 9) {
            cluster = Clusters.MENUR;
            reason = "Local survey: meets " + criteria + " of the 14 BPS criteria; verified by UPT-PK.";
        } else if (uninsured) {
            cluster = Clusters.KENANGA;
            reason = "Not on a poverty list and without JKN cover.";
        }
        // the local survey lists households meeting six or more criteria; UPT-PK verified the Menur ones
        boolean onLocalSurvey = criteria >= 6;
        LocalDate verifiedOn = Clusters.MENUR.equals(cluster) ? REFERENCE_DATE.minusWeeks(2L + criteria) : null;
        return new Social(cluster, reason, decile, quarter, indicators, onLocalSurvey, verifiedOn,
                verifiedOn == null ? null : VERIFIER);
    }

    // --- household programmes: PKH, BPNT, BLT-DD, RTLH -----------------------------------------

    /**
     * PKH for the poorest four deciles with a component, Sembako for the poorest five; BLT-DD only
     * for families with neither; RTLH for unfit houses that never had house-repair aid. At most
     * one enrolment per programme, so periods cannot overlap.
     */
    private List<Benefit> householdBenefits(Short decile, Social social, Housing house, List<BigDecimal> pkhAmounts) {
        List<Benefit> benefits = new ArrayList<>(3);
        boolean socialAid = false;
        if (decile != null && decile <= 4 && !pkhAmounts.isEmpty()) {
            BigDecimal amount = pkhAmounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            String reason = "DTSEN decile " + decile + "; " + pkhAmounts.size() + " PKH component"
                    + (pkhAmounts.size() == 1 ? "." : "s.");
            int draw = random.nextInt(100);
            if (draw < 75) {
                benefits.add(new Benefit(Programmes.PKH, quarterStart(2015, REFERENCE_DATE.getYear()), null,
                        BenefitStatus.ACTIVE, amount, reason, null));
                socialAid = true;
            } else if (draw < 85) {
                LocalDate startsOn = quarterStart(2015, 2020);
                LocalDate endsOn = quarterStart(2021, REFERENCE_DATE.getYear() - 1).plusMonths(3).minusDays(1);
                benefits.add(new Benefit(Programmes.PKH, startsOn, endsOn, BenefitStatus.STOPPED, amount, reason,
                        "Graduated from PKH (graduasi sejahtera mandiri)."));
                socialAid = true;
            }
        }
        if (decile != null && decile <= 5 && random.nextInt(100) < 80) {
            LocalDate startsOn = LocalDate.of(2018, 1, 1).plusMonths(random.nextInt(
                    (REFERENCE_DATE.getYear() - 2018) * 12 + REFERENCE_DATE.getMonthValue() - 1));
            benefits.add(new Benefit(Programmes.BPNT, startsOn, null, BenefitStatus.ACTIVE, BPNT_AMOUNT,
                    "Sembako for DTSEN decile " + decile + ".", null));
            socialAid = true;
        }
        boolean poor = decile == null ? Clusters.MENUR.equals(social.cluster()) : decile <= 6;
        if (!socialAid && poor && random.nextInt(100) < 45) {
            LocalDate startsOn = LocalDate.of(REFERENCE_DATE.getYear() - 1, 1, 1).plusMonths(random.nextInt(16));
            benefits.add(new Benefit(Programmes.BLT_DD, startsOn, null, BenefitStatus.ACTIVE, BLT_DD_AMOUNT,
                    "Chosen by the village deliberation (musdes): poor family without PKH or BPNT.", null));
        }
        if (house.rtlhStatus() == RtlhStatus.RENOVATED) {
            int year = house.renovationYear();
            BigDecimal amount = year <= 2018 ? rupiah(15_000_000) : year <= 2022 ? rupiah(17_500_000) : RTLH_AMOUNT;
            benefits.add(new Benefit(Programmes.RTLH, LocalDate.of(year, 5, 1), LocalDate.of(year, 10, 31),
                    BenefitStatus.STOPPED, amount, "Bedah rumah (BSPS) for an unfit house.", "Renovation completed."));
        } else if (house.rtlhStatus() == RtlhStatus.UNFIT && (decile == null || decile <= 6)) {
            int draw = random.nextInt(100);
            if (draw < 15) {
                benefits.add(new Benefit(Programmes.RTLH, REFERENCE_DATE.plusMonths(1),
                        LocalDate.of(REFERENCE_DATE.getYear(), 12, 31), BenefitStatus.APPROVED, RTLH_AMOUNT,
                        "Unfit house assessed by Perkim; in this year's BSPS quota.", null));
            } else if (draw < 35) {
                benefits.add(new Benefit(Programmes.RTLH, LocalDate.of(REFERENCE_DATE.getYear() + 1, 1, 1),
                        LocalDate.of(REFERENCE_DATE.getYear() + 1, 12, 31), BenefitStatus.PROPOSED, RTLH_AMOUNT,
                        "Unfit house assessed by Perkim; proposed for next year's BSPS.", null));
            }
        }
        return benefits;
    }

    /** The first day of a random quarter from {@code fromYear} to before the reference date's quarter. */
    private LocalDate quarterStart(int fromYear, int toYear) {
        LocalDate last = LocalDate.of(REFERENCE_DATE.getYear(), (REFERENCE_DATE.getMonthValue() - 1) / 3 * 3 + 1, 1)
                .minusMonths(3);
        LocalDate to = LocalDate.of(toYear, 10, 1);
        if (to.isAfter(last)) {
            to = last;
        }
        int quarters = (int) (ChronoUnit.MONTHS.between(LocalDate.of(fromYear, 1, 1), to) / 3) + 1;
        return LocalDate.of(fromYear, 1, 1).plusMonths(3L * random.nextInt(quarters));
    }

    // --- helpers --------------------------------------------------------------------------------

    /** An index drawn with these relative weights. */
    private int weighted(int[] weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int pick = random.nextInt(total);
        int index = 0;
        while (pick >= weights[index]) {
            pick -= weights[index];
            index++;
        }
        return index;
    }

    /** Mean 0, standard deviation 1, within ±3: the sum of three uniform draws, scaled. */
    private double roughlyNormal() {
        return 2 * (random.nextDouble() + random.nextDouble() + random.nextDouble() - 1.5);
    }

    private String pick(List<String> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static String quarter(LocalDate day) {
        return day.getYear() + "Q" + ((day.getMonthValue() - 1) / 3 + 1);
    }

    private static String threeDigits(int value) {
        return String.format("%03d", value);
    }

    private static BigDecimal rupiah(long amount) {
        return BigDecimal.valueOf(amount).setScale(2);
    }
}
