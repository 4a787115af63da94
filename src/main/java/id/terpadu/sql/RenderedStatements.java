package id.terpadu.sql;

import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Runs {@link RenderedStatement}s straight through JDBC, on a connection of jOOQ's connection
 * provider (so within the transaction the caller is in, as jOOQ's statements are): jOOQ would read
 * the whole text of a plain SQL statement again on every run to find its bind markers, and match it
 * against a regular expression to tell a query from an update, which for the hub's hot statements
 * cost as much as running them. A failure is jOOQ's {@link DataAccessException}, as it would be
 * through jOOQ; the {@link StatementListener}s learn of every run.
 */
@Component
public class RenderedStatements {

    private final ConnectionProvider connections;
    private final List<StatementListener> listeners;

    RenderedStatements(DSLContext dsl, ObjectProvider<StatementListener> listeners) {
        this.connections = dsl.configuration().connectionProvider();
        this.listeners = listeners.orderedStream().toList();
    }

    /** What a query's rows answer. */
    @FunctionalInterface
    public interface Rows<R> {
        R read(ResultSet rows) throws SQLException;
    }

    /** The query's answer, read from its rows, with these values in its slots. */
    public <R> R query(RenderedStatement statement, Rows<R> read, Object... slotValues) {
        Connection connection = connections.acquire();
        try (PreparedStatement prepared = prepare(connection, statement, slotValues);
             ResultSet rows = prepared.executeQuery()) {
            return read.read(rows);
        } catch (SQLException failed) {
            throw new DataAccessException("A rendered statement failed: " + failed.getMessage(), failed);
        } finally {
            connections.release(connection);
        }
    }

    /** Runs the statement (an insert, update or delete) with these values in its slots; the rows it changed. */
    public int execute(RenderedStatement statement, Object... slotValues) {
        Connection connection = connections.acquire();
        try (PreparedStatement prepared = prepare(connection, statement, slotValues)) {
            return prepared.executeUpdate();
        } catch (SQLException failed) {
            throw new DataAccessException("A rendered statement failed: " + failed.getMessage(), failed);
        } finally {
            connections.release(connection);
        }
    }

    private PreparedStatement prepare(Connection connection, RenderedStatement statement, Object[] slotValues) throws SQLException {
        PreparedStatement prepared = connection.prepareStatement(statement.sql());
        try {
            statement.bind(prepared, slotValues);
        } catch (SQLException | RuntimeException failed) {
            prepared.close();
            throw failed;
        }
        for (StatementListener listener : listeners) {
            listener.started();
        }
        return prepared;
    }
}
