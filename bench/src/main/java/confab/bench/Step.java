package confab.bench;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

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

    /// Latency of every delivery to a receiver other than the sender, microseconds.
    final Recorder latency = new Recorder(3);

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

    /// Deliveries owed: every message to every connection but its sender's.
    long expectedDeliveries() {
        return (long) senders * count * (receivers - 1);
    }
}
