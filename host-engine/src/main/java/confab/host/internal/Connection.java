package confab.host.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/// One client connection's outbound side: a bounded queue of encoded frames, written by
/// whichever thread queues them, without ever waiting for the socket.
///
/// A fan-out sends parts of the same buffer to N members ({@link #sendShared}: the room keeps
/// its latest messages in one direct buffer, {@link FrameTail}, and sends each member what it
/// has not had yet): a member that keeps up gets it written at once,
/// and only what its socket does not take is queued, as a private view, so nothing is copied or
/// re-encoded per member. The socket is non-blocking: a write takes as much as the socket takes
/// now (one gathering write for several queued buffers), and when it takes less the
/// connection's {@link Events} are told, so that the host's I/O loop calls {@link #writable}
/// once the socket can take more. A slow reader therefore costs the
/// thread that queued for it one write call, never a wait.
/// The queue itself is bounded by its owner (the room evicts a member over its hard bound);
/// the host-wide `budget` counts bytes queued on every connection.
public final class Connection {
    /// Most bytes handed to one gathering write (the first buffer always goes, however large).
    static final int GATHER_BYTES = 256 * 1024;

    private static final int GATHER_BUFFERS = 256;

    /// What a connection tells the I/O loop that owns its socket.
    public interface Events {
        /// The socket took only part of what is queued: call {@link #writable} when it can
        /// take more.
        void writeBlocked();

        /// The socket was closed, by anyone, for any reason; called once.
        void closed();
    }

    private final long id;
    private final GatheringByteChannel channel;
    private final InetSocketAddress remote;
    private final InstantSource clock;
    private final AtomicLong budget;
    private final Events events;

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private boolean awaitingWritable;
    private boolean closed;
    private long closingSinceMillis = -1;

    private volatile long queuedBytes;
    private volatile long lastProgressMillis;
    private volatile String login;
    private volatile IOException writeFailure;

    /// @param channel the socket, non-blocking (a write must never wait)
    public Connection(
            long id,
            GatheringByteChannel channel,
            InetSocketAddress remote,
            InstantSource clock,
            AtomicLong budget,
            Events events) {
        this.id = id;
        this.channel = channel;
        this.remote = remote;
        this.clock = clock;
        this.budget = budget;
        this.events = events;
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

    /// Clock millis of the last write that made progress, or of the moment the queue last
    /// went from empty to non-empty: how long the peer has kept us waiting.
    public long lastProgressMillis() {
        return lastProgressMillis;
    }

    /// Why a write failed (the peer reset or broke the connection), or `null`.
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

    /// Queues one encoded frame and writes what the socket takes now; `false` if the
    /// connection is closed or closing.
    public boolean send(byte[] frame) {
        boolean done;
        lock.lock();
        try {
            if (!enqueueLocked(ByteBuffer.wrap(frame))) {
                return false;
            }
            done = writeLocked();
        } finally {
            lock.unlock();
        }
        closeIf(done);
        return true;
    }

    /// Queues one encoded frame without writing it: the room queues membership notices and
    /// pages of history this way and writes them at its next {@link #flush}, so that several
    /// go out in one gathering write. `false` if the connection is closed or closing.
    boolean enqueue(byte[] frame) {
        lock.lock();
        try {
            return enqueueLocked(ByteBuffer.wrap(frame));
        } finally {
            lock.unlock();
        }
    }

    /// What {@link #sendShared} did with a buffer.
    enum Sent {
        /// All of it is written; the connection keeps no reference to the buffer.
        WRITTEN,
        /// Part or all of it waits in the queue: the buffer must not change until written.
        QUEUED,
        /// The connection is closed or closing.
        REFUSED
    }

    /// Sends the bytes between `frames`' position and limit (one or more whole frames) after
    /// whatever is queued, writing at once what the socket takes; the caller's position and
    /// limit are as they were when this returns. A member that keeps up (the common case) thus
    /// costs the fan-out one write call and no allocation; only a remainder is queued, as a
    /// private view of the shared buffer.
    Sent sendShared(ByteBuffer frames) {
        boolean done;
        Sent sent;
        lock.lock();
        try {
            if (closed || closingSinceMillis >= 0) {
                return Sent.REFUSED;
            }
            if (!queue.isEmpty() || awaitingWritable || writeFailure != null) {
                enqueueLocked(frames);
                done = writeLocked();
            } else {
                int start = frames.position();
                try {
                    if (channel.write(frames) > 0) {
                        lastProgressMillis = clock.millis();
                    }
                    if (frames.hasRemaining()) {
                        enqueueLocked(frames);
                        awaitingWritable = true;
                        events.writeBlocked();
                    }
                } catch (IOException e) {
                    writeFailure = e;
                } finally {
                    frames.position(start);
                }
                done = writeFailure != null;
            }
            sent = queue.isEmpty() ? Sent.WRITTEN : Sent.QUEUED;
        } finally {
            lock.unlock();
        }
        closeIf(done);
        return sent;
    }

    /// Writes what is queued, as far as the socket takes it now.
    void flush() {
        boolean done;
        lock.lock();
        try {
            done = writeLocked();
        } finally {
            lock.unlock();
        }
        closeIf(done);
    }

    /// The socket can take more bytes again (the I/O loop saw it after {@link
    /// Events#writeBlocked}).
    public void writable() {
        boolean done;
        lock.lock();
        try {
            awaitingWritable = false;
            done = writeLocked();
        } finally {
            lock.unlock();
        }
        closeIf(done);
    }

    private boolean enqueueLocked(ByteBuffer frames) {
        if (closed || closingSinceMillis >= 0) {
            return false;
        }
        if (queue.isEmpty()) {
            lastProgressMillis = clock.millis();
        }
        int bytes = frames.remaining();
        // a private view: the buffer is shared with other members and must not move
        queue.addLast(frames.duplicate());
        queuedBytes += bytes;
        budget.addAndGet(bytes);
        return true;
    }

    /// Writes queued frames until the queue is empty or the socket takes no more; a failed
    /// write is kept in `writeFailure`. `true` if the connection is done and must be closed
    /// (outside the lock): a write failed, or a closing connection has written its last frame.
    private boolean writeLocked() {
        if (!closed && !awaitingWritable && writeFailure == null) {
            try {
                while (!queue.isEmpty() && !awaitingWritable) {
                    if (queue.size() == 1) {
                        // the usual case: no gather array to allocate
                        ByteBuffer only = queue.peekFirst();
                        int written = channel.write(only);
                        progressed(written);
                        if (!only.hasRemaining()) {
                            queue.pollFirst();
                        } else {
                            awaitingWritable = true;
                            events.writeBlocked();
                        }
                        continue;
                    }
                    ByteBuffer[] batch = new ByteBuffer[Math.min(queue.size(), GATHER_BUFFERS)];
                    int count = 0;
                    long bytes = 0;
                    for (ByteBuffer next : queue) {
                        if (count == batch.length
                                || (count > 0 && bytes + next.remaining() > GATHER_BYTES)) {
                            break;
                        }
                        batch[count++] = next;
                        bytes += next.remaining();
                    }
                    long written = channel.write(batch, 0, count);
                    progressed(written);
                    if (written > 0) {
                        while (!queue.isEmpty() && !queue.peekFirst().hasRemaining()) {
                            queue.pollFirst();
                        }
                    }
                    if (written < bytes) {
                        awaitingWritable = true;
                        events.writeBlocked();
                    }
                }
            } catch (IOException e) {
                writeFailure = e;
            }
        }
        return !closed && (writeFailure != null || (closingSinceMillis >= 0 && queue.isEmpty()));
    }

    private void progressed(long written) {
        if (written > 0) {
            queuedBytes -= written;
            budget.addAndGet(-written);
            lastProgressMillis = clock.millis();
        }
    }

    private void closeIf(boolean done) {
        if (done) {
            close();
        }
    }

    /// Queues a last frame (a typed error, say) and closes the connection once everything
    /// queued is written. The host's maintenance closes it hard if the peer does not read.
    public void sendAndClose(byte[] frame) {
        boolean done;
        lock.lock();
        try {
            if (closed || closingSinceMillis >= 0) {
                return;
            }
            enqueueLocked(ByteBuffer.wrap(frame));
            closingSinceMillis = clock.millis();
            done = writeLocked();
        } finally {
            lock.unlock();
        }
        closeIf(done);
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
        events.closed();
    }

    @Override
    public String toString() {
        return "connection " + id + " " + (login == null ? "" : login + "@") + remote;
    }
}
