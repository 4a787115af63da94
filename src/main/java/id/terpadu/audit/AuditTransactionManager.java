package id.terpadu.audit;

import id.terpadu.access.Caller;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

import static id.terpadu.db.Tables.AUDIT_CONTEXT;

/**
 * Begins each writing transaction by telling the database who writes and through which
 * operation, in one statement; the audit triggers put it on every entry of the transaction. The
 * writer comes from the thread's {@link AuditContext}: Spring calls this as a transaction begins,
 * with no way to hand it the request.
 */
class AuditTransactionManager extends JdbcTransactionManager {

    AuditTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition) throws SQLException {
        super.prepareTransactionalConnection(connection, definition);
        if (definition.isReadOnly()) {
            return;
        }
        AuditContext.Operation operation = AuditContext.current();
        Caller caller = operation == null ? Caller.ANONYMOUS : operation.caller();
        DSL.using(connection, SQLDialect.POSTGRES).selectFrom(AUDIT_CONTEXT.call(caller.subject(), caller.username(),
                caller.client(), String.join(",", caller.roles().stream().sorted().toList()),
                operation == null ? null : operation.name(), operation == null ? null : operation.requestId())).fetch();
    }
}
