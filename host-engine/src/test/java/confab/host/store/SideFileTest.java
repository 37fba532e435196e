package confab.host.store;

import static confab.host.store.Fixtures.message;
import static confab.host.store.Fixtures.messages;
import static confab.host.store.Fixtures.range;
import static confab.host.store.Fixtures.room;
import static confab.host.store.Fixtures.seqs;
import static confab.host.store.Fixtures.storedRange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/// Messages committed while the checkpointer has diverted the commits to the side file: where
/// they live, what readers see, and what a crash leaves behind.
class SideFileTest {
    private static final String LOBBY = "lobby";

    @TempDir Path dir;

    @Test
    void divertedMessagesAreReadAtOnceAndReachTheMainFileWithItsNextCommit() throws Exception {
        try (HostStore store = open()) {
            store.append(LOBBY, messages(1, 3));
            store.side().divert();
            store.append(LOBBY, messages(4, 6));
            store.append(LOBBY, messages(7, 8));

            assertThat(store.messagesAfter(LOBBY, 0, 100)).isEqualTo(storedRange(LOBBY, 1, 8));
            assertThat(store.messagesAfter(LOBBY, 5, 2)).isEqualTo(storedRange(LOBBY, 6, 7));
            assertThat(store.latestSeq(LOBBY)).isEqualTo(8);
            assertThat(mainSeqs()).isEqualTo(range(1, 3));
            assertThat(sideSeqs()).isEqualTo(range(4, 8));

            store.side().resume();
            store.append(LOBBY, messages(9, 9));

            assertThat(mainSeqs()).isEqualTo(range(1, 9));
            assertThat(store.messagesAfter(LOBBY, 0, 100)).isEqualTo(storedRange(LOBBY, 1, 9));

            int sideGeneration = sideLogGeneration();
            store.checkpointer().pass();

            assertThat(sideSeqs()).isEmpty();
            // Started over by the pass, not by the next diverted commit.
            assertThat(sideLogGeneration()).isEqualTo(sideGeneration + 1);
            assertThat(store.messagesAfter(LOBBY, 0, 100)).isEqualTo(storedRange(LOBBY, 1, 9));
        }
    }

    @Test
    void aSeqStoredInEitherFileIsRefusedWhileDiverted() {
        try (HostStore store = open()) {
            store.append(LOBBY, messages(1, 2));
            store.side().divert();
            store.append(LOBBY, messages(3, 3));

            assertThatThrownBy(() -> store.append(LOBBY, messages(2, 2)))
                    .isInstanceOf(HostStoreException.class)
                    .hasMessageContaining(LOBBY)
                    .hasMessageContaining("UNIQUE");
            assertThatThrownBy(() -> store.append(LOBBY, List.of(message(3))))
                    .isInstanceOf(HostStoreException.class)
                    .hasMessageContaining("UNIQUE");
            assertThatThrownBy(() -> store.append(LOBBY, List.of(message(4), message(4))))
                    .isInstanceOf(HostStoreException.class);
            assertThatThrownBy(() -> store.append("kitchen", messages(1, 1)))
                    .isInstanceOf(HostStoreException.class)
                    .hasMessageContaining("kitchen");

            store.side().resume();
            store.append(LOBBY, messages(4, 4));
            assertThat(store.messagesAfter(LOBBY, 0, 100)).isEqualTo(storedRange(LOBBY, 1, 4));
        }
    }

    @Test
    void aSeqStoredInAnEarlierRunIsRefusedWhenTheRoomsFirstCommitIsDiverted() {
        try (HostStore store = open()) {
            store.append(LOBBY, messages(1, 5));
        }
        try (HostStore store = open()) {
            store.side().divert();

            assertThatThrownBy(() -> store.append(LOBBY, messages(5, 6)))
                    .isInstanceOf(HostStoreException.class)
                    .hasMessageContaining("UNIQUE");
            store.append(LOBBY, messages(6, 7));
            assertThatThrownBy(() -> store.append(LOBBY, messages(3, 3)))
                    .isInstanceOf(HostStoreException.class)
                    .hasMessageContaining("UNIQUE");

            store.side().resume();
            store.append(LOBBY, messages(8, 8));
            assertThat(store.messagesAfter(LOBBY, 0, 100)).isEqualTo(storedRange(LOBBY, 1, 8));
        }
    }

    @Test
    void retentionCountsTheDivertedMessagesOnceTheyReachTheMainFile() throws Exception {
        try (HostStore store = open()) {
            store.createRoom(room("kitchen", 5));
            store.append("kitchen", messages(1, 2));
            store.side().divert();
            store.append("kitchen", messages(3, 8));
            store.side().resume();
            store.append("kitchen", messages(9, 9));

            assertThat(seqs(store.messagesAfter("kitchen", 0, 100))).isEqualTo(range(5, 9));
            // Seqs 3..8 are still in the side file until the next pass: none comes back.
            assertThat(sideSeqs()).isEqualTo(range(3, 8));

            store.append("kitchen", messages(10, 11));
            assertThat(seqs(store.messagesAfter("kitchen", 0, 100))).isEqualTo(range(7, 11));
        }
        // Close deletes what the main file holds, though no pass ran.
        assertThat(sideSeqs()).isEmpty();
    }

    @Test
    void messagesThatACrashLeftInTheSideFileMoveIntoTheMainFileAtOpen() throws Exception {
        try (HostStore store = open()) {
            store.createRoom(room("kitchen", 4));
            store.append(LOBBY, messages(1, 2));
            store.append("kitchen", messages(1, 3));
        }
        // As a kill leaves them: lobby 3..4 diverted; kitchen 3 (in the main file already:
        // killed after the move, before the cleanup) and 4..5 diverted.
        insertIntoSideFile(1, messages(3, 4));
        insertIntoSideFile(2, messages(3, 5));

        try (HostStore store = HostStore.open(dir, Durability.NORMAL)) {
            assertThat(sideSeqs()).isEmpty();
            assertThat(store.messagesAfter(LOBBY, 0, 100)).isEqualTo(storedRange(LOBBY, 1, 4));
            assertThat(store.messagesAfter("kitchen", 0, 100))
                    .isEqualTo(storedRange("kitchen", 2, 5));

            store.append("kitchen", messages(6, 6));
            assertThat(seqs(store.messagesAfter("kitchen", 0, 100))).isEqualTo(range(3, 6));
        }
    }

    @Test
    void closeMovesWhatIsStillDivertedIntoTheMainFile() throws Exception {
        try (HostStore store = open()) {
            store.append(LOBBY, messages(1, 2));
            store.side().divert();
            store.append(LOBBY, messages(3, 5));
        }

        assertThat(sideSeqs()).isEmpty();
        assertThat(mainSeqs()).isEqualTo(range(1, 5));
        try (HostStore store = HostStore.open(dir, Durability.NORMAL)) {
            assertThat(store.messagesAfter(LOBBY, 0, 100)).isEqualTo(storedRange(LOBBY, 1, 5));
        }
    }

    @Test
    void aStrayFileInTheSideFilesPlaceIsRefused() throws Exception {
        try (Connection stray = connection(SideFile.FILE);
                var statement = stray.createStatement()) {
            statement.execute("PRAGMA application_id = 7");
            statement.execute("CREATE TABLE notes (text TEXT)");
        }

        assertThatThrownBy(() -> HostStore.open(dir, Durability.NORMAL))
                .isInstanceOf(HostStoreException.class)
                .hasMessageContaining(SideFile.FILE)
                .hasMessageContaining("another program");
    }

    /// A store whose checkpoints run only when a test calls [Checkpointer#pass].
    private HostStore open() {
        HostStore store =
                HostStore.open(
                        dir,
                        Durability.NORMAL,
                        Schema.MIGRATIONS,
                        new Checkpointer.Settings(Duration.ofDays(1), Integer.MAX_VALUE));
        store.createRoom(room(LOBBY, 0));
        return store;
    }

    private int sideLogGeneration() throws IOException {
        return CheckpointerTest.logGeneration(dir.resolve(SideFile.FILE + "-wal"));
    }

    private List<Long> mainSeqs() throws SQLException {
        return seqsIn(HostStore.DATABASE_FILE);
    }

    private List<Long> sideSeqs() throws SQLException {
        return seqsIn(SideFile.FILE);
    }

    private List<Long> seqsIn(String file) throws SQLException {
        List<Long> seqs = new ArrayList<>();
        try (Connection connection = connection(file);
                var statement = connection.createStatement();
                var rows =
                        statement.executeQuery("SELECT seq FROM message ORDER BY room_id, seq")) {
            while (rows.next()) {
                seqs.add(rows.getLong(1));
            }
        }
        return seqs;
    }

    private void insertIntoSideFile(long roomId, List<NewMessage> messages) throws SQLException {
        try (Connection connection = connection(SideFile.FILE);
                PreparedStatement insert =
                        connection.prepareStatement(
                                "INSERT INTO message"
                                        + " (room_id, seq, sender, counter, sealed, stored_at)"
                                        + " VALUES (?, ?, ?, ?, ?, ?)")) {
            for (NewMessage message : messages) {
                HostStore.bindMessage(insert, roomId, message);
                insert.executeUpdate();
            }
        }
    }

    private Connection connection(String file) throws SQLException {
        return new SQLiteConfig().createConnection("jdbc:sqlite:" + dir.resolve(file));
    }
}
