import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.ForcedType;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Target;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Generates the jOOQ classes from the schema that the Flyway migrations build, and the code lists
 * of that schema as Java types, so that the migrations stay the one source of every code.
 *
 * <p>jOOQ's DDL parser cannot read our PostgreSQL DDL (exclusion constraints, generated columns),
 * so the migrations run on a throw-away embedded PostgreSQL and jOOQ reads that database. From the
 * same database, each {@link CodeList} becomes a Java {@code enum} whose values its column's
 * {@code CHECK (column IN (...))} constraint lists, and the jOOQ fields of the columns that hold the
 * list are typed with it; the seeded rows of a reference table the code names become constants.
 * The output is skipped when neither the migrations nor this generator have changed since the last
 * generation.
 *
 * <p>Usage: {@code java -cp <classpath> JooqCodegen.java <migration dir> <output dir> <this file>}
 */
public class JooqCodegen {

    private static final String PACKAGE = "id.terpadu.db";
    private static final String CODES_PACKAGE = PACKAGE + ".codes";

    /**
     * The code lists, each named as the GraphQL enum of the same values where the schema has one.
     * A column with the same domain but no constraint of its own (a copy kept in a history table)
     * is typed with the list too.
     */
    private static final List<CodeList> CODE_LISTS = List.of(
            CodeList.of("Sex", "member.sex", "member_merge.sex"),
            CodeList.of("MemberStatus", "member.status"),
            CodeList.of("Relationship", "member.relationship",
                    "member_move.from_relationship", "member_move.to_relationship", "member_merge.relationship"),
            CodeList.of("HouseholdStatus", "household.status"),
            CodeList.of("SourceList", "cluster.source_list"),
            CodeList.of("ProgrammeTarget", "programme.target"),
            CodeList.of("ProgrammeKind", "programme.kind"),
            CodeList.of("JknSegment", "health_facet.segment"),
            CodeList.of("FloorMaterial", "housing_facet.floor"),
            CodeList.of("WallMaterial", "housing_facet.wall"),
            CodeList.of("RoofMaterial", "housing_facet.roof"),
            CodeList.of("Toilet", "housing_facet.toilet"),
            CodeList.of("WaterSource", "housing_facet.water"),
            CodeList.of("Lighting", "housing_facet.lighting"),
            CodeList.of("RtlhStatus", "housing_facet.rtlh_status"),
            CodeList.of("SchoolStatus", "education_facet.school_status"),
            CodeList.of("SchoolLevel", "education_facet.school_level"),
            CodeList.of("BenefitStatus", "benefit.status"),
            CodeList.of("ParticipantOutcome", "benefit.outcome"),
            CodeList.of("PbiFunding", "benefit.funding", "eligibility_rule.funding"),
            CodeList.of("EligibilityKind", "eligibility_rule.kind"),
            CodeList.of("VerificationRoundStatus", "verification_round.status"),
            CodeList.of("VerificationOutcome", "verification_result.result"),
            CodeList.of("ChangeRequestKind", "change_request.kind"),
            CodeList.of("ChangeRequestState", "change_request.state"),
            CodeList.of("ImportStatus", "import_job.status"),
            CodeList.of("ImportFormat", "import_job.file_format"),
            // a text[] whose elements the constraint lists; the column keeps its String[] type
            // the service desk's requests and the steps of their path
            CodeList.of("ServiceRequestState", "service_request.state"),
            CodeList.of("ServiceOutcome", "service_request.outcome"),
            CodeList.of("ServiceRequestStepKind", "service_request_step.step"),
            CodeList.valuesOnly("PovertyIndicator", "social_facet.poverty_indicators"),
            // written by the audit triggers and shown as the database wrote it; no code compares it
            CodeList.valuesOnly("AuditAction", "audit_entry.action"));

    /** Reference tables whose seeded codes the code names: programmes and clusters are data a regency may extend. */
    private static final List<ReferenceCodes> REFERENCE_CODES = List.of(
            new ReferenceCodes("Programmes", "programme", "the programmes"),
            new ReferenceCodes("Clusters", "cluster", "the poverty clusters"));

    public static void main(String[] args) throws Exception {
        Path migrations = Path.of(args[0]);
        Path output = Path.of(args[1]);
        Path generator = Path.of(args[2]);
        Path stamp = output.resolve(".migrations.sha256");
        String fingerprint = fingerprint(migrations, generator);
        if (Files.exists(stamp) && Files.readString(stamp).equals(fingerprint)) {
            System.out.println("jOOQ classes are up to date with " + migrations);
            return;
        }
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            DataSource database = postgres.getPostgresDatabase();
            Flyway.configure()
                    .dataSource(database)
                    .locations("filesystem:" + migrations.toAbsolutePath())
                    .load()
                    .migrate();
            // jOOQ cleans its target package, sub-packages included: the code lists are written after it
            GenerationTool.generate(configuration(postgres.getJdbcUrl("postgres", "postgres"), output));
            Path codes = output.resolve(CODES_PACKAGE.replace('.', '/'));
            Files.createDirectories(codes);
            try (Connection connection = database.getConnection()) {
                for (CodeList list : CODE_LISTS) {
                    Files.writeString(codes.resolve(list.name() + ".java"), list.source(connection));
                }
                for (ReferenceCodes reference : REFERENCE_CODES) {
                    Files.writeString(codes.resolve(reference.name() + ".java"), reference.source(connection));
                }
            }
            Files.writeString(codes.resolve("package-info.java"), """
                    /**
                     * The code lists and seeded reference codes of the migrated schema, generated with the jOOQ
                     * classes from {@code db/migration}: a new value is added by a migration, never here.
                     */
                    package %s;
                    """.formatted(CODES_PACKAGE));
        }
        Files.writeString(stamp, fingerprint);
    }

    private static Configuration configuration(String jdbcUrl, Path output) {
        return new Configuration()
                .withJdbc(new Jdbc().withDriver("org.postgresql.Driver").withUrl(jdbcUrl).withUser("postgres"))
                .withGenerator(new Generator()
                        .withDatabase(new Database()
                                .withName("org.jooq.meta.postgres.PostgresDatabase")
                                .withInputSchema("public")
                                .withOutputSchemaToDefault(true)
                                .withExcludes("flyway_schema_history")
                                .withIncludeRoutines(false)
                                .withIncludeUDTs(false)
                                .withForcedTypes(CODE_LISTS.stream()
                                        .filter(list -> !list.typedColumns().isEmpty())
                                        .map(CodeList::forcedType)
                                        .toList()))
                        .withGenerate(new Generate()
                                .withRecords(true)
                                .withPojos(false)
                                .withJavaTimeTypes(true)
                                .withFluentSetters(true)
                                // the hub writes its joins; the inbound paths of self-referencing keys
                                // (a region's parent, a round's previous round) only made name clashes
                                .withImplicitJoinPathsToMany(false))
                        .withTarget(new Target()
                                .withPackageName(PACKAGE)
                                .withDirectory(output.toAbsolutePath().toString())
                                .withClean(true)));
    }

    /** The migrations and this generator, which decides what is read from the migrated schema. */
    private static String fingerprint(Path migrations, Path generator) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> files = Files.list(migrations)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                digest.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                digest.update(read(file));
            }
        }
        digest.update(read(generator));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A list of codes that one column's CHECK constraint holds, generated as the enum {@code name}.
     *
     * @param constrainedColumn {@code table.column} whose constraint lists the values
     * @param typedColumns      the columns whose jOOQ fields are typed with the enum
     */
    record CodeList(String name, String constrainedColumn, List<String> typedColumns) {

        // PostgreSQL prints `c IN ('A', 'B')` as `(c = ANY (ARRAY['A'::text, 'B'::text]))` and `c <@ ARRAY[...]` as is
        private static final Pattern CHECK = Pattern.compile(
                "CHECK \\(+(\\w+) (?:= ANY \\(ARRAY\\[(.*)]\\)|<@ ARRAY\\[(.*)])\\)+");
        private static final Pattern LITERAL = Pattern.compile("'((?:[^']|'')*)'::text");
        private static final Pattern IDENTIFIER = Pattern.compile("[A-Z][A-Z0-9_]*");

        static CodeList of(String name, String constrainedColumn, String... sameDomain) {
            List<String> typed = new ArrayList<>();
            typed.add(constrainedColumn);
            typed.addAll(Arrays.asList(sameDomain));
            return new CodeList(name, constrainedColumn, List.copyOf(typed));
        }

        /** A list whose column keeps its text type (an array, or a column whose code still reads text). */
        static CodeList valuesOnly(String name, String constrainedColumn) {
            return new CodeList(name, constrainedColumn, List.of());
        }

        ForcedType forcedType() {
            return new ForcedType()
                    .withUserType(CODES_PACKAGE + "." + name)
                    .withEnumConverter(true)
                    .withIncludeExpression(typedColumns.stream()
                            .map(column -> "(public\\.)?" + Pattern.quote(column))
                            .collect(Collectors.joining("|")));
        }

        String source(Connection connection) throws SQLException {
            for (String column : typedColumns) {
                requireColumn(connection, column);
            }
            Constraint constraint = constraint(connection);
            List<String> values = values(constraint);
            String others = typedColumns.stream().filter(column -> !column.equals(constrainedColumn))
                    .map(column -> "{@code " + column + "}").collect(Collectors.joining(",\n * "));
            String use = typedColumns.isEmpty()
                    ? "The column keeps its text type; the enum names its values."
                    : "The jOOQ field of {@code " + constrainedColumn + "} has this type" + (others.isEmpty() ? "."
                    : ", and so have the fields of\n * the columns that hold the same values without a constraint "
                    + "of their own:\n * " + others + ".");
            return """
                    package %s;

                    /**
                     * The values of {@code %s}, as its constraint {@code %s}
                     * lists them in the schema that {@code db/migration} builds.
                     * %s
                     *
                     * <p>Generated by the build; a new value is added by a migration, never here.
                     */
                    public enum %s {
                    %s
                    }
                    """.formatted(CODES_PACKAGE, constrainedColumn, constraint.name(), use, name,
                    values.stream().map(value -> "    " + value).collect(Collectors.joining(",\n")));
        }

        private Constraint constraint(Connection connection) throws SQLException {
            String[] column = constrainedColumn.split("\\.");
            List<Constraint> found = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT c.conname, pg_get_constraintdef(c.oid)
                      FROM pg_constraint c
                      JOIN pg_class t ON t.oid = c.conrelid
                      JOIN pg_namespace n ON n.oid = t.relnamespace
                      JOIN pg_attribute a ON a.attrelid = t.oid AND c.conkey = ARRAY[a.attnum]
                     WHERE c.contype = 'c' AND n.nspname = 'public' AND t.relname = ? AND a.attname = ?
                    """)) {
                statement.setString(1, column[0]);
                statement.setString(2, column[1]);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        Matcher check = CHECK.matcher(rows.getString(2));
                        if (check.matches() && check.group(1).equals(column[1])) {
                            String list = check.group(2) != null ? check.group(2) : check.group(3);
                            found.add(new Constraint(rows.getString(1), list));
                        }
                    }
                }
            }
            if (found.size() != 1) {
                throw new IllegalStateException(constrainedColumn + " needs exactly one CHECK constraint listing its values, "
                        + "found " + found.size());
            }
            return found.getFirst();
        }

        private List<String> values(Constraint constraint) {
            List<String> values = new ArrayList<>();
            Matcher literal = LITERAL.matcher(constraint.list());
            while (literal.find()) {
                String value = literal.group(1).replace("''", "'");
                if (!IDENTIFIER.matcher(value).matches()) {
                    throw new IllegalStateException(constraint.name() + " lists '" + value + "', which is no enum constant");
                }
                values.add(value);
            }
            if (values.isEmpty()) {
                throw new IllegalStateException(constraint.name() + " lists no values");
            }
            return values;
        }

        private static void requireColumn(Connection connection, String qualified) throws SQLException {
            String[] column = qualified.split("\\.");
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT 1 FROM information_schema.columns
                     WHERE table_schema = 'public' AND table_name = ? AND column_name = ?
                    """)) {
                statement.setString(1, column[0]);
                statement.setString(2, column[1]);
                try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next()) {
                        throw new IllegalStateException("The code list column " + qualified + " does not exist");
                    }
                }
            }
        }

        record Constraint(String name, String list) {
        }
    }

    /**
     * The codes of a reference table's rows (columns {@code code}, {@code name}, {@code description}) as
     * String constants of the class {@code name}.
     */
    record ReferenceCodes(String name, String table, String what) {

        String source(Connection connection) throws SQLException {
            StringBuilder constants = new StringBuilder();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT code, name, description FROM " + table + " ORDER BY code");
                 ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String code = rows.getString(1);
                    if (!CodeList.IDENTIFIER.matcher(code).matches()) {
                        throw new IllegalStateException(table + " has the code '" + code + "', which is no Java constant");
                    }
                    constants.append("""

                                /** %s: %s */
                                public static final String %s = "%s";
                            """.formatted(javadoc(rows.getString(2)), javadoc(rows.getString(3)), code, code));
                }
            }
            return """
                    package %s;

                    /**
                     * The codes that the migrations seed in {@code %s} (%s), for the code that treats
                     * one of them in its own way. They are data: a regency may add rows, which have no constant
                     * here, so code that handles every row reads the table.
                     *
                     * <p>Generated by the build from {@code db/migration}; a new code is added by a migration, never here.
                     */
                    public final class %s {
                    %s
                        private %s() {
                        }
                    }
                    """.formatted(CODES_PACKAGE, table, what, name, constants, name);
        }

        private static String javadoc(String text) {
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                    .replace("*/", "*&#47;").replace("@", "&#64;");
        }
    }
}
