package confab.bench;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/// One timed run of one peer: the messages each sender sends (prepared before the clock
/// starts), what every receiver must get, and what was measured.
final class Step {
    final int senders;
    final int receivers;

    /// First counter of each sender in this step.
    final long[] base;

    /// Messages per sender.
    final int count;

    /// What goes on the wire, `[sender][k]`.
    final byte[][][] wire;

    /// What a receiver must find in the delivery, `[sender][k]`: the sealed envelope in Base64
    /// (Confab) or the text (IRC), compared byte for byte.
    final byte[][][] expected;

    /// When each message was due (paced) or written (burst), System.nanoTime.
    final long[][] sentAt;

    /// Latency of every delivery to a receiver other than the sender, microseconds: one
    /// recorder per reader thread. A shared `Recorder` (a concurrent histogram) cost about
    /// six atomic operations per delivery, a single-writer one two.
    private final ThreadLocal<SingleWriterRecorder> latency =
            ThreadLocal.withInitial(this::newRecorder);

    private final Queue<SingleWriterRecorder> recorders = new ConcurrentLinkedQueue<>();

    final LongAdder delivered = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder mismatched = new LongAdder();
    final LongAdder opened = new LongAdder();
    final LongAdder echoes = new LongAdder();
    final LongAdder stray = new LongAdder();
    final LongAccumulator lastReceipt = new LongAccumulator(Math::max, 0);

    Step(int senders, int receivers, long[] base, int count) {
        this.senders = senders;
        this.receivers = receivers;
        this.base = base;
        this.count = count;
        this.wire = new byte[senders][count][];
        this.expected = new byte[senders][count][];
        this.sentAt = new long[senders][count];
    }

    private SingleWriterRecorder newRecorder() {
        SingleWriterRecorder recorder = new SingleWriterRecorder(3);
        recorders.add(recorder);
        return recorder;
    }

    /// Records one delivery's latency (the calling thread's recorder).
    void recordLatency(long micros) {
        latency.get().recordValue(micros);
    }

    /// Every latency recorded since the last call, from all threads.
    Histogram intervalLatency() {
        Histogram all = new Histogram(3);
        for (SingleWriterRecorder recorder : recorders) {
            all.add(recorder.getIntervalHistogram());
        }
        return all;
    }

    /// Deliveries owed: every message to every connection but its sender's.
    long expectedDeliveries() {
        return (long) senders * count * (receivers - 1);
    }
}
