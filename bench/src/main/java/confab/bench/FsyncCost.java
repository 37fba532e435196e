package confab.bench;

import java.io.IOException;
import java.io.PrintStream;
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
        run(Path.of(args.length > 0 ? args[0] : "."), System.out);
        System.out.flush();
    }

    /// Measures in a temporary file in `dir` and writes one line per case to `out`.
    static void run(Path dir, PrintStream out) throws IOException {
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
            out.printf(
                    "fsync of %s after n 4 KiB pages written, %d times each (ms)%n", file, REPEATS);
            Random random = new Random(17); // the same places on every run
            for (int n : PAGES) {
                print(
                        out,
                        "random",
                        n,
                        times(channel, n, (end, i) -> random.nextLong(FILE_BYTES / PAGE) * PAGE));
            }
            for (int n : PAGES) {
                print(out, "appended", n, times(channel, n, (end, i) -> end + (long) i * PAGE));
            }
        }
    }

    /// Where the i-th of a round's pages goes, given the file's size when the round began.
    private interface Place {
        long of(long end, int i);
    }

    /// [#REPEATS] rounds of n page writes, each followed by a timed fsync; the times in ms.
    private static double[] times(FileChannel channel, int n, Place place) throws IOException {
        ByteBuffer page = ByteBuffer.allocate(PAGE);
        double[] ms = new double[REPEATS];
        for (int r = 0; r < REPEATS; r++) {
            long end = channel.size();
            for (int i = 0; i < n; i++) {
                page.clear();
                channel.write(page, place.of(end, i));
            }
            long start = System.nanoTime();
            channel.force(true);
            ms[r] = (System.nanoTime() - start) / 1e6;
        }
        return ms;
    }

    private static void print(PrintStream out, String how, int n, double[] ms) {
        Arrays.sort(ms);
        out.printf(
                "%-8s n=%-3d p50_ms=%.2f p90_ms=%.2f max_ms=%.2f%n",
                how, n, ms[ms.length / 2], ms[ms.length * 9 / 10], ms[ms.length - 1]);
    }
}
