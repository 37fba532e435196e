package confab.host.store;

import static confab.host.store.Fixtures.message;
import static confab.host.store.Fixtures.range;
import static confab.host.store.Fixtures.room;
import static confab.host.store.Fixtures.seqs;
import static confab.host.store.Fixtures.storedRange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class CheckpointerTest {
    private static final String LOBBY = "lobby";

    /// SQLite's default `wal_autocheckpoint`: a commit past it would checkpoint and the next
    /// one would start the log over.
    private static final int AUTO_CHECKPOINT_PAGES = 1_000;

    /// Enough single-message commits (about 2 pages each) for some 1,500 pages of log.
    private static final int COMMITS_PAST_AUTO_CHECKPOINT = 700;

    private static final int ROUNDS = 20;

    /// Bounds the writer of the continuous test should the rounds never end.
    private static final long MAX_CONTINUOUS_COMMITS = 50_000;

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir Path dir;

    @Test
    void commitsNeverCopyTheLogThemselves() throws Exception {
        try (HostStore store = open(manual(Integer.MAX_VALUE))) {
            appendOneByOne(store, 1, COMMITS_PAST_AUTO_CHECKPOINT);

            Checkpointer.Pass pass = store.checkpointer().pass();

            assertThat(pass.logPages()).isGreaterThan(AUTO_CHECKPOINT_PAGES);
            assertThat(pass.copiedPages()).isEqualTo(pass.logPages());
            assertThat(store.writerPragma("wal_autocheckpoint")).isZero();
        }
    }

    @Test
    void aMessageInARoomWithoutRetentionAddsAboutTwoPagesToTheLog() throws Exception {
        // its row and its (room, seq) key; the room's row is written only where a retention
        // needs its message count, and splits of the two trees add a page now and then
        try (HostStore store = open(manual(Integer.MAX_VALUE))) {
            store.checkpointer().pass();
            store.append(LOBBY, List.of(message(1))); // starts the log over

            appendOneByOne(store, 2, 500);
            Checkpointer.Pass pass = store.checkpointer().pass();

            // 1,088 pages for these 500 commits; 1,589 when each also wrote the room's row
            assertThat(pass.logPages()).isBetween(1_000, 1_150);
        }
    }

    @Test
    void aPassCopiesEverythingAndTheNextCommitStartsTheLogOver() throws Exception {
        try (HostStore store = open(manual(Integer.MAX_VALUE))) {
            Checkpointer checkpointer = store.checkpointer();
            appendOneByOne(store, 1, 200);
            int generation = logGeneration();

            Checkpointer.Pass first = checkpointer.pass();
            int generationAfterPass = logGeneration();
            store.append(LOBBY, List.of(message(201)));
            Checkpointer.Pass second = checkpointer.pass();

            assertThat(first.logPages()).isGreaterThanOrEqualTo(200);
            assertThat(first.copiedPages()).isEqualTo(first.logPages());
            assertThat(generationAfterPass).isEqualTo(generation);
            assertThat(logGeneration()).isEqualTo(generation + 1);
            assertThat(second.logPages()).isBetween(1, 20);
            assertThat(second.copiedPages()).isEqualTo(second.logPages());
            assertThat(checkpointer.divertedPasses()).isZero();
            assertThat(store.messagesAfter(LOBBY, 0, 1_000)).isEqualTo(storedRange(LOBBY, 1, 201));
        }
    }

    @Test
    void thePassAtTheLimitStartsTheLogOverItselfBeforeTheNextCommit() throws Exception {
        try (HostStore store = open(manual(50))) {
            Checkpointer checkpointer = store.checkpointer();
            appendOneByOne(store, 1, 100);
            int generation = logGeneration();

            checkpointer.pass();

            assertThat(checkpointer.divertedPasses()).isEqualTo(1);
            assertThat(logGeneration()).isEqualTo(generation + 1);
            store.append(LOBBY, List.of(message(101)));
            assertThat(logGeneration()).isEqualTo(generation + 1);
            assertThat(store.messagesAfter(LOBBY, 0, 1_000)).isEqualTo(storedRange(LOBBY, 1, 101));
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void underContinuousCommitsThePassAtTheLimitLetsTheLogStartOver() throws Exception {
        try (HostStore store = open(manual(50))) {
            Checkpointer checkpointer = store.checkpointer();
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicLong appended = new AtomicLong();
            AtomicReference<RuntimeException> writeFailure = new AtomicReference<>();
            Thread writer =
                    Thread.ofPlatform()
                            .name("test-writer")
                            .start(
                                    () -> {
                                        try {
                                            while (writing.get()
                                                    && appended.get() < MAX_CONTINUOUS_COMMITS) {
                                                long seq = appended.get() + 1;
                                                store.append(LOBBY, List.of(message(seq)));
                                                appended.set(seq);
                                            }
                                        } catch (RuntimeException e) {
                                            writeFailure.set(e);
                                        }
                                    });
            List<Boolean> startedOver = new ArrayList<>();
            try {
                for (int round = 0; round < ROUNDS; round++) {
                    int generation = logGeneration();
                    long locked = checkpointer.divertedPasses();
                    // Passes while commits go on, until one finds the log at the limit.
                    await().atMost(PATIENCE)
                            .pollInterval(Duration.ofMillis(1))
                            .until(
                                    () -> {
                                        checkpointer.pass();
                                        return checkpointer.divertedPasses() > locked;
                                    });
                    // The second of two commits seen from here began after that pass.
                    long seen = appended.get();
                    await().atMost(PATIENCE)
                            .pollInterval(Duration.ofMillis(1))
                            .until(() -> appended.get() >= seen + 2);
                    startedOver.add(logGeneration() > generation);
                }
            } finally {
                writing.set(false);
                writer.join();
            }

            assertThat(writeFailure.get()).isNull();
            assertThat(startedOver).hasSize(ROUNDS).containsOnly(true);
            assertThat(seqs(store.messagesAfter(LOBBY, 0, (int) MAX_CONTINUOUS_COMMITS)))
                    .isEqualTo(range(1, appended.get()));
        }
    }

    @Test
    void theCheckpointThreadLetsTheLogStartOverAndEveryMessageSurvivesReopening() throws Exception {
        AtomicLong appended = new AtomicLong();
        // A limit of a few commits' pages, so that passes 20 ms apart reach it.
        try (HostStore store = open(new Checkpointer.Settings(Duration.ofMillis(20), 10))) {
            Checkpointer checkpointer = store.checkpointer();
            int generation = logGeneration();
            // Keep committing, a batch per poll, until the thread has diverted the commits for
            // a pass and the log has started over.
            await().atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(2))
                    .until(
                            () -> {
                                long seq = appended.get() + 1;
                                store.append(LOBBY, List.of(message(seq)));
                                appended.set(seq);
                                return checkpointer.divertedPasses() >= 2
                                        && logGeneration() >= generation + 2;
                            });
        }

        // The writer closed last, so its close checkpointed everything and removed the log;
        // the side file's connection did the same for its own.
        assertThat(wal()).doesNotExist();
        assertThat(dir.resolve(SideFile.FILE + "-wal")).doesNotExist();
        try (HostStore store = HostStore.open(dir, Durability.NORMAL)) {
            assertThat(seqs(store.messagesAfter(LOBBY, 0, 100_000)))
                    .isEqualTo(range(1, appended.get()));
        }
    }

    @Test
    void closeWakesTheCheckpointThreadWaitingOutItsInterval() {
        HostStore store = open(manual(50));
        Checkpointer checkpointer = store.checkpointer();
        store.append(LOBBY, List.of(message(1)));
        await().atMost(PATIENCE)
                .until(() -> checkpointer.threadState() == Thread.State.TIMED_WAITING);

        // Shorter than close's bounded join: a thread that slept on would fail this.
        assertTimeoutPreemptively(Duration.ofSeconds(3), store::close);

        assertThat(checkpointer.threadState()).isEqualTo(Thread.State.TERMINATED);
        assertThat(checkpointer.passes()).isZero();
    }

    @Test
    void aStrayInterruptNeitherStopsTheCheckpointThreadNorMakesItSpin() {
        try (HostStore store = open(new Checkpointer.Settings(Duration.ofMillis(1), 50))) {
            Checkpointer checkpointer = store.checkpointer();
            await().atMost(PATIENCE)
                    .until(() -> checkpointer.threadState() == Thread.State.WAITING);

            checkpointer.interruptThread();
            await().atMost(PATIENCE)
                    .until(() -> checkpointer.threadState() == Thread.State.WAITING);
            long wakeups = checkpointer.wakeups();
            store.append(LOBBY, List.of(message(1)));
            await().atMost(PATIENCE).until(() -> checkpointer.passes() >= 1);
            await().atMost(PATIENCE)
                    .until(() -> checkpointer.threadState() == Thread.State.WAITING);

            // One commit: woken once by it and a few times waiting out 1 ms, not a spin
            // (which wakes millions of times a second).
            assertThat(checkpointer.wakeups() - wakeups).isLessThan(100);
        }
    }

    /// Passes run only when the test calls [Checkpointer#pass]: after a commit the thread
    /// waits a day.
    private static Checkpointer.Settings manual(int restartPages) {
        return new Checkpointer.Settings(Duration.ofDays(1), restartPages);
    }

    private HostStore open(Checkpointer.Settings checkpoints) {
        HostStore store = HostStore.open(dir, Durability.NORMAL, Schema.MIGRATIONS, checkpoints);
        store.createRoom(room(LOBBY, 0));
        return store;
    }

    private static void appendOneByOne(HostStore store, long from, long to) {
        for (long seq = from; seq <= to; seq++) {
            store.append(LOBBY, List.of(message(seq)));
        }
    }

    private Path wal() {
        return dir.resolve(HostStore.DATABASE_FILE + "-wal");
    }

    /// The checkpoint sequence number in the log's header, which SQLite increments each time
    /// the log starts over from its beginning.
    private int logGeneration() throws IOException {
        return logGeneration(wal());
    }

    /// [#logGeneration()] of any log (the side file's too).
    static int logGeneration(Path log) throws IOException {
        try (InputStream in = Files.newInputStream(log)) {
            return ByteBuffer.wrap(in.readNBytes(16)).getInt(12); // big-endian, as in SQLite
        }
    }
}
