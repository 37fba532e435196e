package confab.host.store;

import confab.crypto.wire.Bytes;
import confab.crypto.wire.KdfParams;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/// The host's accounts, rooms and message history in one SQLite database file.
///
/// Guarantees:
/// - [#append] returns only once its whole batch is committed, and a failed batch leaves
///   nothing behind. A committed batch survives a crash of the host process; with
///   [Durability#FULL] it also survives a power cut.
/// - One process at a time: a second store on the same data directory is refused (an OS file
///   lock, released by the OS even when the holder is killed).
/// - Thread-safe. Writes go through one connection (or the side file's, below) and reads
///   through another, each guarded by its own lock; in WAL mode a reader never waits for a commit
// in progress. A caller waiting
///   for a lock parks (virtual threads unmount); a call inside SQLite holds its carrier thread,
///   so at most two carriers are ever busy here.
/// - A commit never copies the write-ahead log into the database file: a [Checkpointer] thread
///   does, with a third connection. While it lets the log start over, which needs the log
///   copied to its end, messages are committed to a [SideFile] instead and reach the main file
///   with its next commit; reads look at both.
///
/// Timestamps are epoch milliseconds supplied by the caller. The database file, the side file,
/// their `-wal` and `-shm` companions and a lock file live in the data directory.
public final class HostStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HostStore.class);

    /// Name of the database file inside the data directory.
    public static final String DATABASE_FILE = "confab-host.db";

    /// Name of the file whose OS lock keeps a second host off the same data directory.
    public static final String LOCK_FILE = "confab-host.lock";

    private static final int BUSY_TIMEOUT_MILLIS = 5_000;

    private static final String ACCOUNT_COLUMNS =
            "login, salt, verifier, kdf_memory_kib, kdf_iterations, kdf_parallelism, created_at";
    private static final String ROOM_COLUMNS =
            "name, salt, verifier, kdf_memory_kib, kdf_iterations, kdf_parallelism, key_salt,"
                    + " created_by, created_at, retention";

    private final Path databaseFile;
    private final FileChannel lockChannel;
    private volatile boolean closed;

    private final ReentrantLock writeLock;
    private final Connection writer;
    private final PreparedStatement insertAccount;
    private final PreparedStatement insertRoom;
    private final PreparedStatement roomForAppend;
    private final PreparedStatement roomById;
    private final PreparedStatement insertMessage;
    private final PreparedStatement insertMessageIfNew;
    private final PreparedStatement selectStoredSeq;
    private final PreparedStatement selectHighestSeq;
    private final PreparedStatement trimMessages;
    private final PreparedStatement updateMessageCount;

    // What a diverted commit would otherwise read in the main file (write lock). A read there
    // would hold a snapshot of its log and could keep the checkpointer from starting it over.
    private final Map<String, Long> roomIds = new HashMap<>();
    private final Map<Long, Long> highestMainSeq = new HashMap<>(); // no seq in main above it

    private final ReentrantLock readLock;
    private final Connection reader;
    private final PreparedStatement selectAccount;
    private final PreparedStatement selectRoom;
    private final PreparedStatement selectRooms;
    private final PreparedStatement selectLatestSeq;
    private final PreparedStatement selectMessagesAfter;

    private final SideFile side;
    private final Checkpointer checkpointer;

    private HostStore(
            Path databaseFile,
            FileChannel lockChannel,
            Locks locks,
            Connection writer,
            Connection reader,
            SideFile side,
            Checkpointer checkpointer)
            throws SQLException {
        this.databaseFile = databaseFile;
        this.lockChannel = lockChannel;
        this.writeLock = locks.write();
        this.readLock = locks.read();
        this.writer = writer;
        this.reader = reader;
        this.side = side;
        this.checkpointer = checkpointer;

        insertAccount =
                writer.prepareStatement(
                        "INSERT INTO account ("
                                + ACCOUNT_COLUMNS
                                + ") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (login) DO NOTHING");
        insertRoom =
                writer.prepareStatement(
                        "INSERT INTO room ("
                                + ROOM_COLUMNS
                                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                + " ON CONFLICT (name) DO NOTHING");
        roomForAppend =
                writer.prepareStatement(
                        "SELECT id, retention, message_count FROM room WHERE name = ?");
        roomById =
                writer.prepareStatement(
                        "SELECT id, retention, message_count FROM room WHERE id = ?");
        insertMessage =
                writer.prepareStatement(
                        "INSERT INTO message (room_id, seq, sender, counter, sealed, stored_at)"
                                + " VALUES (?, ?, ?, ?, ?, ?)");
        // Side messages that a crash left behind may be in the main file already.
        insertMessageIfNew =
                writer.prepareStatement(
                        "INSERT INTO message (room_id, seq, sender, counter, sealed, stored_at)"
                                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (room_id, seq) DO NOTHING");
        selectStoredSeq =
                writer.prepareStatement("SELECT seq FROM message WHERE room_id = ? AND seq = ?");
        selectHighestSeq =
                writer.prepareStatement(
                        "SELECT coalesce(max(seq), 0) FROM message WHERE room_id = ?");
        trimMessages =
                writer.prepareStatement(
                        "DELETE FROM message WHERE id IN"
                                + " (SELECT id FROM message WHERE room_id = ? ORDER BY seq LIMIT ?)");
        updateMessageCount =
                writer.prepareStatement("UPDATE room SET message_count = ? WHERE id = ?");

        selectAccount =
                reader.prepareStatement(
                        "SELECT " + ACCOUNT_COLUMNS + " FROM account WHERE login = ?");
        selectRoom =
                reader.prepareStatement("SELECT " + ROOM_COLUMNS + " FROM room WHERE name = ?");
        selectRooms =
                reader.prepareStatement("SELECT " + ROOM_COLUMNS + " FROM room ORDER BY name");
        // The side file's messages not yet in the main file are the newest of their room (its
        // seqs only grow, and every commit to the main file takes them along first).
        String roomId = "(SELECT id FROM main.room WHERE name = ?1)";
        selectLatestSeq =
                reader.prepareStatement(
                        "SELECT max(seq) FROM (SELECT seq FROM main.message WHERE room_id = "
                                + roomId
                                + " UNION ALL SELECT seq FROM side.message WHERE room_id = "
                                + roomId
                                + ")");
        selectMessagesAfter =
                reader.prepareStatement(
                        "SELECT seq, sender, counter, sealed, stored_at FROM main.message"
                                + " WHERE room_id = "
                                + roomId
                                + " AND seq > ?2"
                                + " UNION ALL SELECT seq, sender, counter, sealed, stored_at"
                                + " FROM side.message WHERE room_id = "
                                + roomId
                                + " AND seq > ?2 AND seq > (SELECT coalesce(max(seq), 0)"
                                + " FROM main.message WHERE room_id = "
                                + roomId
                                + ") ORDER BY seq LIMIT ?3");
    }

    /// Opens or creates `dataDir/confab-host.db` (creating `dataDir`), applies migrations.
    ///
    /// @throws HostStoreException if the directory is in use by another host, the file is
    ///     from a newer Confab or another program, or it cannot be opened
    public static HostStore open(Path dataDir, Durability durability) {
        return open(dataDir, durability, Schema.MIGRATIONS);
    }

    /// [#open(Path, Durability)] with another schema history (tests of the migration).
    static HostStore open(Path dataDir, Durability durability, List<Migration> migrations) {
        return open(dataDir, durability, migrations, Checkpointer.Settings.DEFAULT);
    }

    /// [#open(Path, Durability)] with other checkpoint settings (tests of the checkpoints).
    static HostStore open(
            Path dataDir,
            Durability durability,
            List<Migration> migrations,
            Checkpointer.Settings checkpoints) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(checkpoints, "checkpoints");
        Path dir = dataDir.toAbsolutePath();
        Path file = dir.resolve(DATABASE_FILE);
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            Files.createDirectories(dir);
            FileChannel lockChannel =
                    FileChannel.open(
                            dir.resolve(LOCK_FILE),
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE);
            opened.push(lockChannel);
            if (!lock(lockChannel)) {
                throw new HostStoreException(dir + " is in use by another Confab host");
            }
            Connection writer = connect(file, durability, Role.WRITER);
            opened.push(writer);
            Schema.migrate(writer, migrations, file);
            Locks locks = new Locks(new ReentrantLock(), new ReentrantLock());
            Path sideFile = dir.resolve(SideFile.FILE);
            SideFile side =
                    SideFile.open(
                            sideFile, connect(sideFile, durability, Role.SIDE), locks.write());
            opened.push(side);
            Connection reader = connect(file, durability, Role.READER);
            opened.push(reader);
            try (var statement = reader.createStatement()) {
                // The path goes in as text: ATTACH takes no bound parameter for it in JDBC.
                statement.execute(
                        "ATTACH DATABASE '" + sideFile.toString().replace("'", "''") + "' AS side");
            }
            Checkpointer checkpointer =
                    new Checkpointer(
                            connect(file, durability, Role.CHECKPOINTER),
                            side,
                            locks.read(),
                            checkpoints,
                            file);
            opened.push(checkpointer); // closed first, as in close()
            HostStore store =
                    new HostStore(file, lockChannel, locks, writer, reader, side, checkpointer);
            int leftovers = store.drainLeftovers();
            if (leftovers > 0) {
                log.info(
                        "Moved {} messages that the last run left in {} into {}",
                        leftovers,
                        sideFile,
                        file);
            }
            checkpointer.start();
            log.debug("Opened {} ({} durability)", file, durability);
            return store;
        } catch (IOException | SQLException | RuntimeException e) {
            while (!opened.isEmpty()) {
                try {
                    opened.pop().close();
                } catch (Exception closing) {
                    e.addSuppressed(closing);
                }
            }
            if (e instanceof HostStoreException known) {
                throw known;
            }
            throw new HostStoreException("could not open " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean lock(FileChannel channel) throws IOException {
        try {
            FileLock lock = channel.tryLock();
            return lock != null; // released when the channel closes or the process ends
        } catch (OverlappingFileLockException heldByThisProcess) {
            return false;
        }
    }

    private record Locks(ReentrantLock write, ReentrantLock read) {}

    private enum Role {
        WRITER,
        READER,
        CHECKPOINTER,
        SIDE
    }

    private static Connection connect(Path file, Durability durability, Role role)
            throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(
                switch (durability) {
                    case NORMAL -> SQLiteConfig.SynchronousMode.NORMAL;
                    case FULL -> SQLiteConfig.SynchronousMode.FULL;
                });
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        // Take the write lock at BEGIN, so that a transaction never has to upgrade a read.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        Connection connection = config.createConnection("jdbc:sqlite:" + file);
        try (var statement = connection.createStatement()) {
            if (role == Role.READER) {
                statement.execute("PRAGMA query_only = ON");
            } else if (role == Role.WRITER) {
                // Commits never checkpoint: the Checkpointer does, off the room's path.
                statement.execute("PRAGMA wal_autocheckpoint = 0");
                try (var rows = statement.executeQuery("PRAGMA journal_mode")) {
                    rows.next();
                    String mode = rows.getString(1);
                    if (!"wal".equalsIgnoreCase(mode)) {
                        log.warn(
                                "{} runs in journal mode {}, not WAL: reads will wait for"
                                        + " writes",
                                file,
                                mode);
                    }
                }
            }
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return connection;
    }

    /// The database file (absolute).
    public Path databaseFile() {
        return databaseFile;
    }

    /// Stores a new account; `false` if the login exists (no exception for that case).
    public boolean createAccount(AccountRecord account) {
        Objects.requireNonNull(account, "account");
        return write(
                "create account " + account.login(),
                () -> {
                    PreparedStatement insert = insertAccount;
                    insert.setString(1, account.login());
                    insert.setBytes(2, account.salt().toArray());
                    insert.setBytes(3, account.verifier().toArray());
                    setKdf(insert, 4, account.kdf());
                    insert.setLong(7, account.createdAt());
                    return insert.executeUpdate() == 1;
                });
    }

    public Optional<AccountRecord> findAccount(String login) {
        Objects.requireNonNull(login, "login");
        return read(
                "find account " + login,
                () -> {
                    selectAccount.setString(1, login);
                    try (ResultSet rows = selectAccount.executeQuery()) {
                        if (!rows.next()) {
                            return Optional.empty();
                        }
                        return Optional.of(
                                new AccountRecord(
                                        rows.getString(1),
                                        bytes(rows, 2),
                                        bytes(rows, 3),
                                        kdf(rows, 4),
                                        rows.getLong(7)));
                    }
                });
    }

    /// Stores a new room; `false` if the room name exists.
    public boolean createRoom(RoomRecord room) {
        Objects.requireNonNull(room, "room");
        return write(
                "create room " + room.name(),
                () -> {
                    PreparedStatement insert = insertRoom;
                    insert.setString(1, room.name());
                    insert.setBytes(2, room.salt().toArray());
                    insert.setBytes(3, room.verifier().toArray());
                    setKdf(insert, 4, room.kdf());
                    insert.setBytes(7, room.keySalt().toArray());
                    insert.setString(8, room.createdBy());
                    insert.setLong(9, room.createdAt());
                    insert.setInt(10, room.retention());
                    return insert.executeUpdate() == 1;
                });
    }

    public Optional<RoomRecord> findRoom(String name) {
        Objects.requireNonNull(name, "name");
        return read(
                "find room " + name,
                () -> {
                    selectRoom.setString(1, name);
                    try (ResultSet rows = selectRoom.executeQuery()) {
                        return rows.next() ? Optional.of(room(rows)) : Optional.empty();
                    }
                });
    }

    /// All rooms, by name.
    public List<RoomRecord> listRooms() {
        return read(
                "list rooms",
                () -> {
                    List<RoomRecord> rooms = new ArrayList<>();
                    try (ResultSet rows = selectRooms.executeQuery()) {
                        while (rows.next()) {
                            rooms.add(room(rows));
                        }
                    }
                    return List.copyOf(rooms);
                });
    }

    /// Highest stored seq of the room, 0 if none (or if there is no such room).
    public long latestSeq(String room) {
        Objects.requireNonNull(room, "room");
        return read(
                "read the latest seq of room " + room,
                () -> {
                    selectLatestSeq.setString(1, room);
                    try (ResultSet rows = selectLatestSeq.executeQuery()) {
                        return rows.next() ? rows.getLong(1) : 0L; // NULL reads as 0
                    }
                });
    }

    /// Appends a batch in ONE transaction (group commit) and returns only after it is
    /// committed. Applies the room's retention (deletes the oldest beyond `retention`) in the
    /// same transaction.
    ///
    /// @throws HostStoreException if the room does not exist or a seq is already stored in the
    ///     room (or twice in the batch); then nothing of the batch is stored
    public void append(String room, List<NewMessage> batch) {
        Objects.requireNonNull(room, "room");
        List<NewMessage> messages = List.copyOf(batch);
        if (messages.isEmpty()) {
            return;
        }
        write(
                "append " + messages.size() + " messages to room " + room,
                () -> {
                    if (side.diverted()) {
                        long roomId = roomId(room);
                        refuseStoredSeqs(roomId, messages);
                        side.append(roomId, messages);
                    } else {
                        Transactions.run(
                                writer,
                                () -> {
                                    drainInTransaction();
                                    store(roomNamed(room), messages, insertMessage);
                                    return null;
                                });
                        side.drained();
                    }
                    return null;
                });
    }

    /// A room's row as an append needs it.
    private record RoomRow(long id, int retention, long messageCount) {}

    private RoomRow roomNamed(String name) throws SQLException {
        roomForAppend.setString(1, name);
        RoomRow room = roomRow(roomForAppend, "no room named " + name);
        roomIds.put(name, room.id()); // rooms are never deleted nor renamed
        return room;
    }

    /// The id of room `name`, read in the main file only the first time.
    private long roomId(String name) throws SQLException {
        Long id = roomIds.get(name);
        return id != null ? id : roomNamed(name).id();
    }

    private RoomRow roomWithId(long id) throws SQLException {
        roomById.setLong(1, id);
        return roomRow(roomById, "no room with id " + id);
    }

    private static RoomRow roomRow(PreparedStatement query, String missing) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            if (!rows.next()) {
                throw new HostStoreException(missing);
            }
            return new RoomRow(rows.getLong(1), rows.getInt(2), rows.getLong(3));
        }
    }

    /// What the side file's unique key cannot see while diverted: a seq in the main file. Looks
    /// there only for a seq not above the highest one the main file is known to hold.
    private void refuseStoredSeqs(long roomId, List<NewMessage> messages) throws SQLException {
        Long highest = highestMainSeq.get(roomId);
        if (highest != null && messages.stream().allMatch(message -> message.seq() > highest)) {
            return;
        }
        for (NewMessage message : messages) {
            selectStoredSeq.setLong(1, roomId);
            selectStoredSeq.setLong(2, message.seq());
            try (ResultSet rows = selectStoredSeq.executeQuery()) {
                if (rows.next()) {
                    throw new SQLException(
                            "UNIQUE constraint failed: seq " + message.seq() + " is stored");
                }
            }
        }
    }

    /// Copies the side file's pending messages into the main file, in the caller's transaction.
    private void drainInTransaction() throws SQLException {
        Map<Long, List<NewMessage>> byRoom = new LinkedHashMap<>();
        for (SideFile.Pending pending : side.pending()) {
            byRoom.computeIfAbsent(pending.roomId(), id -> new ArrayList<>())
                    .add(pending.message());
        }
        for (Map.Entry<Long, List<NewMessage>> room : byRoom.entrySet()) {
            store(roomWithId(room.getKey()), room.getValue(), insertMessageIfNew);
        }
    }

    /// Sets the parameters of an insert whose columns are room_id, seq, sender, counter, sealed
    /// and stored_at, in that order (also the side file's).
    static void bindMessage(PreparedStatement insert, long roomId, NewMessage message)
            throws SQLException {
        insert.setLong(1, roomId);
        insert.setLong(2, message.seq());
        insert.setString(3, message.sender());
        insert.setLong(4, message.counter());
        insert.setBytes(5, message.sealed().toArray());
        insert.setLong(6, message.storedAt());
    }

    /// Stores `messages`, then applies the room's retention (deletes the oldest beyond it).
    private void store(RoomRow room, List<NewMessage> messages, PreparedStatement insert)
            throws SQLException {
        noteHighestSeq(room.id(), messages);
        long inserted = 0;
        try {
            for (NewMessage message : messages) {
                bindMessage(insert, room.id(), message);
                insert.addBatch();
            }
            for (int updated : insert.executeBatch()) {
                inserted += updated;
            }
        } finally {
            insert.clearBatch();
        }
        int retention = room.retention();
        if (retention == 0) {
            // Only retention reads the count: without it, the room's row is left alone, and a
            // commit of one message logs two pages (its row and its key) instead of three.
            return;
        }
        long count = room.messageCount() + inserted;
        if (count > retention) {
            trimMessages.setLong(1, room.id());
            trimMessages.setLong(2, count - retention);
            count -= trimMessages.executeUpdate();
        }
        updateMessageCount.setLong(1, count);
        updateMessageCount.setLong(2, room.id());
        updateMessageCount.executeUpdate();
    }

    /// Raises the room's [#highestMainSeq] to what `messages` will add (before they are stored:
    /// if their transaction rolls back, the bound is only higher than needed).
    private void noteHighestSeq(long roomId, List<NewMessage> messages) throws SQLException {
        Long known = highestMainSeq.get(roomId);
        if (known == null) {
            selectHighestSeq.setLong(1, roomId);
            try (ResultSet rows = selectHighestSeq.executeQuery()) {
                known = rows.next() ? rows.getLong(1) : 0L;
            }
        }
        long highest = known;
        for (NewMessage message : messages) {
            highest = Math.max(highest, message.seq());
        }
        highestMainSeq.put(roomId, highest);
    }

    /// Moves what the side file holds into the main file and empties it (open, close);
    /// returns how many messages were pending.
    private int drainLeftovers() throws SQLException {
        writeLock.lock();
        try {
            side.resume();
            int pending = side.pending().size();
            if (pending > 0) {
                Transactions.run(
                        writer,
                        () -> {
                            drainInTransaction();
                            return null;
                        });
                side.drained();
            }
            side.clear(readLock);
            return pending;
        } finally {
            writeLock.unlock();
        }
    }

    /// Messages with seq > afterSeq, ascending, at most `limit` (empty for an unknown room).
    public List<StoredMessage> messagesAfter(String room, long afterSeq, int limit) {
        Objects.requireNonNull(room, "room");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be 1 or more: " + limit);
        }
        return read(
                "read messages of room " + room,
                () -> {
                    selectMessagesAfter.setString(1, room);
                    selectMessagesAfter.setLong(2, afterSeq);
                    selectMessagesAfter.setInt(3, limit);
                    List<StoredMessage> messages = new ArrayList<>();
                    try (ResultSet rows = selectMessagesAfter.executeQuery()) {
                        while (rows.next()) {
                            messages.add(
                                    new StoredMessage(
                                            room,
                                            rows.getLong(1),
                                            rows.getString(2),
                                            rows.getLong(3),
                                            bytes(rows, 4),
                                            rows.getLong(5)));
                        }
                    }
                    return List.copyOf(messages);
                });
    }

    /// Closes the database; later calls throw `IllegalStateException`. Idempotent.
    @Override
    public void close() {
        List<Exception> failures = new ArrayList<>();
        // Before taking the locks: a checkpoint pass may be waiting for the write lock.
        try {
            checkpointer.close();
        } catch (SQLException e) {
            failures.add(e);
        }
        writeLock.lock();
        readLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                drainLeftovers(); // leaves the side file empty
            } catch (SQLException | RuntimeException e) {
                failures.add(e); // kept there: the next open moves them
            }
            // The writer goes last: closing the last connection checkpoints the WAL.
            for (AutoCloseable resource : List.of(reader, side, writer, lockChannel)) {
                try {
                    resource.close();
                } catch (Exception e) {
                    failures.add(e);
                }
            }
            if (!failures.isEmpty()) {
                HostStoreException failure =
                        new HostStoreException("could not close " + databaseFile, failures.get(0));
                failures.stream().skip(1).forEach(failure::addSuppressed);
                throw failure;
            }
            log.debug("Closed {}", databaseFile);
        } finally {
            readLock.unlock();
            writeLock.unlock();
        }
    }

    /// A numeric PRAGMA as the writing connection sees it (tests of the configuration).
    int writerPragma(String name) {
        return locked(writeLock, "read PRAGMA " + name, () -> Schema.pragma(writer, name));
    }

    /// The store's checkpoints (tests).
    Checkpointer checkpointer() {
        return checkpointer;
    }

    /// The file that takes the commits while the log starts over (tests).
    SideFile side() {
        return side;
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    private <T> T write(String what, SqlWork<T> work) {
        T result = locked(writeLock, what, work);
        checkpointer.committed();
        return result;
    }

    private <T> T read(String what, SqlWork<T> work) {
        return locked(readLock, what, work);
    }

    private <T> T locked(ReentrantLock lock, String what, SqlWork<T> work) {
        lock.lock();
        try {
            return guarded(what, work);
        } finally {
            lock.unlock();
        }
    }

    private <T> T guarded(String what, SqlWork<T> work) {
        if (closed) {
            throw new IllegalStateException("store is closed: " + databaseFile);
        }
        try {
            return work.run();
        } catch (SQLException e) {
            throw new HostStoreException("could not " + what + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // A record refused what the file holds: the file was changed behind our back.
            throw new HostStoreException("could not " + what + ": bad stored value", e);
        }
    }

    private static void setKdf(PreparedStatement statement, int first, KdfParams kdf)
            throws SQLException {
        statement.setInt(first, kdf.memoryKiB());
        statement.setInt(first + 1, kdf.iterations());
        statement.setInt(first + 2, kdf.parallelism());
    }

    private static KdfParams kdf(ResultSet rows, int first) throws SQLException {
        return new KdfParams(rows.getInt(first), rows.getInt(first + 1), rows.getInt(first + 2));
    }

    private static Bytes bytes(ResultSet rows, int column) throws SQLException {
        byte[] value = rows.getBytes(column);
        return Bytes.of(value == null ? new byte[0] : value);
    }

    private static RoomRecord room(ResultSet rows) throws SQLException {
        return new RoomRecord(
                rows.getString(1),
                bytes(rows, 2),
                bytes(rows, 3),
                kdf(rows, 4),
                bytes(rows, 7),
                rows.getString(8),
                rows.getLong(9),
                rows.getInt(10));
    }
}
