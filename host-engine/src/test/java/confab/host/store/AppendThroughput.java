package confab.host.store;

import confab.crypto.wire.Bytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/// A rough measure of [HostStore#append], not a test: batches of 1, 10 and 100 messages of
/// 300 bytes, with each [Durability], one room at a time; then several rooms at once, a room
/// with retention, and reading the history back.
///
/// Arguments: a directory for the databases (default: a new temporary one), seconds per case
/// (default 2). From the repository root:
///
/// ```
/// mvn -B -q -pl host-engine -am test-compile dependency:build-classpath \
///     -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
/// /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --enable-native-access=ALL-UNNAMED \
///     -cp host-engine/target/test-classes:host-engine/target/classes:$(cat \
///     host-engine/target/test-classpath.txt) confab.host.store.AppendThroughput \
///     host-engine/target/store-bench 2 | grep -v -E ' (DEBUG|INFO) '
/// ```
public final class AppendThroughput {
    private static final Bytes SEALED = Fixtures.sealed(42);

    private AppendThroughput() {}

    public static void main(String[] args) throws Exception {
        Path root =
                args.length > 0
                        ? Files.createDirectories(Path.of(args[0]))
                        : Files.createTempDirectory("confab-store-bench");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 2;
        System.out.printf("databases under %s, %.1f s per case%n", root, seconds);
        System.out.printf(
                "%-8s %-22s %6s %10s %11s %10s%n",
                "sync", "case", "batch", "commits/s", "messages/s", "us/commit");
        for (Durability durability : Durability.values()) {
            for (int batch : new int[] {1, 10, 100}) {
                oneRoom(root, durability, "1 room", batch, 0, seconds);
            }
            oneRoom(root, durability, "1 room, retention 1000", 10, 1000, seconds);
            rooms(root, durability, 4, 10, seconds);
        }
        readBack(root);
    }

    private static void oneRoom(
            Path root,
            Durability durability,
            String label,
            int batch,
            int retention,
            double seconds)
            throws IOException {
        Path dir = Files.createTempDirectory(root, durability + "-" + batch + "-");
        try (HostStore store = HostStore.open(dir, durability)) {
            store.createRoom(Fixtures.room("bench", retention));
            long seq = appendFor(store, "bench", batch, 0, seconds / 4); // warm-up
            long start = System.nanoTime();
            long end = appendFor(store, "bench", batch, seq, seconds);
            report(durability, label, batch, (end - seq) / batch, System.nanoTime() - start);
        }
    }

    private static void rooms(
            Path root, Durability durability, int rooms, int batch, double seconds)
            throws Exception {
        Path dir = Files.createTempDirectory(root, durability + "-rooms-");
        try (HostStore store = HostStore.open(dir, durability);
                var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int r = 0; r < rooms; r++) {
                store.createRoom(Fixtures.room("room" + r, 0));
            }
            List<Future<Long>> appended = new ArrayList<>();
            long start = System.nanoTime();
            for (int r = 0; r < rooms; r++) {
                String room = "room" + r;
                appended.add(threads.submit(() -> appendFor(store, room, batch, 0, seconds)));
            }
            long messages = 0;
            for (Future<Long> f : appended) {
                messages += f.get();
            }
            report(
                    durability,
                    rooms + " rooms at once",
                    batch,
                    messages / batch,
                    System.nanoTime() - start);
        }
    }

    /// Appends batches to `room` for `seconds`; the last seq written.
    private static long appendFor(
            HostStore store, String room, int batch, long seq, double seconds) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        List<NewMessage> messages = new ArrayList<>(batch);
        while (System.nanoTime() < deadline) {
            messages.clear();
            for (int i = 0; i < batch; i++) {
                seq++;
                messages.add(new NewMessage(seq, "alice", seq, SEALED, seq));
            }
            store.append(room, messages);
        }
        return seq;
    }

    private static void readBack(Path root) throws IOException {
        Path dir = Files.createTempDirectory(root, "read-");
        try (HostStore store = HostStore.open(dir, Durability.NORMAL)) {
            store.createRoom(Fixtures.room("bench", 0));
            long total = appendFor(store, "bench", 100, 0, 1);
            long start = System.nanoTime();
            long read = 0;
            for (long after = 0; after < total; ) {
                List<StoredMessage> page = store.messagesAfter("bench", after, 500);
                read += page.size();
                after = page.getLast().seq();
            }
            long nanos = System.nanoTime() - start;
            System.out.printf(
                    "read back %d messages in pages of 500: %.0f messages/s%n",
                    read, read / (nanos / 1e9));
        }
    }

    private static void report(
            Durability durability, String label, int batch, long commits, long nanos) {
        double secs = nanos / 1e9;
        System.out.printf(
                "%-8s %-22s %6d %10.0f %11.0f %10.1f%n",
                durability,
                label,
                batch,
                commits / secs,
                commits * batch / secs,
                nanos / 1e3 / commits);
    }
}
