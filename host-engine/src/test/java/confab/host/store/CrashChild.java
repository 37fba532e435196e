package confab.host.store;

import java.nio.file.Path;

/// Run in a child JVM by [HostStoreCrashTest]: appends batches to a room as fast as it can and
/// prints `committed <seq>.` after each [HostStore#append] returns, until it is killed. It stops
/// by itself after `seconds` so that a parent that dies cannot leave it running.
///
/// Arguments: data directory, durability, room, batch size, seconds.
public final class CrashChild {
    static final String COMMITTED = "committed ";

    private CrashChild() {}

    public static void main(String[] args) {
        Path dataDir = Path.of(args[0]);
        Durability durability = Durability.valueOf(args[1]);
        String room = args[2];
        int batch = Integer.parseInt(args[3]);
        long deadline = System.nanoTime() + Long.parseLong(args[4]) * 1_000_000_000L;
        try (HostStore store = HostStore.open(dataDir, durability)) {
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
