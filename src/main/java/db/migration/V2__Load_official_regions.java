package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static id.terpadu.db.Tables.REGION;

/**
 * Loads the official Kemendagri region codes (Kepmendagri 300.2.2-2138/2025, 91,599 regions) from
 * the CSV shipped in {@code db/data}; source and attribution are in that folder's README.
 */
public class V2__Load_official_regions extends BaseJavaMigration {

    private static final String CSV = "/db/data/regions-kepmendagri-2025.csv";

    @Override
    public void migrate(Context context) throws Exception {
        DSLContext dsl = DSL.using(context.getConnection(), SQLDialect.POSTGRES);
        try (InputStream csv = V2__Load_official_regions.class.getResourceAsStream(CSV)) {
            if (csv == null) {
                throw new IllegalStateException("The region list " + CSV + " is missing from the build");
            }
            // parents precede their children in the file, so the parent reference holds row by row
            dsl.loadInto(REGION)
                    .bulkAfter(2_000)
                    .loadCSV(csv, StandardCharsets.UTF_8)
                    .fields(REGION.CODE, REGION.NAME)
                    .ignoreRows(1)
                    .execute();
        }
    }
}
