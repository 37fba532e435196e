package confab.host.store;

import confab.crypto.wire.Bytes;
import confab.crypto.wire.KdfParams;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.sqlite.SQLiteConfig;

/// Records with recognisable contents, shared by the store tests and the child processes.
final class Fixtures {
    static final KdfParams KDF = new KdfParams(8 * 1024, 1, 1);

    /// Size of a typical sealed chat line.
    static final int SEALED_SIZE = 300;

    private Fixtures() {}

    static AccountRecord account(String login) {
        return new AccountRecord(login, bytes("salt:" + login), bytes("v:" + login), KDF, 1_000L);
    }

    static RoomRecord room(String name, int retention) {
        return new RoomRecord(
                name,
                bytes("salt:" + name),
                bytes("v:" + name),
                KDF,
                bytes("key:" + name),
                "alice",
                2_000L,
                retention);
    }

    /// A message whose every field follows from `seq`, so a reader can check it.
    static NewMessage message(long seq) {
        return new NewMessage(seq, "sender" + (seq % 3), seq * 10, sealed(seq), 3_000L + seq);
    }

    static StoredMessage stored(String room, long seq) {
        NewMessage m = message(seq);
        return new StoredMessage(room, seq, m.sender(), m.counter(), m.sealed(), m.storedAt());
    }

    static Bytes sealed(long seq) {
        byte[] value = new byte[SEALED_SIZE];
        Arrays.fill(value, (byte) seq);
        value[0] = (byte) (seq >>> 8);
        return Bytes.of(value);
    }

    /// Messages `from`..`to` inclusive.
    static List<NewMessage> messages(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(Fixtures::message).toList();
    }

    static List<StoredMessage> storedRange(String room, long from, long to) {
        List<StoredMessage> all = new ArrayList<>();
        for (long seq = from; seq <= to; seq++) {
            all.add(stored(room, seq));
        }
        return all;
    }

    static List<Long> seqs(List<StoredMessage> messages) {
        return messages.stream().map(StoredMessage::seq).toList();
    }

    static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    /// A plain connection to the store's file, outside the store.
    static Connection rawConnection(Path dataDir) throws SQLException {
        return new SQLiteConfig()
                .createConnection("jdbc:sqlite:" + dataDir.resolve(HostStore.DATABASE_FILE));
    }

    static int pragma(Path dataDir, String name) throws SQLException {
        try (Connection connection = rawConnection(dataDir)) {
            return Schema.pragma(connection, name);
        }
    }

    static void setPragma(Path dataDir, String name, int value) throws SQLException {
        try (Connection connection = rawConnection(dataDir);
                var statement = connection.createStatement()) {
            statement.execute("PRAGMA " + name + " = " + value);
        }
    }

    private static Bytes bytes(String text) {
        return Bytes.of(text.getBytes(StandardCharsets.UTF_8));
    }
}
