package confab.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

/// A server under test, as seen by the generator: its connections and its protocol. The
/// delivery bookkeeping is shared so both protocols are counted the same way.
abstract class Peer {
    final String name;
    final InetSocketAddress address;
    final long pid;
    final List<Conn> conns = new ArrayList<>();
    final LongAdder evictions = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder closed = new LongAdder();
    volatile Step step;

    /// Next counter of each sender (counters only grow, across steps).
    long[] nextCounter = new long[0];

    /// Host RSS before the first connection, KiB.
    long baselineRssKiB = -1;

    /// Heap in use before the first connection (Java peers), KiB.
    long baselineHeapKiB = -1;

    /// RSS and heap after the last `grow`, KiB.
    long lastRssKiB = -1;

    long lastHeapKiB = -1;

    Peer(String name, InetSocketAddress address, long pid) {
        this.name = name;
        this.address = address;
        this.pid = pid;
    }

    /// Opens connections until there are `n`, the first `senders` of them senders; each joins
    /// the room and is handed to `readers` once it is in.
    abstract void grow(int n, int senders, Readers readers, int parallel) throws Exception;

    /// Opens connections `conns.size() .. n-1`, at most `parallel` at a time, and adds them.
    final void openUpTo(int n, int senders, Readers readers, int parallel) throws Exception {
        int from = conns.size();
        Conn[] made = new Conn[n - from];
        Semaphore slots = new Semaphore(parallel);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> jobs = new ArrayList<>();
            for (int i = from; i < n; i++) {
                int index = i;
                slots.acquire();
                jobs.add(
                        pool.submit(
                                () -> {
                                    try {
                                        made[index - from] = open(index, senders, readers);
                                    } finally {
                                        slots.release();
                                    }
                                    return null;
                                }));
            }
            for (Future<?> job : jobs) {
                job.get();
            }
        }
        conns.addAll(List.of(made));
    }

    /// Opens one connection in the role of `index` (a sender if below `senders`), joined and
    /// handed to `readers`.
    abstract Conn open(int index, int senders, Readers readers) throws Exception;

    /// Replaces every connection the server closed (ngIRCd drops a client whose 32 KiB write
    /// buffer overflows, Confab evicts one that stops reading), so that the next step again
    /// has N members and S senders. Returns how many were replaced.
    int repair(int senders, Readers readers) throws Exception {
        int replaced = 0;
        for (int i = 0; i < conns.size(); i++) {
            Conn c = conns.get(i);
            if (c.closedByPeer && !c.stalled) {
                try {
                    c.channel.close();
                } catch (IOException ignored) {
                    // already closed by the server
                }
                conns.set(i, open(c.index, senders, readers));
                replaced++;
            }
        }
        return replaced;
    }

    /// Builds the wire bytes and the expected bytes of one message.
    abstract void prepare(Step step, int sender, int k, long counter);

    /// Consumes whole frames or lines of `buf[off, end)`; returns where the unfinished rest
    /// starts.
    abstract int parse(Conn conn, byte[] buf, int off, int end, long now) throws IOException;

    /// A new step of `count` messages per sender, prepared, and the receivers reset to it.
    Step newStep(int senders, int count) {
        if (nextCounter.length < senders) {
            long[] grown = Arrays.copyOf(nextCounter, senders);
            for (int s = nextCounter.length; s < senders; s++) {
                grown[s] = 1;
            }
            nextCounter = grown;
        }
        long[] base = Arrays.copyOf(nextCounter, senders);
        int receivers = (int) conns.stream().filter(c -> c.inRoom).count();
        Step st = new Step(senders, receivers, base, count);
        for (int s = 0; s < senders; s++) {
            for (int k = 0; k < count; k++) {
                prepare(st, s, k, base[s] + k);
            }
            nextCounter[s] = base[s] + count;
        }
        for (Conn c : conns) {
            c.next = Arrays.copyOf(base, senders);
            c.gaps = 0;
        }
        step = st;
        return st;
    }

    /// Deliveries missing at the end of `st`: skipped ones plus those that never came.
    long lost(Step st) {
        long lost = 0;
        for (Conn c : conns) {
            if (c.next == null || c.stalled || !c.inRoom) {
                continue;
            }
            lost += c.gaps;
            for (int s = 0; s < st.senders; s++) {
                if (s != c.sender) {
                    lost += st.base[s] + st.count - c.next[s];
                }
            }
        }
        return lost;
    }

    /// Books one delivery of `sender`'s message `counter` whose checked bytes are
    /// `buf[off, off + len)`.
    final void deliver(
            Conn conn, int sender, long counter, byte[] buf, int off, int len, long now) {
        Step st = step;
        if (st == null || sender < 0 || sender >= st.senders) {
            if (st != null) {
                st.stray.increment();
            }
            return;
        }
        if (sender == conn.sender) {
            st.echoes.increment();
            return;
        }
        long k = counter - st.base[sender];
        if (k < 0 || k >= st.count) {
            st.stray.increment();
            return;
        }
        byte[] want = st.expected[sender][(int) k];
        if (!Arrays.equals(want, 0, want.length, buf, off, off + len)) {
            st.mismatched.increment();
            return;
        }
        long expectedNext = conn.next[sender];
        if (counter < expectedNext) {
            st.duplicates.increment();
            return;
        }
        if (counter > expectedNext) {
            conn.gaps += counter - expectedNext;
        }
        conn.next[sender] = counter + 1;
        st.delivered.increment();
        long sent = st.sentAt[sender][(int) k];
        if (sent != 0) {
            st.recordLatency(Math.max(0, (now - sent) / 1000));
        }
    }

    void closeAll() {
        for (Conn c : conns) {
            try {
                c.channel.close();
            } catch (IOException ignored) {
                // the run is over either way
            }
        }
        conns.clear();
    }

    /// The first connection that is not the sender: it opens (decrypts) every message.
    static boolean isChecker(Conn conn, int sender) {
        return conn.index == (sender == 0 ? 1 : 0);
    }

    static int digits(byte[] buf, int from, int to, long[] out) {
        long value = 0;
        int i = from;
        while (i < to && buf[i] >= '0' && buf[i] <= '9') {
            value = value * 10 + (buf[i] - '0');
            i++;
        }
        out[0] = value;
        return i;
    }

    static int indexOf(byte[] buf, int from, int to, byte[] needle) {
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (buf[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
