package id.terpadu.register;

import id.terpadu.db.codes.Relationship;
import id.terpadu.db.codes.Sex;
import id.terpadu.imports.Cells;
import id.terpadu.imports.ImportRow;

import java.util.Locale;
import java.util.Map;

/**
 * The words a regency's register writes for a person's sex and place in the family, beside the
 * hub's codes: L and P, kepala keluarga, istri, anak ... Numbers are not read: the civil registry's
 * and the statistics office's SHDK numbers differ.
 */
final class RegisterWords {

    private static final Map<String, Sex> SEXES = Map.ofEntries(
            Map.entry("L", Sex.MALE), Map.entry("LK", Sex.MALE), Map.entry("LAKI_LAKI", Sex.MALE), Map.entry("LAKI", Sex.MALE),
            Map.entry("LAKILAKI", Sex.MALE), Map.entry("PRIA", Sex.MALE), Map.entry("M", Sex.MALE), Map.entry("MALE", Sex.MALE),
            Map.entry("P", Sex.FEMALE), Map.entry("PR", Sex.FEMALE), Map.entry("PEREMPUAN", Sex.FEMALE),
            Map.entry("WANITA", Sex.FEMALE), Map.entry("F", Sex.FEMALE), Map.entry("FEMALE", Sex.FEMALE));

    private static final Map<String, Relationship> RELATIONSHIPS = Map.ofEntries(
            Map.entry("KEPALA_KELUARGA", Relationship.HEAD), Map.entry("KEPALA", Relationship.HEAD),
            Map.entry("KEPALA_RUMAH_TANGGA", Relationship.HEAD), Map.entry("KRT", Relationship.HEAD),
            Map.entry("ISTRI", Relationship.SPOUSE), Map.entry("ISTERI", Relationship.SPOUSE), Map.entry("SUAMI", Relationship.SPOUSE),
            Map.entry("SUAMI_ISTRI", Relationship.SPOUSE), Map.entry("PASANGAN", Relationship.SPOUSE),
            Map.entry("ANAK", Relationship.CHILD), Map.entry("ANAK_KANDUNG", Relationship.CHILD),
            Map.entry("ANAK_ANGKAT", Relationship.CHILD), Map.entry("ANAK_TIRI", Relationship.CHILD),
            Map.entry("MENANTU", Relationship.CHILD_IN_LAW), Map.entry("CUCU", Relationship.GRANDCHILD),
            Map.entry("ORANG_TUA", Relationship.PARENT), Map.entry("ORANGTUA", Relationship.PARENT),
            Map.entry("AYAH", Relationship.PARENT), Map.entry("IBU", Relationship.PARENT),
            Map.entry("MERTUA", Relationship.PARENT_IN_LAW),
            Map.entry("FAMILI_LAIN", Relationship.OTHER_RELATIVE), Map.entry("FAMILI", Relationship.OTHER_RELATIVE),
            Map.entry("SAUDARA", Relationship.OTHER_RELATIVE), Map.entry("KERABAT", Relationship.OTHER_RELATIVE),
            Map.entry("PEMBANTU", Relationship.HOUSEHOLD_HELP), Map.entry("PEMBANTU_RUMAH_TANGGA", Relationship.HOUSEHOLD_HELP),
            Map.entry("LAINNYA", Relationship.OTHER), Map.entry("LAIN_LAIN", Relationship.OTHER));

    private RegisterWords() {
    }

    static Sex sex(ImportRow row, String column) {
        String value = Cells.required(row, column);
        Sex sex = SEXES.get(code(value));
        if (sex == null) {
            throw new Cells.Invalid(column, "'" + value + "' is not a sex; write L (laki-laki) or P (perempuan).");
        }
        return sex;
    }

    static Relationship relationship(ImportRow row, String column) {
        String value = Cells.required(row, column);
        String code = code(value);
        Relationship relationship = RELATIONSHIPS.get(code);
        if (relationship != null) {
            return relationship;
        }
        try {
            return Relationship.valueOf(code);
        } catch (IllegalArgumentException e) {
            throw new Cells.Invalid(column, "'" + value + "' is not a relationship in the family; write kepala keluarga, istri, "
                    + "suami, anak, menantu, cucu, orang tua, mertua, famili lain, pembantu or lainnya.");
        }
    }

    private static String code(String value) {
        return value.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s/-]+", "_");
    }
}
