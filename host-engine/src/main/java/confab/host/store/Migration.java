package confab.host.store;

import java.sql.Connection;
import java.sql.SQLException;

/// One step of the schema history. Step `i` of [Schema#MIGRATIONS] (counting from 0) takes the
/// database from version `i` to `i + 1`; it runs inside the transaction that also records the
/// new version, so a step that fails leaves the database at the version before it.
@FunctionalInterface
interface Migration {
    void apply(Connection connection) throws SQLException;

    /// A step made of plain SQL statements, run in order.
    static Migration sql(String... statements) {
        return connection -> {
            try (var statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.executeUpdate(sql);
                }
            }
        };
    }
}
