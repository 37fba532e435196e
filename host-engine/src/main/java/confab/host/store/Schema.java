package confab.host.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// The database layout and how an existing file is brought up to it.
///
/// The version lives in `PRAGMA user_version`; `PRAGMA application_id` marks the file as a
/// Confab host database, so that a stray SQLite file is refused rather than written into.
/// Append new steps to [#MIGRATIONS]; never edit or reorder a released one.
final class Schema {
    private static final Logger log = LoggerFactory.getLogger(Schema.class);

    /// "CfHs" in ASCII.
    static final int APPLICATION_ID = 0x43664873;

    /// Version 1: accounts, rooms and messages. Rooms are referenced by their row id; a room's
    /// `message_count` lets retention find how many to delete without counting the history; it is
    /// kept only for rooms with a retention (a room keeps the retention it was created with, so
    /// a way to give one a retention later would have to count its history first).
    static final Migration V1 =
            Migration.sql(
                    """
                    CREATE TABLE account (
                        id              INTEGER PRIMARY KEY,
                        login           TEXT    NOT NULL UNIQUE,
                        salt            BLOB    NOT NULL,
                        verifier        BLOB    NOT NULL,
                        kdf_memory_kib  INTEGER NOT NULL,
                        kdf_iterations  INTEGER NOT NULL,
                        kdf_parallelism INTEGER NOT NULL,
                        created_at      INTEGER NOT NULL
                    ) STRICT
                    """,
                    """
                    CREATE TABLE room (
                        id              INTEGER PRIMARY KEY,
                        name            TEXT    NOT NULL UNIQUE,
                        salt            BLOB    NOT NULL,
                        verifier        BLOB    NOT NULL,
                        kdf_memory_kib  INTEGER NOT NULL,
                        kdf_iterations  INTEGER NOT NULL,
                        kdf_parallelism INTEGER NOT NULL,
                        key_salt        BLOB    NOT NULL,
                        created_by      TEXT    NOT NULL,
                        created_at      INTEGER NOT NULL,
                        retention       INTEGER NOT NULL CHECK (retention >= 0),
                        message_count   INTEGER NOT NULL DEFAULT 0
                    ) STRICT
                    """,
                    """
                    CREATE TABLE message (
                        id        INTEGER PRIMARY KEY,
                        room_id   INTEGER NOT NULL REFERENCES room (id),
                        seq       INTEGER NOT NULL,
                        sender    TEXT    NOT NULL,
                        counter   INTEGER NOT NULL,
                        sealed    BLOB    NOT NULL,
                        stored_at INTEGER NOT NULL,
                        UNIQUE (room_id, seq)
                    ) STRICT
                    """);

    /// The whole history, oldest first; its size is the version this code writes.
    static final List<Migration> MIGRATIONS = List.of(V1);

    private Schema() {}

    /// Applies the missing steps of `steps`, each in its own transaction.
    ///
    /// @throws HostStoreException if the file is newer than `steps` or not a Confab database
    static void migrate(Connection connection, List<Migration> steps, Path file)
            throws SQLException {
        int known = steps.size();
        int from = -1;
        int before;
        do {
            before =
                    Transactions.run(
                            connection,
                            () -> {
                                int current = pragma(connection, "user_version");
                                check(connection, current, known, file);
                                if (current < known) {
                                    if (current == 0) {
                                        exec(
                                                connection,
                                                "PRAGMA application_id = " + APPLICATION_ID);
                                    }
                                    steps.get(current).apply(connection);
                                    exec(connection, "PRAGMA user_version = " + (current + 1));
                                }
                                return current;
                            });
            if (from < 0) {
                from = before;
            }
        } while (before < known);
        if (from != known) {
            log.info("Migrated {} from schema version {} to {}", file, from, known);
        }
    }

    private static void check(Connection connection, int version, int known, Path file)
            throws SQLException {
        if (version > known) {
            throw new HostStoreException(
                    file
                            + " has schema version "
                            + version
                            + ", newer than version "
                            + known
                            + " that this Confab host understands; run a newer Confab or"
                            + " use another data directory");
        }
        if (version == 0) {
            try (var statement = connection.createStatement();
                    var rows = statement.executeQuery("SELECT count(*) FROM sqlite_schema")) {
                rows.next();
                if (rows.getInt(1) != 0) {
                    throw new HostStoreException(
                            file + " is an SQLite database of another program, not Confab's");
                }
            }
        } else if (pragma(connection, "application_id") != APPLICATION_ID) {
            throw new HostStoreException(
                    file + " is an SQLite database of another program, not Confab's");
        }
    }

    static int pragma(Connection connection, String name) throws SQLException {
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery("PRAGMA " + name)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void exec(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }
}
