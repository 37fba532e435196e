package confab.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;

/// What one fsync costs on this machine's disk after n pages were written, at random places in
/// a large file (as a checkpoint writes the database file) or appended (as commits write the
/// log). Item 17 of `docs/BENCHMARKS.md`: the checkpoint that lets the log start over holds
/// the room for one such fsync of the database file.
///
/// `bench/fsync-cost.sh [directory]`; the file (200 MiB) is deleted afterwards.
public final class FsyncCost {
    private static final int PAGE = 4096;
    private static final long FILE_BYTES = 200L << 20;
    private static final int REPEATS = 30;
    private static final int[] PAGES = {1, 5, 20, 50, 100};

    private FsyncCost() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        Path file = Files.createTempFile(dir, "fsync-cost", ".bin");
        try (FileChannel channel =
                FileChannel.open(
                        file,
                        StandardOpenOption.READ,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.DELETE_ON_CLOSE)) {
            ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
            for (long at = 0; at < FILE_BYTES; at += chunk.capacity()) {
                chunk.clear();
                channel.write(chunk, at);
            }
            channel.force(true);
            System.out.printf(
                    "fsync of %s after n 4 KiB pages written, %d times each (ms)%n", file, REPEATS);
            Random random = new Random(17); // the same places on every run
            ByteBuffer page = ByteBuffer.allocate(PAGE);
            for (int n : PAGES) {
                double[] ms = new double[REPEATS];
                for (int r = 0; r < REPEATS; r++) {
                    for (int i = 0; i < n; i++) {
                        page.clear();
                        channel.write(page, random.nextLong(FILE_BYTES / PAGE) * PAGE);
                    }
                    ms[r] = timedForce(channel);
                }
                print("random", n, ms);
            }
            for (int n : PAGES) {
                double[] ms = new double[REPEATS];
                for (int r = 0; r < REPEATS; r++) {
                    long end = channel.size();
                    for (int i = 0; i < n; i++) {
                        page.clear();
                        channel.write(page, end + (long) i * PAGE);
                    }
                    ms[r] = timedForce(channel);
                }
                print("appended", n, ms);
            }
        }
    }

    private static double timedForce(FileChannel channel) throws IOException {
        long start = System.nanoTime();
        channel.force(true);
        return (System.nanoTime() - start) / 1e6;
    }

    private static void print(String how, int n, double[] ms) {
        Arrays.sort(ms);
        System.out.printf(
                "%-8s n=%-3d p50_ms=%.2f p90_ms=%.2f max_ms=%.2f%n",
                how, n, ms[ms.length / 2], ms[ms.length * 9 / 10], ms[ms.length - 1]);
    }
}
