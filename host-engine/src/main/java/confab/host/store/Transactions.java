package confab.host.store;

import java.sql.Connection;
import java.sql.SQLException;

/// Runs work in one write transaction on a connection that is otherwise in auto-commit mode.
final class Transactions {
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    private Transactions() {}

    /// Commits what `work` did, or rolls all of it back if it throws (and rethrows that).
    /// The connection is back in auto-commit mode afterwards either way, so no transaction
    /// (and no WAL snapshot) stays open between calls.
    static <T> T run(Connection connection, Work<T> work) throws SQLException {
        connection.setAutoCommit(false); // BEGIN IMMEDIATE: the connection's transaction mode
        T result;
        try {
            result = work.run();
            connection.commit();
        } catch (SQLException | RuntimeException | Error failure) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                failure.addSuppressed(rollback);
            }
            try {
                connection.setAutoCommit(true);
            } catch (SQLException reset) {
                failure.addSuppressed(reset);
            }
            throw failure;
        }
        connection.setAutoCommit(true);
        return result;
    }
}
