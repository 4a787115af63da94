package id.terpadu.demo;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import static id.terpadu.db.Tables.HOUSEHOLD;

/**
 * With the {@code demo} profile, loads the demo data at start (after Flyway has migrated the
 * schema) into a hub that has no households yet; a hub with data is left alone. The API already
 * answers reads while a large load runs, and the data appears when its transaction commits; writes
 * wait for that commit, since the load holds the end of the audit trail's chain.
 */
@Component
@Profile("demo")
class DemoDataLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    private final DSLContext dsl;
    private final DemoDataProperties properties;

    DemoDataLoader(DSLContext dsl, DemoDataProperties properties) {
        this.dsl = dsl;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (dsl.fetchExists(HOUSEHOLD)) {
            log.info("Demo data not loaded: the hub already has households");
            return;
        }
        log.info("Loading demo data for region {}: {} households, seed {}", properties.regency(),
                properties.households(), properties.seed());
        DemoDataSummary summary = DemoDataGenerator.generate(dsl, properties);
        log.info("Loaded demo data for region {} in {} ms: {} households, {} members, {} social, {} housing, "
                        + "{} health and {} education facets, {} benefits, {} verification results", summary.regency(),
                summary.elapsed().toMillis(), summary.households(), summary.members(), summary.socialFacets(),
                summary.housingFacets(), summary.healthFacets(), summary.educationFacets(), summary.benefits(),
                summary.verificationResults());
    }
}
