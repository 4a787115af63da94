package id.terpadu.benefit;

import id.terpadu.access.AccessPolicy;
import id.terpadu.access.Caller;
import id.terpadu.access.RowScope;
import id.terpadu.db.codes.BenefitStatus;
import id.terpadu.error.ConflictException;
import id.terpadu.error.HubException;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.MEMBER;

/**
 * A national programme's recipient list (PKH, BPNT) as a file: per recipient the NIK, the
 * programme and the period. Each row is enrolled with the rules of {@code enrolBenefit}: the
 * programme's writers, the caller's region, no double aid and the programme's exclusion and
 * eligibility rules; a household programme enrols the household of the person named. A recipient
 * already enrolled in an overlapping period is left as it is. Only UPT-PK sets the status (as in
 * the mutation); other roles' rows are proposals. Each row is tried in a savepoint, which a dry run
 * undoes, so a row is checked exactly as the mutation checks it.
 */
@Component
class RecipientListImport implements ImportKind {

    static final String PROGRAMME = "programme";
    static final String NIK = "nik";
    static final String STARTS_ON = "startsOn";
    static final String ENDS_ON = "endsOn";
    static final String STATUS = "status";
    static final String AMOUNT = "amount";
    static final String REASON = "reason";

    /** The national programmes whose recipient lists arrive as files. */
    static final Set<String> PROGRAMMES = Set.of("PKH", "BPNT");

    private static final List<ImportColumn> COLUMNS = List.of(
            ImportColumn.required(PROGRAMME, "The programme: PKH or BPNT.", "program", "bansos", "jenis_bansos"),
            ImportColumn.required(NIK, "NIK of the recipient, 16 digits; for PKH and BPNT their household is enrolled.",
                    "nik_penerima", "nik_kpm", "nik_pengurus").identity(ImportColumn.Identity.NIK),
            ImportColumn.required(STARTS_ON, "First day of the benefit: 2025-07-01 or 01/07/2025.", "mulai", "tmt",
                    "tanggal_mulai", "periode_mulai"),
            ImportColumn.optional(ENDS_ON, "Last day of the benefit; blank while it runs.", "sampai", "tanggal_selesai",
                    "periode_selesai"),
            ImportColumn.optional(STATUS, "PROPOSED, APPROVED or ACTIVE; only UPT-PK sets it, blank is PROPOSED.",
                    "status_penerima"),
            ImportColumn.optional(AMOUNT, "Amount in rupiah, like 750000.", "nilai", "nominal", "besaran"),
            ImportColumn.optional(REASON, "Why the recipient is enrolled; blank: the programme's national list.", "alasan",
                    "keterangan"));

    private final BenefitService benefits;
    private final AccessPolicy policy;
    private final DSLContext dsl;
    private final RowScope scope;
    private final TransactionTemplate savepoint;

    RecipientListImport(BenefitService benefits, AccessPolicy policy, DSLContext dsl, RowScope scope,
                        PlatformTransactionManager transactions) {
        this.benefits = benefits;
        this.policy = policy;
        this.dsl = dsl;
        this.scope = scope;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    private static final ImportLayout LAYOUT = new ImportLayout("RECIPIENTS",
            "A national programme's recipient list (PKH, BPNT) by NIK: each recipient's household is enrolled.",
            "enrolBenefit", COLUMNS, NIK);

    @Override
    public ImportLayout layout() {
        return LAYOUT;
    }

    @Override
    public List<RowOutcome> apply(Caller caller, String source, List<ImportRow> rows, boolean write) {
        boolean setsStatus = caller.hasAnyRole(policy.writers(mutation(), STATUS));
        Map<String, String> households = householdsOf(caller, rows.stream().map(row -> row.value(NIK))
                .filter(nik -> nik != null && nik.matches("[0-9]{16}")).toList());
        List<RowOutcome> outcomes = new ArrayList<>(rows.size());
        for (ImportRow row : rows) {
            outcomes.add(enrol(caller, source, row, households, setsStatus, write));
        }
        return outcomes;
    }

    private RowOutcome enrol(Caller caller, String source, ImportRow row, Map<String, String> households, boolean setsStatus,
                             boolean write) {
        BenefitService.EnrolBenefitInput input;
        try {
            input = read(row, source, households, setsStatus);
        } catch (Cells.Invalid invalid) {
            return invalid.outcome();
        }
        try {
            savepoint.executeWithoutResult(status -> {
                benefits.enrol(caller, input);
                if (!write) {
                    status.setRollbackOnly();
                }
            });
            return RowOutcome.NEW;
        } catch (ConflictException conflict) {
            if ("input.startsOn".equals(conflict.field())) {
                return RowOutcome.UNCHANGED;
            }
            return refused(conflict);
        } catch (HubException refusal) {
            return refused(refusal);
        }
    }

    /** A refusal of the mutation's rules, on the column that holds the input field at fault. */
    private static RowOutcome refused(HubException refusal) {
        String field = refusal.field() == null ? NIK : refusal.field().replaceFirst("^input\\.", "");
        return RowOutcome.invalid(switch (field) {
            case "kk", "memberId", "householdId" -> NIK;
            default -> field;
        }, refusal.getMessage());
    }

    /** The KK of each person's household, for the persons of the caller's region. */
    private Map<String, String> householdsOf(Caller caller, List<String> niks) {
        if (niks.isEmpty()) {
            return Map.of();
        }
        return dsl.select(MEMBER.NIK, HOUSEHOLD.KK).from(MEMBER).join(HOUSEHOLD).on(HOUSEHOLD.ID.eq(MEMBER.HOUSEHOLD_ID))
                .where(MEMBER.NIK.in(niks)).and(scope.households(caller))
                .fetchMap(MEMBER.NIK, HOUSEHOLD.KK);
    }

    private static BenefitService.EnrolBenefitInput read(ImportRow row, String source, Map<String, String> households,
                                                         boolean setsStatus) {
        String programme = Cells.required(row, PROGRAMME).strip().toUpperCase(Locale.ROOT);
        if (!PROGRAMMES.contains(programme)) {
            throw new Cells.Invalid(PROGRAMME, "'" + row.value(PROGRAMME) + "' is not a national programme with a recipient "
                    + "list; the file holds PKH or BPNT.");
        }
        String nik = Cells.required(row, NIK);
        if (!nik.matches("[0-9]{16}")) {
            throw new Cells.Invalid(NIK, "A NIK has 16 digits.");
        }
        String kk = households.get(nik);
        if (kk == null) {
            throw new Cells.Invalid(NIK, "No person with this NIK is registered in your region.");
        }
        LocalDate startsOn = Cells.date(row, STARTS_ON);
        if (startsOn == null) {
            throw new Cells.Invalid(STARTS_ON, "The row leaves " + STARTS_ON + " empty.");
        }
        LocalDate endsOn = Cells.date(row, ENDS_ON);
        BenefitStatus status = null;
        if (row.value(STATUS) != null) {
            if (!setsStatus) {
                throw new Cells.Invalid(STATUS, "Your role does not set the status: its enrolments are proposals UPT-PK approves; "
                        + "leave the column blank.");
            }
            status = Cells.choice(row, STATUS, BenefitStatus.class);
        }
        Double amount = row.value(AMOUNT) == null ? null : amount(row.value(AMOUNT));
        String reason = row.value(REASON) != null ? row.value(REASON) : "Penerima " + programme + " menurut daftar nasional (" + source + ")";
        return new BenefitService.EnrolBenefitInput(programme, kk, null, null, null, startsOn, endsOn, status, amount, reason, null);
    }

    /** Rupiah as written: 750000, 750.000 or 750.000,00 (Indonesian), 750000.50, with or without Rp. */
    static Double amount(String value) {
        String plain = value.replaceAll("(?i)rp|\\s", "");
        if (plain.matches("[0-9]{1,3}(\\.[0-9]{3})+(,[0-9]{1,2})?") || plain.matches("[0-9]+,[0-9]{1,2}")) {
            plain = plain.replace(".", "").replace(',', '.');
        }
        if (!plain.matches("[0-9]+(\\.[0-9]{1,2})?")) {
            throw new Cells.Invalid(AMOUNT, "'" + value + "' is not an amount of rupiah; write it as 750000 or 750.000.");
        }
        return Double.valueOf(plain);
    }
}
