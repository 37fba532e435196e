package confab.host.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/// One client connection's outbound side: a bounded queue of encoded frames and a writer that
/// sends everything queued with one gathering write.
///
/// Queued buffers are shared and never modified: a fan-out to N members queues the same buffer
/// N times (the room puts a whole batch of messages into one direct buffer), and the writer
/// takes a private view of it, so nothing is copied or re-encoded per member. The writer is a
/// virtual thread that exists only while there is something to send, so an idle connection
/// costs no parked thread.
/// The queue itself is bounded by its owner (the room evicts a member over its hard bound);
/// the host-wide `budget` counts bytes queued on every connection.
public final class Connection {
    /// Most bytes handed to one gathering write (the first buffer always goes, however large).
    static final int GATHER_BYTES = 256 * 1024;

    private static final int GATHER_BUFFERS = 256;

    private final long id;
    private final GatheringByteChannel channel;
    private final InetSocketAddress remote;
    private final InstantSource clock;
    private final AtomicLong budget;
    private final Consumer<IOException> onWriteFailure;

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private boolean writerRunning;
    private boolean closed;
    private long closingSinceMillis = -1;

    private volatile long queuedBytes;
    private volatile long lastProgressMillis;
    private volatile String login;
    private volatile IOException writeFailure;

    public Connection(
            long id,
            GatheringByteChannel channel,
            InetSocketAddress remote,
            InstantSource clock,
            AtomicLong budget,
            Consumer<IOException> onWriteFailure) {
        this.id = id;
        this.channel = channel;
        this.remote = remote;
        this.clock = clock;
        this.budget = budget;
        this.onWriteFailure = onWriteFailure;
        this.lastProgressMillis = clock.millis();
    }

    public long id() {
        return id;
    }

    public InetSocketAddress remote() {
        return remote;
    }

    /// The proven login, or `null` before login.
    public String login() {
        return login;
    }

    void login(String value) {
        this.login = value;
    }

    /// Bytes queued and not yet written.
    public long queuedBytes() {
        return queuedBytes;
    }

    /// Clock millis of the last completed write, or of the moment the queue last went from
    /// empty to non-empty: how long the peer has kept us waiting.
    public long lastProgressMillis() {
        return lastProgressMillis;
    }

    /// Why the last write failed (the peer reset or broke the connection), or `null`.
    public IOException writeFailure() {
        return writeFailure;
    }

    public boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /// Queues one encoded frame and makes sure the writer runs; `false` if the connection is
    /// closed or closing.
    public boolean send(byte[] frame) {
        lock.lock();
        try {
            if (!enqueueLocked(ByteBuffer.wrap(frame))) {
                return false;
            }
            startWriterLocked();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /// Queues one encoded frame without waking the writer: the room thread queues a whole batch
    /// of messages on every member and then calls {@link #flush}, so that each member's writer
    /// sends the batch with one gathering write instead of one write per message. `false` if
    /// the connection is closed or closing.
    boolean enqueue(byte[] frame) {
        return enqueue(ByteBuffer.wrap(frame));
    }

    /// Queues the bytes between `frames`' position and limit (one or more whole frames) without
    /// waking the writer, as {@link #enqueue(byte[])}. The buffer may be queued on many
    /// connections at once; no one may change its content, position or limit afterwards.
    boolean enqueue(ByteBuffer frames) {
        lock.lock();
        try {
            return enqueueLocked(frames);
        } finally {
            lock.unlock();
        }
    }

    /// Wakes the writer if anything is queued.
    void flush() {
        lock.lock();
        try {
            if (!queue.isEmpty() && !closed) {
                startWriterLocked();
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean enqueueLocked(ByteBuffer frames) {
        if (closed || closingSinceMillis >= 0) {
            return false;
        }
        if (queue.isEmpty()) {
            lastProgressMillis = clock.millis();
        }
        int bytes = frames.remaining();
        queue.addLast(frames);
        queuedBytes += bytes;
        budget.addAndGet(bytes);
        return true;
    }

    private void startWriterLocked() {
        if (writerRunning) {
            return;
        }
        writerRunning = true;
        Thread.ofVirtual().name("confab-writer-" + id).start(this::drain);
    }

    /// Queues a last frame (a typed error, say) and closes the connection once everything
    /// queued is written. The host's maintenance closes it hard if the peer does not read.
    public void sendAndClose(byte[] frame) {
        lock.lock();
        try {
            if (closed || closingSinceMillis >= 0) {
                return;
            }
            enqueueLocked(ByteBuffer.wrap(frame));
            closingSinceMillis = clock.millis();
            startWriterLocked();
        } finally {
            lock.unlock();
        }
    }

    /// Clock millis since `sendAndClose`, or -1.
    public long closingSinceMillis() {
        lock.lock();
        try {
            return closingSinceMillis;
        } finally {
            lock.unlock();
        }
    }

    /// Closes the socket and drops whatever is still queued. Idempotent.
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            budget.addAndGet(-queuedBytes);
            queuedBytes = 0;
            queue.clear();
        } finally {
            lock.unlock();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is best effort; the peer is gone either way
        }
    }

    /// Sends queued frames until the queue is empty, then ends; `send` starts a new one.
    private void drain() {
        ByteBuffer[] batch = new ByteBuffer[GATHER_BUFFERS];
        while (true) {
            int count = takeBatch(batch);
            if (count < 0) {
                return;
            }
            long bytes = 0;
            for (int i = 0; i < count; i++) {
                bytes += batch[i].remaining();
            }
            try {
                long left = bytes;
                while (left > 0) {
                    left -= channel.write(batch, 0, count);
                }
            } catch (IOException e) {
                writeFailure = e;
                lock.lock();
                try {
                    writerRunning = false;
                } finally {
                    lock.unlock();
                }
                onWriteFailure.accept(e);
                return;
            } finally {
                Arrays.fill(batch, 0, count, null);
            }
            lock.lock();
            try {
                if (!closed) {
                    queuedBytes -= bytes;
                    budget.addAndGet(-bytes);
                }
                lastProgressMillis = clock.millis();
            } finally {
                lock.unlock();
            }
        }
    }

    /// Moves views of queued buffers into `batch` (one at least, then more while they fit the
    /// gather size); -1 when there is nothing left, after closing a connection that was closing.
    private int takeBatch(ByteBuffer[] batch) {
        boolean finishClosing;
        lock.lock();
        try {
            if (!closed && !queue.isEmpty()) {
                int count = 0;
                long bytes = 0;
                while (count < GATHER_BUFFERS && !queue.isEmpty()) {
                    ByteBuffer next = queue.peekFirst();
                    if (count > 0 && bytes + next.remaining() > GATHER_BYTES) {
                        break;
                    }
                    queue.pollFirst();
                    // a view: the buffer is shared with other members and must not move
                    batch[count++] = next.duplicate();
                    bytes += next.remaining();
                }
                return count;
            }
            writerRunning = false;
            finishClosing = !closed && closingSinceMillis >= 0;
        } finally {
            lock.unlock();
        }
        if (finishClosing) {
            close();
        }
        return -1;
    }

    @Override
    public String toString() {
        return "connection " + id + " " + (login == null ? "" : login + "@") + remote;
    }
}
