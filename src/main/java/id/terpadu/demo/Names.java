package id.terpadu.demo;

import java.util.SplittableRandom;

/**
 * Plausible names for people in Bali. Most Balinese names are a sex marker (I, Ni), a birth-order
 * name (Wayan or Putu for the first child, Made for the second, Nyoman for the third, Ketut for
 * the fourth, then round again) and one or two given names; a few families carry a caste title
 * instead of I or Ni. Some households are from elsewhere in Indonesia.
 */
final class Names {

    /** How a family's names are formed; a father passes it to his children. */
    enum Lineage {
        COMMON("I", "Ni"),
        IDA("Ida Bagus", "Ida Ayu"),
        GUSTI("I Gusti Ngurah", "I Gusti Ayu"),
        AGUNG("Anak Agung Gede", "Anak Agung Ayu"),
        DEWA("Dewa", "Desak"),
        INDONESIAN(null, null);

        private final String male;
        private final String female;

        Lineage(String male, String female) {
            this.male = male;
            this.female = female;
        }

        /** Most families are commoners; about one in ten carries a title, and a few came from elsewhere. */
        static Lineage draw(SplittableRandom random) {
            int pick = random.nextInt(100);
            if (pick < 85) {
                return COMMON;
            }
            if (pick < 88) {
                return IDA;
            }
            if (pick < 91) {
                return GUSTI;
            }
            if (pick < 93) {
                return AGUNG;
            }
            if (pick < 96) {
                return DEWA;
            }
            return INDONESIAN;
        }
    }

    private static final String[][] MALE_ORDER = {
            {"Wayan", "Putu", "Gede"}, {"Made", "Kadek", "Nengah"}, {"Nyoman", "Komang"}, {"Ketut"}};
    private static final String[][] FEMALE_ORDER = {
            {"Wayan", "Putu"}, {"Made", "Kadek", "Nengah"}, {"Nyoman", "Komang"}, {"Ketut"}};

    private static final String[] MALE_GIVEN = {
            "Sudarsana", "Suarjana", "Artawan", "Budiarta", "Darmawan", "Sukadana", "Wirawan", "Suparta",
            "Mertayasa", "Ariana", "Adnyana", "Sumerta", "Wiadnyana", "Sukerta", "Suastika", "Subrata", "Arsana",
            "Widiana", "Sutama", "Karyasa", "Suweca", "Wirata", "Sudiarta", "Mahendra", "Pradnyana", "Sedana",
            "Sumadi", "Suardana", "Gunawan", "Dharma", "Astawa", "Antara", "Rai", "Suarta", "Sugiarta", "Wardana",
            "Parwata", "Sadia", "Merta", "Kariasa", "Rena", "Mustika", "Sudana", "Juliarta", "Arimbawa", "Yudiana",
            "Sukarja", "Budiasa", "Eka Putra", "Adi Saputra", "Arya", "Dwipayana", "Sastrawan", "Suyasa"};
    private static final String[] FEMALE_GIVEN = {
            "Sukmawati", "Sariasih", "Ariani", "Suarni", "Sudiarmi", "Kartini", "Mariani", "Sukerti", "Wartini",
            "Suwitri", "Astiti", "Widiasih", "Suciati", "Lestari", "Purnamasari", "Ratih", "Sumiati", "Ardani",
            "Suartini", "Sriasih", "Darmini", "Kusumawati", "Rasmini", "Srinadi", "Sukarni", "Wiryani", "Sutarmi",
            "Muliani", "Suryani", "Ayu Lestari", "Candra Dewi", "Yuliantari", "Agustini", "Sulastri",
            "Widyastuti", "Puspitasari", "Damayanti", "Sudarmi", "Ariastini", "Mertasih", "Sri Wahyuni",
            "Ayu Wulandari", "Dewi Sartika", "Indah Permata", "Sintya Dewi", "Rai Sumerti"};

    private static final String[] INDONESIAN_MALE_FIRST = {
            "Ahmad", "Muhammad", "Budi", "Agus", "Eko", "Hendra", "Joko", "Rudi", "Slamet", "Dedi", "Andi", "Yusuf",
            "Rahmat", "Wahyu", "Bambang", "Arif"};
    private static final String[] INDONESIAN_MALE_LAST = {
            "Santoso", "Setiawan", "Prasetyo", "Gunawan", "Hidayat", "Saputra", "Wibowo", "Kurniawan", "Susanto",
            "Firmansyah", "Nugroho", "Hakim"};
    private static final String[] INDONESIAN_FEMALE_FIRST = {
            "Siti", "Sri", "Dewi", "Nur", "Rina", "Fitri", "Wulan", "Indah", "Ani", "Yuli", "Ratna", "Endang",
            "Lina", "Sari"};
    private static final String[] INDONESIAN_FEMALE_LAST = {
            "Aminah", "Wahyuni", "Lestari", "Hidayah", "Marlina", "Handayani", "Rahmawati", "Susanti", "Kurniasih",
            "Puspita", "Fitriani", "Safitri"};

    private Names() {
    }

    /** A full name; {@code birthOrder} counts from 1 among the person's siblings. */
    static String name(SplittableRandom random, Lineage lineage, boolean female, int birthOrder) {
        if (lineage == Lineage.INDONESIAN) {
            return female
                    ? pick(random, INDONESIAN_FEMALE_FIRST) + " " + pick(random, INDONESIAN_FEMALE_LAST)
                    : pick(random, INDONESIAN_MALE_FIRST) + " " + pick(random, INDONESIAN_MALE_LAST);
        }
        StringBuilder name = new StringBuilder(female ? lineage.female : lineage.male);
        int variant = random.nextInt(10);
        if (female && lineage == Lineage.COMMON && variant < 3) {
            // Ni Luh: "girl", with or without the birth-order name
            name.append(" Luh");
        }
        // titled names, and some Ni Luh, leave out the birth-order name
        boolean titled = lineage != Lineage.COMMON && lineage != Lineage.DEWA;
        if (titled ? variant < 5 : !(female && variant == 0)) {
            String[][] orders = female ? FEMALE_ORDER : MALE_ORDER;
            name.append(' ').append(pick(random, orders[(birthOrder - 1) % orders.length]));
        }
        String[] given = female ? FEMALE_GIVEN : MALE_GIVEN;
        name.append(' ').append(pick(random, given));
        return name.toString();
    }

    private static String pick(SplittableRandom random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
