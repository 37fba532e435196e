package confab.host.store;

import static confab.host.store.Fixtures.account;
import static confab.host.store.Fixtures.messages;
import static confab.host.store.Fixtures.room;
import static confab.host.store.Fixtures.storedRange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaMigrationTest {
    /// A made-up version 2 that reads what version 1 stored, as a real data migration would.
    private static final Migration V2_LOGIN_INDEX =
            Migration.sql(
                    "CREATE TABLE login_seen (login TEXT NOT NULL PRIMARY KEY) STRICT",
                    "INSERT INTO login_seen (login) SELECT login FROM account");

    private static final List<Migration> V1_AND_V2 = List.of(Schema.V1, V2_LOGIN_INDEX);

    @TempDir Path dir;

    @Test
    void newDatabaseIsAtTheCurrentVersionAndMarkedAsConfabs() throws SQLException {
        HostStore.open(dir, Durability.NORMAL).close();

        assertThat(Fixtures.pragma(dir, "user_version")).isEqualTo(Schema.MIGRATIONS.size());
        assertThat(Fixtures.pragma(dir, "application_id")).isEqualTo(Schema.APPLICATION_ID);
    }

    @Test
    void databaseAtTheCurrentVersionOpensUnchanged() throws SQLException {
        try (HostStore store = HostStore.open(dir, Durability.NORMAL)) {
            store.createAccount(account("alice"));
        }

        try (HostStore store = HostStore.open(dir, Durability.NORMAL)) {
            assertThat(store.findAccount("alice")).contains(account("alice"));
        }
        assertThat(Fixtures.pragma(dir, "user_version")).isEqualTo(Schema.MIGRATIONS.size());
    }

    @Test
    void olderDatabaseIsMigratedAndKeepsItsData() throws SQLException {
        try (HostStore v1 = HostStore.open(dir, Durability.NORMAL, List.of(Schema.V1))) {
            v1.createAccount(account("alice"));
            v1.createRoom(room("lobby", 0));
            v1.append("lobby", messages(1, 3));
        }

        try (HostStore v2 = HostStore.open(dir, Durability.NORMAL, V1_AND_V2)) {
            assertThat(v2.findAccount("alice")).contains(account("alice"));
            assertThat(v2.messagesAfter("lobby", 0, 10)).isEqualTo(storedRange("lobby", 1, 3));
        }
        assertThat(Fixtures.pragma(dir, "user_version")).isEqualTo(2);
        assertThat(loginsSeen()).containsExactly("alice");
    }

    @Test
    void appliedStepsAreNotRunAgain() throws SQLException {
        HostStore.open(dir, Durability.NORMAL, V1_AND_V2).close();

        // V2 creates a table without IF NOT EXISTS: running it twice would throw.
        HostStore.open(dir, Durability.NORMAL, V1_AND_V2).close();

        assertThat(Fixtures.pragma(dir, "user_version")).isEqualTo(2);
    }

    @Test
    void failingStepLeavesTheDatabaseAtThePreviousVersion() throws SQLException {
        HostStore.open(dir, Durability.NORMAL, List.of(Schema.V1)).close();
        Migration failing =
                Migration.sql(
                        "CREATE TABLE half_done (x INTEGER) STRICT",
                        "INSERT INTO no_such_table VALUES (1)");

        assertThatThrownBy(
                        () -> HostStore.open(dir, Durability.NORMAL, List.of(Schema.V1, failing)))
                .isInstanceOf(HostStoreException.class)
                .hasMessageContaining("no_such_table");

        assertThat(Fixtures.pragma(dir, "user_version")).isEqualTo(1);
        assertThat(tables()).doesNotContain("half_done");
    }

    @Test
    void databaseFromANewerVersionIsRefusedWithAClearMessage() throws SQLException {
        HostStore.open(dir, Durability.NORMAL).close();
        int newer = Schema.MIGRATIONS.size() + 1;
        Fixtures.setPragma(dir, "user_version", newer);

        assertThatThrownBy(() -> HostStore.open(dir, Durability.NORMAL))
                .isInstanceOf(HostStoreException.class)
                .hasMessageContaining("schema version " + newer)
                .hasMessageContaining("newer than version " + Schema.MIGRATIONS.size());
    }

    @Test
    void refusedNewerDatabaseIsLeftUntouched() throws SQLException {
        try (HostStore store = HostStore.open(dir, Durability.NORMAL)) {
            store.createAccount(account("alice"));
        }
        Fixtures.setPragma(dir, "user_version", 99);

        assertThatThrownBy(() -> HostStore.open(dir, Durability.NORMAL))
                .isInstanceOf(HostStoreException.class);

        Fixtures.setPragma(dir, "user_version", Schema.MIGRATIONS.size());
        try (HostStore store = HostStore.open(dir, Durability.NORMAL)) {
            assertThat(store.findAccount("alice")).isPresent();
        }
    }

    @Test
    void sqliteFileOfAnotherProgramIsRefused() throws SQLException {
        try (Connection raw = Fixtures.rawConnection(dir);
                var statement = raw.createStatement()) {
            statement.execute("CREATE TABLE notes (text TEXT)");
        }

        assertThatThrownBy(() -> HostStore.open(dir, Durability.NORMAL))
                .isInstanceOf(HostStoreException.class)
                .hasMessageContaining("another program");
    }

    @Test
    void versionedSqliteFileOfAnotherProgramIsRefused() throws SQLException {
        try (Connection raw = Fixtures.rawConnection(dir);
                var statement = raw.createStatement()) {
            statement.execute("CREATE TABLE notes (text TEXT)");
            statement.execute("PRAGMA user_version = 1");
        }

        assertThatThrownBy(() -> HostStore.open(dir, Durability.NORMAL))
                .isInstanceOf(HostStoreException.class)
                .hasMessageContaining("another program");
    }

    private List<String> loginsSeen() throws SQLException {
        return column("SELECT login FROM login_seen ORDER BY login");
    }

    private List<String> tables() throws SQLException {
        return column("SELECT name FROM sqlite_schema WHERE type = 'table'");
    }

    private List<String> column(String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection raw = Fixtures.rawConnection(dir);
                var statement = raw.createStatement();
                var rows = statement.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
