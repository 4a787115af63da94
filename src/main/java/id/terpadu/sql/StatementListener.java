package id.terpadu.sql;

/**
 * Learns of each {@link RenderedStatement} run through {@link RenderedStatements}, as jOOQ's
 * execute listeners learn of the statements jOOQ runs (the count of statements the hub runs
 * includes both).
 */
public interface StatementListener {

    /** A statement is about to run. */
    void started();
}
