package confab.host.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Copies the write-ahead log into the database file on its own thread and connection, so that
/// no commit pays for it.
///
/// SQLite's automatic checkpoint runs inside whichever commit crosses its threshold, and that
/// commit then waits for the copy and its fsync while the room waits for the commit. Here the
/// writer's automatic checkpoint is off and a thread runs `PRAGMA wal_checkpoint(PASSIVE)` a
/// short interval after commits, which copies frames while commits go on.
///
/// A passive checkpoint alone never lets the log start over under continuous commits: SQLite
/// reuses the log from its beginning only when a write transaction begins with every frame
/// copied, and new frames keep arriving during the copy. So once the log has grown to
/// [Settings#restartPages], a pass diverts the commits to the [SideFile] and runs a second
/// passive checkpoint, which copies the frames committed meanwhile with none arriving; the
/// next commit to the main file then writes its log from the beginning. Holding the commits
/// off instead would make them wait for that copy and its fsyncs, a few ms on a busy disk.
/// The first checkpoint cannot tell whether frames arrived during it (SQLite reports the log
/// as it was when the checkpoint began, as a rule all copied), so the second one runs whenever
/// the log has reached the limit; with no commit meanwhile it has nothing to copy.
///
/// The first write after a log starts over writes the log's new header and syncs it, even with
/// `synchronous=NORMAL`: an fsync of 0.5-1 ms on a busy disk. So the pass makes that write
/// itself, one that changes nothing, while the commits are still diverted; it holds the read
/// lock meanwhile, since SQLite does not start a log over while a reader holds a snapshot of
/// it (diverted commits read nothing in the main file). Each pass also deletes what the side
/// file holds once the main file has it, and starts the side file's log over the same way.
///
/// The thread is a platform thread: a call inside SQLite would pin a virtual thread's carrier,
/// which the sessions' virtual threads need.
final class Checkpointer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);

    private static final long JOIN_MILLIS = 5_000;

    /// When passes run: `interval` after the first commit since the last pass (so that one pass
    /// copies many commits), and with the commits diverted once the log holds `restartPages` pages.
    record Settings(Duration interval, int restartPages) {
        /// 4,000 pages are about 16 MB of log with SQLite's default 4 KiB page.
        static final Settings DEFAULT = new Settings(Duration.ofMillis(200), 4_000);

        Settings {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative() || restartPages < 1) {
                throw new IllegalArgumentException(
                        "bad checkpoint settings: " + interval + ", " + restartPages);
            }
        }
    }

    /// What a pass's last checkpoint found: frames in the log when it began and how many of
    /// them are in the database file (-1 both if SQLite could not tell).
    record Pass(int logPages, int copiedPages) {}

    private final Connection connection;
    private final SideFile side;
    private final ReentrantLock readLock;
    private final Settings settings;
    private final Path file;
    private final Thread thread;
    private final AtomicBoolean committed = new AtomicBoolean();
    private volatile boolean stopping;

    private final ReentrantLock passLock = new ReentrantLock(); // one pass at a time
    private final AtomicLong passes = new AtomicLong();
    private final AtomicLong divertedPasses = new AtomicLong();
    private final AtomicLong wakeups = new AtomicLong();
    private int failuresInARow; // checkpoint thread only

    /// Takes over `connection` (closed by [#close]), not `side`; `readLock` is the lock that
    /// every read of the store holds.
    Checkpointer(
            Connection connection,
            SideFile side,
            ReentrantLock readLock,
            Settings settings,
            Path file) {
        this.connection = connection;
        this.side = side;
        this.readLock = readLock;
        this.settings = settings;
        this.file = file;
        this.thread = Thread.ofPlatform().daemon().name("confab-checkpoint").unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /// Tells the thread that a write transaction committed. Cheap: only the first commit after
    /// a pass wakes the thread.
    void committed() {
        if (!committed.getAndSet(true)) {
            LockSupport.unpark(thread);
        }
    }

    /// Stops the thread (waiting for a pass in progress) and closes the connection. Idempotent.
    @Override
    public void close() throws SQLException {
        stopping = true;
        LockSupport.unpark(thread);
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn(
                    "The checkpoint thread of {} did not end within {} ms; closing its"
                            + " connection anyway",
                    file,
                    JOIN_MILLIS);
        }
        connection.close();
    }

    /// Passes run so far, by the thread or by [#pass] (tests).
    long passes() {
        return passes.get();
    }

    /// Passes so far that diverted the commits so that the log could start over (tests).
    long divertedPasses() {
        return divertedPasses.get();
    }

    /// The checkpoint thread's state; `TIMED_WAITING` while it waits out the interval (tests).
    Thread.State threadState() {
        return thread.getState();
    }

    /// Times the checkpoint thread has woken from waiting so far (tests).
    long wakeups() {
        return wakeups.get();
    }

    /// Interrupts the checkpoint thread, as stray code might (tests).
    void interruptThread() {
        thread.interrupt();
    }

    /// One pass: a passive checkpoint, a second one with the commits diverted if the log has
    /// reached [Settings#restartPages], and the side file's cleanup.
    Pass pass() throws SQLException {
        passLock.lock();
        try {
            Pass pass = passive();
            if (pass.logPages() >= settings.restartPages()) {
                side.divert();
                try {
                    pass = passive();
                    if (pass.logPages() > 0 && pass.copiedPages() == pass.logPages()) {
                        startLogOver();
                    }
                } finally {
                    side.resume();
                }
                divertedPasses.incrementAndGet();
                log.debug("Checkpoint of {} with the commits diverted: {}", file, pass);
            }
            side.clear(readLock);
            passes.incrementAndGet();
            return pass;
        } finally {
            passLock.unlock();
        }
    }

    /// Starts the fully copied log over with a write of its own (see the class comment).
    private void startLogOver() throws SQLException {
        readLock.lock();
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA main.application_id = " + Schema.APPLICATION_ID);
        } finally {
            readLock.unlock();
        }
    }

    private Pass passive() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA main.wal_checkpoint(PASSIVE)")) {
            if (!rows.next()) {
                throw new SQLException("PRAGMA wal_checkpoint returned no row");
            }
            // columns: busy (another checkpoint ran), log pages, copied pages
            return new Pass(rows.getInt(2), rows.getInt(3));
        }
    }

    private void run() {
        try {
            while (!stopping) {
                ignoreInterrupt();
                if (!committed.get()) {
                    LockSupport.park(this);
                    wakeups.incrementAndGet();
                    continue;
                }
                gatherCommits();
                if (stopping) {
                    break;
                }
                committed.set(false); // commits during the pass wake us for the next one
                passLogged();
            }
        } catch (Error e) {
            log.error(
                    "Checkpointing of {} stopped: its write-ahead log grows until the host"
                            + " restarts",
                    file,
                    e);
            throw e;
        }
    }

    /// Waits out the interval, whatever wakes the thread meanwhile, unless the store closes.
    private void gatherCommits() {
        long deadline = System.nanoTime() + settings.interval().toNanos();
        long left;
        while (!stopping && (left = deadline - System.nanoTime()) > 0) {
            ignoreInterrupt();
            LockSupport.parkNanos(this, left);
            wakeups.incrementAndGet();
        }
    }

    /// Clears an interrupt: nothing here interrupts this thread ([#close] sets `stopping`), and
    /// with the flag set every park returns at once, so the thread would spin on its core.
    private void ignoreInterrupt() {
        if (Thread.interrupted()) {
            log.warn("The checkpoint thread of {} was interrupted; it carries on", file);
        }
    }

    private void passLogged() {
        try {
            pass();
            if (failuresInARow > 0) {
                log.info(
                        "Checkpoints of {} work again after {} failed passes",
                        file,
                        failuresInARow);
                failuresInARow = 0;
            }
        } catch (SQLException | RuntimeException e) {
            // Each commit retries; warn once per run of failures rather than five times a second.
            if (failuresInARow++ == 0) {
                log.warn(
                        "Could not checkpoint the write-ahead log of {}; retrying after the next"
                                + " commit",
                        file,
                        e);
            } else {
                log.debug("Checkpoint of {} failed again", file, e);
            }
        }
    }
}
