package id.terpadu.benefit;

import id.terpadu.access.Caller;
import id.terpadu.access.Disclosure;
import id.terpadu.access.IdentityReadLog;
import id.terpadu.access.IdentityReads;
import id.terpadu.access.RowScope;
import id.terpadu.db.codes.BenefitStatus;
import id.terpadu.db.tables.Household;
import id.terpadu.db.tables.Member;
import id.terpadu.error.ForbiddenException;
import id.terpadu.error.NotFoundException;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import static id.terpadu.db.Tables.BENEFIT;
import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.MEMBER;
import static id.terpadu.db.Tables.PROGRAMME;
import static id.terpadu.db.Tables.REGION;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.currentLocalDate;

/**
 * A by-name-by-address list (BNBA) of one programme's current beneficiaries in one village, for the
 * village meeting, the agencies and the insurer: one row per beneficiary (the member, or the head of
 * the household), streamed from a cursor. Only the columns whose field the caller reads are written,
 * identity numbers through the disclosure gate (masked as the caller sees them, whole ones noted in
 * the identity-read log under the export's id), rows only in the caller's region and of programmes
 * whose benefits it reads. CSV and XLSX are for spreadsheets, PDF for printing.
 */
@Component
class BnbaExport {

    /** How many whole numbers are noted before they are written to the log: memory stays flat. */
    private static final int READS_PER_LOG = 1_000;

    private static final Household HH = HOUSEHOLD.as("hh");
    private static final Member PERSON = MEMBER.as("person");

    /** A column: its header, the field of the schema whose readers see it, and its value. */
    private record Column(String header, String type, String field, Field<?> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("KK", "Household", "kk", HH.KK),
            new Column("NIK", "Member", "nik", PERSON.NIK),
            new Column("Nama", "Member", "name", PERSON.NAME),
            new Column("Jenis kelamin", "Member", "sex", PERSON.SEX),
            new Column("Tanggal lahir", "Member", "birthDate", PERSON.BIRTH_DATE),
            new Column("Alamat", "Household", "address", HH.ADDRESS),
            new Column("RT", "Household", "rt", HH.RT),
            new Column("RW", "Household", "rw", HH.RW),
            new Column("Status", "Benefit", "status", BENEFIT.STATUS),
            new Column("Mulai", "Benefit", "startsOn", BENEFIT.STARTS_ON),
            new Column("Sampai", "Benefit", "endsOn", BENEFIT.ENDS_ON),
            new Column("Nilai", "Benefit", "amount", BENEFIT.AMOUNT));

    private final DSLContext dsl;
    private final RowScope scope;
    private final Disclosure disclosure;
    private final IdentityReadLog identityReadLog;

    BnbaExport(DSLContext dsl, RowScope scope, Disclosure disclosure, IdentityReadLog identityReadLog) {
        this.dsl = dsl;
        this.scope = scope;
        this.disclosure = disclosure;
        this.identityReadLog = identityReadLog;
    }

    /** The list's title lines: the regency, the programme and the village. */
    record Heading(String regency, String programme, String village) {
    }

    /** Checks that the caller may export this list; answers its heading. */
    @Transactional(readOnly = true)
    Heading heading(Caller caller, String programme, String village) {
        var programmeRow = dsl.selectFrom(PROGRAMME).where(PROGRAMME.CODE.eq(programme)).fetchOptional()
                .orElseThrow(() -> new NotFoundException("programme", "No programme has the code '" + programme + "'."));
        if (!disclosure.readsBenefitsOf(caller, programme)) {
            throw new ForbiddenException("programme", "Your role does not read the benefits of " + programme + ".");
        }
        String villageName = village == null ? null
                : dsl.select(REGION.NAME).from(REGION).where(REGION.CODE.eq(village)).fetchOne(REGION.NAME);
        if (villageName == null || village.length() != 13) {
            throw new NotFoundException("village", "No village has the code '" + village + "'.");
        }
        if (!scope.includesVillage(caller, village)) {
            throw new ForbiddenException("village", "The village lies outside your region.");
        }
        String regency = dsl.select(REGION.NAME).from(REGION).where(REGION.CODE.eq(village.substring(0, 5))).fetchOne(REGION.NAME);
        return new Heading(regency, programmeRow.getName(), villageName);
    }

    /**
     * Writes the list; answers how many beneficiaries it holds. One transaction: the cursor streams
     * the rows, and the identity reads are logged as they go.
     */
    @Transactional
    int write(Caller caller, String programme, String village, Heading heading, String exportId, String format, OutputStream out) {
        List<Column> columns = COLUMNS.stream().filter(column -> disclosure.reads(caller, column.type(), column.field())).toList();
        IdentityReads reads = reads(caller, exportId);
        int count = 0;
        try (BnbaListing table = BnbaListing.of(format, out, heading, village, exportId);
             Cursor<Record> rows = dsl.select(columns.stream().map(Column::value).toList())
                     .from(BENEFIT)
                     .join(HH).on(HH.ID.eq(coalesce(BENEFIT.HOUSEHOLD_ID,
                             dsl.select(MEMBER.HOUSEHOLD_ID).from(MEMBER).where(MEMBER.ID.eq(BENEFIT.MEMBER_ID)).asField())))
                     .leftJoin(PERSON).on(BENEFIT.MEMBER_ID.isNotNull().and(PERSON.ID.eq(BENEFIT.MEMBER_ID))
                             .or(BENEFIT.MEMBER_ID.isNull().and(PERSON.HOUSEHOLD_ID.eq(HH.ID)).and(PERSON.RELATIONSHIP.eq(
                                     id.terpadu.db.codes.Relationship.HEAD)))
                             .and(scope.members(caller, PERSON)))
                     .where(BENEFIT.PROGRAMME_CODE.eq(programme))
                     .and(HH.VILLAGE_CODE.eq(village))
                     .and(BENEFIT.STATUS.in(BenefitStatus.APPROVED, BenefitStatus.ACTIVE))
                     .and(BENEFIT.STARTS_ON.le(currentLocalDate()))
                     .and(BENEFIT.ENDS_ON.isNull().or(BENEFIT.ENDS_ON.ge(currentLocalDate())))
                     .and(scope.benefits(caller))
                     .orderBy(HH.RW, HH.RT, HH.ADDRESS, PERSON.NAME, BENEFIT.ID)
                     .fetchSize(500)
                     .fetchLazy()) {
            List<String> header = new ArrayList<>(List.of("No"));
            columns.forEach(column -> header.add(column.header()));
            table.header(header);
            for (Record row : rows) {
                count++;
                List<String> cells = new ArrayList<>(columns.size() + 1);
                cells.add(String.valueOf(count));
                for (int i = 0; i < columns.size(); i++) {
                    Column column = columns.get(i);
                    Object value = row.get(i);
                    if (value instanceof String number && (column.field().equals("kk") || column.field().equals("nik"))) {
                        value = disclosure.identity(caller, column.type(), column.field(), number, reads);
                    }
                    cells.add(value == null ? null : value.toString());
                }
                table.row(cells);
                if (count % READS_PER_LOG == 0) {
                    identityReadLog.write(reads);
                    reads = reads(caller, exportId);
                }
            }
        }
        identityReadLog.write(reads);
        return count;
    }

    private static IdentityReads reads(Caller caller, String exportId) {
        IdentityReads reads = new IdentityReads(caller, exportId);
        reads.operation("exportBnba");
        return reads;
    }
}
