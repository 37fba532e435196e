package confab.host.store;

import java.nio.file.Path;
import java.time.Duration;

/// Run in a child JVM by [HostStoreCrashTest]: appends batches to a room as fast as it can and
/// prints `committed <seq>.` after each [HostStore#append] returns, until it is killed. It stops
/// by itself after `seconds` so that a parent that dies cannot leave it running. Its log starts
/// over every few commits, so that kills also land while commits go to the [SideFile] and
/// while its messages move into the main file.
///
/// Arguments: data directory, durability, room, batch size, seconds.
public final class CrashChild {
    static final String COMMITTED = "committed ";

    /// A few batches' worth of log.
    private static final int RESTART_PAGES = 30;

    private CrashChild() {}

    public static void main(String[] args) {
        Path dataDir = Path.of(args[0]);
        Durability durability = Durability.valueOf(args[1]);
        String room = args[2];
        int batch = Integer.parseInt(args[3]);
        long deadline = System.nanoTime() + Long.parseLong(args[4]) * 1_000_000_000L;
        var checkpoints = new Checkpointer.Settings(Duration.ofMillis(1), RESTART_PAGES);
        try (HostStore store =
                HostStore.open(dataDir, durability, Schema.MIGRATIONS, checkpoints)) {
            long seq = store.latestSeq(room);
            while (System.nanoTime() < deadline) {
                store.append(room, Fixtures.messages(seq + 1, seq + batch));
                seq += batch;
                System.out.println(COMMITTED + seq + ".");
                System.out.flush();
            }
        }
    }
}
