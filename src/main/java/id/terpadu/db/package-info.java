/**
 * The jOOQ classes generated from the migrated schema (the build writes them beside this file).
 * Every module reads and writes its own tables through them, so the module is open: its
 * sub-packages ({@code tables}, {@code tables.records}) are part of its API.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package id.terpadu.db;

import org.springframework.modulith.ApplicationModule;
