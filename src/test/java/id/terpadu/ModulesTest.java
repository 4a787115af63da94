package id.terpadu;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The hub's modules are its feature packages; their dependencies go one way (no cycles) and reach
 * another module only through the types in its base package. Runs without a database or server.
 */
@Fast
class ModulesTest {

    static final ApplicationModules MODULES = ApplicationModules.of(TerpaduApplication.class);

    @Test
    void modulesDependOnEachOtherWithoutCyclesAndOnlyThroughTheirApi() {
        MODULES.verify();
    }
}
