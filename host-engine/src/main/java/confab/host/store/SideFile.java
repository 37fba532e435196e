package confab.host.store;

import confab.crypto.wire.Bytes;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/// A second, small SQLite file that takes the messages while the [Checkpointer] lets the main
/// file's write-ahead log start over, so that no commit has to wait for that.
///
/// SQLite starts a log over only once every frame in it is copied into the database file and
/// synced, which under continuous commits means stopping them for the last copy and its fsyncs
/// (a few ms on a disk busy writing the log). Diverted, the commits go on here, into this
/// file's own log, and the main file's log is left alone to be copied to its end. The next
/// commit to the main file, which starts its log over, also copies the diverted messages into
/// it (pending); the checkpointer then deletes them here, off the commits' path.
///
/// The store's write lock guards the diversion flag, the pending messages and this file's
/// connection while diverted; the checkpointer thread uses the connection only while nothing is
/// diverted or pending, and it alone diverts.
final class SideFile implements AutoCloseable {
    /// Name of the file inside the data directory.
    static final String FILE = "confab-host-side.db";

    /// "CfSd" in ASCII.
    private static final int APPLICATION_ID = 0x43665364;

    private static final String COLUMNS = "room_id, seq, sender, counter, sealed, stored_at";

    /// A message stored here and not yet in the main file.
    record Pending(long roomId, NewMessage message) {}

    private final Path file;
    private final Connection connection;
    private final ReentrantLock writeLock;
    private final PreparedStatement insert;

    private boolean diverted; // write lock
    private final List<Pending> pending = new ArrayList<>(); // write lock
    private boolean holdsRows; // write lock

    private SideFile(Path file, Connection connection, ReentrantLock writeLock)
            throws SQLException {
        this.file = file;
        this.connection = connection;
        this.writeLock = writeLock;
        insert =
                connection.prepareStatement(
                        "INSERT INTO message (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)");
    }

    /// Takes over `connection` (closed by [#close]), creates the table if the file is new and
    /// loads what a crash left here as pending.
    static SideFile open(Path file, Connection connection, ReentrantLock writeLock)
            throws SQLException {
        try {
            prepare(file, connection);
            SideFile side = new SideFile(file, connection, writeLock);
            side.loadLeftovers();
            return side;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private static void prepare(Path file, Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_autocheckpoint = 0"); // the checkpointer does it
            Transactions.run(
                    connection,
                    () -> {
                        int id = Schema.pragma(connection, "application_id");
                        boolean empty;
                        try (ResultSet rows =
                                statement.executeQuery("SELECT count(*) FROM sqlite_schema")) {
                            empty = rows.next() && rows.getInt(1) == 0;
                        }
                        if (id == 0 && empty) {
                            statement.executeUpdate("PRAGMA application_id = " + APPLICATION_ID);
                            statement.executeUpdate(
                                    """
                                    CREATE TABLE message (
                                        room_id   INTEGER NOT NULL,
                                        seq       INTEGER NOT NULL,
                                        sender    TEXT    NOT NULL,
                                        counter   INTEGER NOT NULL,
                                        sealed    BLOB    NOT NULL,
                                        stored_at INTEGER NOT NULL,
                                        PRIMARY KEY (room_id, seq)
                                    ) STRICT, WITHOUT ROWID
                                    """);
                        } else if (id != APPLICATION_ID) {
                            throw new HostStoreException(
                                    file
                                            + " is an SQLite database of another program, not"
                                            + " Confab's");
                        }
                        return null;
                    });
        }
    }

    private void loadLeftovers() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery(
                                "SELECT " + COLUMNS + " FROM message ORDER BY room_id, seq")) {
            while (rows.next()) {
                byte[] sealed = rows.getBytes(5);
                pending.add(
                        new Pending(
                                rows.getLong(1),
                                new NewMessage(
                                        rows.getLong(2),
                                        rows.getString(3),
                                        rows.getLong(4),
                                        Bytes.of(sealed == null ? new byte[0] : sealed),
                                        rows.getLong(6))));
            }
        }
        holdsRows = !pending.isEmpty();
    }

    Path file() {
        return file;
    }

    /// Sends the messages here from the next commit on (checkpointer thread).
    void divert() {
        setDiverted(true);
    }

    /// Sends the messages to the main file again from the next commit on (checkpointer thread).
    void resume() {
        setDiverted(false);
    }

    private void setDiverted(boolean value) {
        writeLock.lock();
        try {
            diverted = value;
        } finally {
            writeLock.unlock();
        }
    }

    /// Whether messages go here now (write lock held).
    boolean diverted() {
        return diverted;
    }

    /// Commits `messages` of room `roomId` here, in one transaction (write lock held, diverted).
    void append(long roomId, List<NewMessage> messages) throws SQLException {
        Transactions.run(
                connection,
                () -> {
                    try {
                        for (NewMessage message : messages) {
                            HostStore.bindMessage(insert, roomId, message);
                            insert.addBatch();
                        }
                        insert.executeBatch();
                    } finally {
                        insert.clearBatch();
                    }
                    return null;
                });
        for (NewMessage message : messages) {
            pending.add(new Pending(roomId, message));
        }
        holdsRows = true;
    }

    /// Messages here that the main file does not hold yet, oldest first (write lock held).
    List<Pending> pending() {
        return pending;
    }

    /// The main file now holds every pending message (write lock held).
    void drained() {
        pending.clear();
    }

    /// Deletes the messages that the main file now holds and starts this file's log over
    /// (checkpointer thread), so that the next diverted commit does not sync the log's new
    /// header (see [Checkpointer]). Does nothing while diverted or while messages are pending.
    ///
    /// @param readLock the store's read lock, held while deleting: a reader looks at both files
    ///     one after the other, and must not find a message gone from here that its look at the
    ///     main file, a moment earlier, did not find there yet; held again for the write that
    ///     starts the log over, which a reader's snapshot would prevent
    void clear(ReentrantLock readLock) throws SQLException {
        writeLock.lock();
        try {
            if (diverted || !pending.isEmpty() || !holdsRows) {
                return;
            }
        } finally {
            writeLock.unlock();
        }
        readLock.lock();
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM message");
        } finally {
            readLock.unlock();
        }
        writeLock.lock();
        try {
            holdsRows = false;
        } finally {
            writeLock.unlock();
        }
        try (Statement statement = connection.createStatement()) {
            try (ResultSet ignored = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                // copied while nothing writes here
            }
            readLock.lock();
            try {
                statement.execute("PRAGMA application_id = " + APPLICATION_ID);
            } finally {
                readLock.unlock();
            }
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
