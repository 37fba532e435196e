package confab.host.store;

import static confab.host.store.Fixtures.messages;
import static confab.host.store.Fixtures.range;
import static confab.host.store.Fixtures.room;
import static confab.host.store.Fixtures.seqs;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/// Room threads write while connection handlers read, as in the running host.
class HostStoreConcurrencyTest {
    private static final int ROOMS = 4;
    private static final int BATCHES = 40;
    private static final int BATCH = 5;

    @TempDir Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrentWritersAndReadersSeeWholeBatchesOnly() throws Exception {
        Queue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        try (HostStore store = HostStore.open(dir, Durability.NORMAL);
                var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int r = 0; r < ROOMS; r++) {
                store.createRoom(room("room" + r, 0));
            }
            List<Future<?>> writers = new ArrayList<>();
            for (int r = 0; r < ROOMS; r++) {
                String name = "room" + r;
                writers.add(
                        threads.submit(
                                () -> {
                                    for (int b = 0; b < BATCHES; b++) {
                                        store.append(
                                                name, messages(b * BATCH + 1, (b + 1) * BATCH));
                                    }
                                }));
            }
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < ROOMS; r++) {
                String name = "room" + r;
                readers.add(
                        threads.submit(
                                () -> {
                                    int reads = 0;
                                    do {
                                        List<Long> seen =
                                                seqs(store.messagesAfter(name, 0, 10_000));
                                        if (!seen.equals(range(1, seen.size()))
                                                || seen.size() % BATCH != 0) {
                                            problems.add(name + " read " + seen);
                                        }
                                        reads++;
                                    } while (writing.get());
                                    return reads;
                                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            writing.set(false);
            for (Future<Integer> reader : readers) {
                assertThat(reader.get()).isPositive();
            }

            for (int r = 0; r < ROOMS; r++) {
                assertThat(seqs(store.messagesAfter("room" + r, 0, 10_000)))
                        .isEqualTo(range(1, BATCHES * BATCH));
            }
        }
        assertThat(problems).isEmpty();
    }
}
