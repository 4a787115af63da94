package id.terpadu.register;

import id.terpadu.access.Caller;
import id.terpadu.crosswalk.RegionCrosswalk;
import id.terpadu.db.codes.Relationship;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.error.HubException;
import id.terpadu.error.NotFoundException;
import id.terpadu.household.HouseholdInputs.RegisterHouseholdInput;
import id.terpadu.household.HouseholdService;
import id.terpadu.household.Households;
import id.terpadu.household.Members;
import id.terpadu.household.NewMemberInput;
import id.terpadu.identity.IdentityNumbers;
import id.terpadu.imports.Cells;
import id.terpadu.imports.ImportColumn;
import id.terpadu.imports.ImportKind;
import id.terpadu.imports.ImportLayout;
import id.terpadu.imports.ImportRow;
import id.terpadu.imports.RowOutcome;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static id.terpadu.db.Tables.MEMBER;
import static id.terpadu.db.Tables.MEMBER_MERGE;

/**
 * A regency's initial register as a file, as UPT-PK (or a village, for its own village) takes it
 * over: one row per person, the rows of a family card (one KK) on consecutive lines, each repeating
 * or leaving blank the household's village, address, RT and RW. A household is registered whole
 * with every rule of {@code registerHousehold} (exactly one head, NIKs that agree with sex and
 * birth date, nobody registered twice, a village of the caller's region) in a savepoint, which a
 * dry run undoes; when one of its rows is refused, none of them is registered. The village code may
 * be a BPS code, read through the region crosswalk. A household already registered under its KK is
 * left as it is: its rows are unchanged when the register holds them so, refused otherwise.
 */
@Component
class HouseholdRegisterImport implements ImportKind {

    static final String KK = "kk";
    static final String VILLAGE = "villageCode";
    static final String ADDRESS = "address";
    static final String RT = "rt";
    static final String RW = "rw";
    static final String NIK = "nik";
    static final String NAME = "name";
    static final String SEX = "sex";
    static final String BIRTH_DATE = "birthDate";
    static final String RELATIONSHIP = "relationship";

    private static final List<ImportColumn> COLUMNS = List.of(
            ImportColumn.required(KK, "KK of the family card, 16 digits, on every row of its people; a card's rows stand together.",
                    "no_kk", "nomor_kk", "nomor_kartu_keluarga").identity(ImportColumn.Identity.KK),
            ImportColumn.required(VILLAGE, "The village: its Kemendagri code (51.06.01.2001 or 5106012001) or its BPS code "
                    + "(5106010001), read through the region crosswalk; on at least one row of the card.", "kode_desa",
                    "kode_wilayah", "kode_kelurahan", "kode_desa_kelurahan", "kode_desa_bps", "kode_wilayah_bps", "desa_kode"),
            ImportColumn.required(ADDRESS, "The street address; on at least one row of the card.", "alamat", "alamat_rumah",
                    "alamat_lengkap"),
            ImportColumn.optional(RT, "RT, up to 3 digits.", "no_rt", "nomor_rt"),
            ImportColumn.optional(RW, "RW, up to 3 digits.", "no_rw", "nomor_rw"),
            ImportColumn.required(NIK, "NIK of the person, 16 digits; each NIK once in the file.", "nik_art", "nomor_nik",
                    "nomor_induk_kependudukan").identity(ImportColumn.Identity.NIK),
            ImportColumn.required(NAME, "The person's name as on the family card.", "nama", "nama_lengkap", "nama_art"),
            ImportColumn.required(SEX, "L (laki-laki) or P (perempuan); MALE or FEMALE.", "jenis_kelamin", "jk", "kelamin"),
            ImportColumn.required(BIRTH_DATE, "Birth date: 1980-05-17 or 17/05/1980.", "tgl_lahir", "tanggal_lahir", "tanggal_lhr"),
            ImportColumn.required(RELATIONSHIP, "Place in the family: kepala keluarga (exactly one per card), istri, suami, anak, "
                    + "menantu, cucu, orang tua, mertua, famili lain, pembantu, lainnya; or HEAD, SPOUSE, CHILD ...",
                    "hubungan", "shdk", "hubungan_keluarga", "hubungan_dengan_kepala_keluarga", "status_hubungan",
                    "status_dalam_keluarga"));

    private static final ImportLayout LAYOUT = new ImportLayout("REGISTER",
            "A regency's register of poor households: one row per person, the rows of a family card (KK) together, with "
                    + "the household's village, address, RT and RW.",
            "registerHousehold", COLUMNS, NIK, KK);

    private static final Pattern MEMBER_FIELD = Pattern.compile("input\\.members\\[([0-9]+)]\\.([A-Za-z]+)");

    private final HouseholdService register;
    private final Households households;
    private final Members members;
    private final IdentityNumbers identityNumbers;
    private final RegionCrosswalk crosswalk;
    private final DSLContext dsl;
    private final TransactionTemplate savepoint;

    HouseholdRegisterImport(HouseholdService register, Households households, Members members, IdentityNumbers identityNumbers,
                            RegionCrosswalk crosswalk, DSLContext dsl, PlatformTransactionManager transactions) {
        this.register = register;
        this.households = households;
        this.members = members;
        this.identityNumbers = identityNumbers;
        this.crosswalk = crosswalk;
        this.dsl = dsl;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public ImportLayout layout() {
        return LAYOUT;
    }

    @Override
    public List<RowOutcome> apply(Caller caller, String source, List<ImportRow> rows, boolean write) {
        List<RowOutcome> outcomes = new ArrayList<>(rows.size());
        int start = 0;
        for (int i = 1; i <= rows.size(); i++) {
            if (i == rows.size() || !Objects.equals(rows.get(i).value(KK), rows.get(start).value(KK))) {
                outcomes.addAll(new Card(caller, rows.subList(start, i)).take(write));
                start = i;
            }
        }
        return outcomes;
    }

    /** The rows of one family card, and what becomes of each. */
    private final class Card {

        private final Caller caller;
        private final List<ImportRow> rows;
        private final RowOutcome[] outcomes;
        private final NewMemberInput[] people;
        private final String kk;
        private String village;
        private String address;
        private String rt;
        private String rw;

        Card(Caller caller, List<ImportRow> rows) {
            this.caller = caller;
            this.rows = rows;
            this.outcomes = new RowOutcome[rows.size()];
            this.people = new NewMemberInput[rows.size()];
            this.kk = rows.getFirst().value(KK);
        }

        List<RowOutcome> take(boolean write) {
            if (kk == null || !kk.matches("[0-9]{16}")) {
                Arrays.fill(outcomes, RowOutcome.invalid(KK, kk == null
                        ? "The row leaves kk empty: every person's row gives the KK of their family card." : "A KK has 16 digits."));
                return List.of(outcomes);
            }
            readPeople();
            readHousehold();
            checkHead();
            checkNiks();
            Optional<HouseholdRecord> registered = registered();
            if (registered.isPresent()) {
                compare(registered.get());
            } else if (firstRefused() < 0) {
                checkUnregistered();
                if (firstRefused() < 0) {
                    registerCard(write);
                }
            }
            int refused = firstRefused();
            for (int j = 0; j < outcomes.length; j++) {
                if (outcomes[j] == null) {
                    outcomes[j] = refused < 0 ? RowOutcome.NEW : RowOutcome.invalid(KK, "The people of a family card are registered "
                            + "together or not at all, and the row on line " + rows.get(refused).line() + " is refused.");
                }
            }
            return List.of(outcomes);
        }

        private void refuse(int j, String column, String reason) {
            if (outcomes[j] == null) {
                outcomes[j] = RowOutcome.invalid(column, reason);
            }
        }

        private int firstRefused() {
            for (int j = 0; j < outcomes.length; j++) {
                if (outcomes[j] != null && outcomes[j].outcome() == RowOutcome.Outcome.INVALID) {
                    return j;
                }
            }
            return -1;
        }

        private void readPeople() {
            for (int j = 0; j < rows.size(); j++) {
                ImportRow row = rows.get(j);
                try {
                    String nik = Cells.required(row, NIK);
                    String name = Cells.required(row, NAME);
                    var sex = RegisterWords.sex(row, SEX);
                    LocalDate born = Cells.date(row, BIRTH_DATE);
                    if (born == null) {
                        throw new Cells.Invalid(BIRTH_DATE, "The row leaves " + BIRTH_DATE + " empty.");
                    }
                    people[j] = new NewMemberInput(nik, name, sex, born, RegisterWords.relationship(row, RELATIONSHIP));
                } catch (Cells.Invalid invalid) {
                    outcomes[j] = invalid.outcome();
                }
            }
        }

        /** The household's values: the first row that gives each; another row may repeat it, not contradict it. */
        private void readHousehold() {
            village = householdValue(VILLAGE, value -> value.replace(".", ""));
            address = householdValue(ADDRESS, value -> value.replaceAll("\\s+", " ").toLowerCase(Locale.ROOT));
            rt = householdValue(RT, number -> number.replaceFirst("^0+(?=.)", ""));
            rw = householdValue(RW, number -> number.replaceFirst("^0+(?=.)", ""));
            if (village == null) {
                refuse(0, VILLAGE, "No row of this family card gives its village code.");
            } else {
                RegionCrosswalk.Village known = crosswalk.village(village);
                if (known.known()) {
                    village = known.code();
                } else {
                    refuse(firstGiving(VILLAGE), VILLAGE, known.problem());
                }
            }
            if (address == null) {
                refuse(0, ADDRESS, "No row of this family card gives its address.");
            }
        }

        private String householdValue(String column, Function<String, String> comparable) {
            String first = null;
            int firstLine = 0;
            for (int j = 0; j < rows.size(); j++) {
                String value = rows.get(j).value(column);
                if (value == null) {
                    continue;
                }
                if (first == null) {
                    first = value;
                    firstLine = rows.get(j).line();
                } else if (!comparable.apply(value).equals(comparable.apply(first))) {
                    refuse(j, column, "The rows of this family card give different values of " + column + ": line " + firstLine
                            + " gives '" + first + "'. Give it once, or the same on every row.");
                }
            }
            return first;
        }

        private int firstGiving(String column) {
            for (int j = 0; j < rows.size(); j++) {
                if (rows.get(j).value(column) != null) {
                    return j;
                }
            }
            return 0;
        }

        /** Exactly one head, when every row's place in the family could be read. */
        private void checkHead() {
            if (Arrays.stream(people).anyMatch(Objects::isNull)) {
                return;
            }
            List<Integer> heads = new ArrayList<>();
            for (int j = 0; j < people.length; j++) {
                if (people[j].relationship() == Relationship.HEAD) {
                    heads.add(j);
                }
            }
            if (heads.isEmpty()) {
                for (int j = 0; j < people.length; j++) {
                    refuse(j, RELATIONSHIP, "This family card lists no head: exactly one of its rows is the kepala keluarga.");
                }
            } else if (heads.size() > 1) {
                String lines = heads.stream().map(j -> String.valueOf(rows.get(j).line())).collect(Collectors.joining(", "));
                for (int j : heads) {
                    refuse(j, RELATIONSHIP, "This family card lists " + heads.size() + " heads (lines " + lines
                            + "): exactly one of its rows is the kepala keluarga.");
                }
            }
        }

        /** Each NIK by the rules of the register: its shape, and its birth date and sex agreeing with the row. */
        private void checkNiks() {
            for (int j = 0; j < people.length; j++) {
                if (people[j] == null) {
                    continue;
                }
                try {
                    identityNumbers.checkNik(people[j].nik(), NIK, people[j].sex(), people[j].birthDate());
                } catch (HubException refusal) {
                    refuse(j, refusal.field() == null ? NIK : refusal.field(), refusal.getMessage());
                }
            }
        }

        private Optional<HouseholdRecord> registered() {
            try {
                return Optional.of(households.get(caller, kk, null, KK, "householdId"));
            } catch (NotFoundException notInTheCallersRegister) {
                return Optional.empty();
            }
        }

        /** A card registered before: its rows are unchanged when the register holds them so; it is not changed. */
        private void compare(HouseholdRecord household) {
            if (village != null && !village.equals(household.getVillageCode())) {
                refuse(firstGiving(VILLAGE), VILLAGE, "The household with this KK is registered in another village; the "
                        + "register import does not move it (updateHouseholdAddress does).");
            }
            if (address != null && !address.strip().equalsIgnoreCase(household.getAddress().strip())) {
                refuse(firstGiving(ADDRESS), ADDRESS, "The household with this KK is registered at another address; the "
                        + "register import does not change it (updateHouseholdAddress does).");
            }
            Map<String, MemberRecord> stored = members.findByNiks(caller, Arrays.stream(people).filter(Objects::nonNull)
                    .map(NewMemberInput::nik).toList()).stream().collect(Collectors.toMap(MemberRecord::getNik, Function.identity()));
            Set<String> taken = taken();
            for (int j = 0; j < people.length; j++) {
                NewMemberInput person = people[j];
                if (person == null || outcomes[j] != null) {
                    continue;
                }
                MemberRecord member = stored.get(person.nik());
                if (member == null || !member.getHouseholdId().equals(household.getId())) {
                    refuse(j, NIK, member != null || taken.contains(person.nik())
                            ? "A person with this NIK is already registered, in another household."
                            : "The household with this KK is already registered without this person: add them with addMember.");
                } else if (!member.getName().equals(person.name().strip())) {
                    refuse(j, NAME, unlike("name"));
                } else if (member.getSex() != person.sex()) {
                    refuse(j, SEX, unlike("sex"));
                } else if (!member.getBirthDate().equals(person.birthDate())) {
                    refuse(j, BIRTH_DATE, unlike("birth date"));
                } else if (member.getRelationship() != person.relationship()) {
                    refuse(j, RELATIONSHIP, unlike("place in the family"));
                } else {
                    outcomes[j] = RowOutcome.UNCHANGED;
                }
            }
        }

        private static String unlike(String what) {
            return "The register holds this person with another " + what + "; the register import does not change registered "
                    + "people.";
        }

        /** A new card: none of its people may be registered already, anywhere in the hub (without saying where). */
        private void checkUnregistered() {
            Set<String> taken = taken();
            for (int j = 0; j < people.length; j++) {
                if (taken.contains(people[j].nik())) {
                    refuse(j, NIK, "A person with this NIK is already registered.");
                }
            }
        }

        private Set<String> taken() {
            List<String> niks = Arrays.stream(people).filter(Objects::nonNull).map(NewMemberInput::nik).toList();
            if (niks.isEmpty()) {
                return Set.of();
            }
            Set<String> taken = new HashSet<>(dsl.select(MEMBER.NIK).from(MEMBER).where(MEMBER.NIK.in(niks)).fetch(MEMBER.NIK));
            taken.addAll(dsl.select(MEMBER_MERGE.NIK).from(MEMBER_MERGE).where(MEMBER_MERGE.NIK.in(niks)).fetch(MEMBER_MERGE.NIK));
            return taken;
        }

        /** Registers the card with the rules of registerHousehold; a dry run undoes it. */
        private void registerCard(boolean write) {
            RegisterHouseholdInput input = new RegisterHouseholdInput(kk, village, rows.get(firstGiving(ADDRESS)).value(ADDRESS),
                    rt, rw, List.of(people));
            try {
                savepoint.executeWithoutResult(status -> {
                    register.register(caller, input);
                    if (!write) {
                        status.setRollbackOnly();
                    }
                });
            } catch (HubException refusal) {
                String field = refusal.field() == null ? "input.kk" : refusal.field();
                Matcher member = MEMBER_FIELD.matcher(field);
                if (member.matches()) {
                    refuse(Integer.parseInt(member.group(1)), member.group(2), refusal.getMessage());
                } else if (field.equals("input.members")) {
                    refuse(0, RELATIONSHIP, refusal.getMessage());
                } else {
                    String column = field.replaceFirst("^input\\.", "");
                    refuse(firstGiving(column), column, refusal.getMessage());
                }
            }
        }
    }
}
