package confab.host.store;

import static confab.host.store.Fixtures.account;
import static confab.host.store.Fixtures.messages;
import static confab.host.store.Fixtures.room;
import static confab.host.store.Fixtures.storedRange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostStoreLifecycleTest {
    @TempDir Path dir;

    @Test
    void reopeningKeepsAccountsRoomsAndMessages() {
        try (HostStore store = HostStore.open(dir, Durability.NORMAL)) {
            store.createAccount(account("alice"));
            store.createRoom(room("lobby", 0));
            store.createRoom(room("kitchen", 3));
            store.append("lobby", messages(1, 10));
            store.append("kitchen", messages(1, 5));
        }

        try (HostStore store = HostStore.open(dir, Durability.FULL)) {
            assertThat(store.findAccount("alice")).contains(account("alice"));
            assertThat(store.listRooms()).containsExactly(room("kitchen", 3), room("lobby", 0));
            assertThat(store.messagesAfter("lobby", 0, 100)).isEqualTo(storedRange("lobby", 1, 10));
            assertThat(store.messagesAfter("kitchen", 0, 100))
                    .isEqualTo(storedRange("kitchen", 3, 5));
        }
    }

    @Test
    void retentionCountSurvivesReopening() {
        try (HostStore store = HostStore.open(dir, Durability.NORMAL)) {
            store.createRoom(room("kitchen", 3));
            store.append("kitchen", messages(1, 2));
        }

        try (HostStore store = HostStore.open(dir, Durability.NORMAL)) {
            store.append("kitchen", messages(3, 4));

            assertThat(store.messagesAfter("kitchen", 0, 100))
                    .isEqualTo(storedRange("kitchen", 2, 4));
        }
    }

    @Test
    void openCreatesMissingDataDirectory() {
        Path nested = dir.resolve("a/b/data");

        try (HostStore store = HostStore.open(nested, Durability.NORMAL)) {
            assertThat(store.databaseFile()).isEqualTo(nested.resolve("confab-host.db"));
            assertThat(store.databaseFile()).isRegularFile();
        }
    }

    @Test
    void secondStoreOnTheSameDirectoryIsRefused() {
        try (HostStore first = HostStore.open(dir, Durability.NORMAL)) {
            assertThatThrownBy(() -> HostStore.open(dir, Durability.NORMAL))
                    .isInstanceOf(HostStoreException.class)
                    .hasMessageContaining("in use");
            first.createAccount(account("alice"));
            assertThat(first.findAccount("alice")).isPresent();
        }
    }

    @Test
    void callsAfterCloseAreRefused() {
        HostStore store = HostStore.open(dir, Durability.NORMAL);
        store.close();

        assertThrows(IllegalStateException.class, () -> store.findAccount("alice"));
        assertThrows(IllegalStateException.class, () -> store.createAccount(account("alice")));
    }

    @Test
    void closingTwiceIsHarmless() {
        HostStore store = HostStore.open(dir, Durability.NORMAL);
        store.close();

        store.close();

        assertThat(store.databaseFile()).isRegularFile();
    }

    @Test
    void databaseIsInWalMode() throws SQLException {
        HostStore.open(dir, Durability.NORMAL).close();

        try (Connection raw = Fixtures.rawConnection(dir);
                var statement = raw.createStatement();
                var rows = statement.executeQuery("PRAGMA journal_mode")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("wal");
        }
    }

    @Test
    void normalDurabilityCommitsWithSynchronousNormal() {
        try (HostStore store = HostStore.open(dir, Durability.NORMAL)) {
            assertThat(store.writerPragma("synchronous")).isEqualTo(1);
        }
    }

    @Test
    void fullDurabilityCommitsWithSynchronousFull() {
        try (HostStore store = HostStore.open(dir, Durability.FULL)) {
            assertThat(store.writerPragma("synchronous")).isEqualTo(2);
        }
    }

    @Test
    void foreignKeysAndBusyTimeoutAreOn() {
        try (HostStore store = HostStore.open(dir, Durability.NORMAL)) {
            assertThat(store.writerPragma("foreign_keys")).isEqualTo(1);
            assertThat(store.writerPragma("busy_timeout")).isPositive();
        }
    }

    @Test
    void openRefusesAFileWhereTheDataDirectoryShouldBe() throws Exception {
        Path file = Files.createFile(dir.resolve("not-a-directory"));

        assertThrows(HostStoreException.class, () -> HostStore.open(file, Durability.NORMAL));
    }
}
