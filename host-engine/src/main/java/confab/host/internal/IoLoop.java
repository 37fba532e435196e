package confab.host.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// The host's network I/O on one thread: a selector over every connection's non-blocking
/// socket. It reads what arrives and hands it to the connection's {@link Session}, and
/// finishes the writes that a socket could not take at once.
///
/// There is no thread per connection: under load the host's threads would otherwise take
/// turns on the CPU for every read and every write, and an idle connection costs only its
/// objects. Everything else reaches the loop as a task ({@link Port}), so the selector and
/// every selection key are touched by the loop thread alone.
public final class IoLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IoLoop.class);

    /// Most bytes read from one socket per turn, so that one busy sender cannot starve the
    /// others.
    private static final int READ_BYTES = 64 * 1024;

    /// How long the loop pauses before its next read after a turn that handed a post to a
    /// room still busy with its last one (see the constructor).
    static final long BUSY_ROOM_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(300);

    private final Selector selector;
    private final Thread thread;
    private final BooleanSupplier fedBusyRoom;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final byte[] readBytes = new byte[READ_BYTES];
    private final ByteBuffer readBuffer = ByteBuffer.wrap(readBytes);
    private volatile boolean stopping;

    /// @param fedBusyRoom whether the turn just run handed a post to a room whose thread had
    ///     not yet taken the one before. On one core the loop and a busy room take turns: each
    ///     post arriving would wake the loop, which would preempt the room in the middle of
    ///     its writes (thousands of times a second under load) only to queue one more post
    ///     behind it. So after such a turn the loop pauses briefly; what arrives meanwhile
    ///     waits in the sockets and is read in one go, and the room's next batch takes it all.
    public IoLoop(String name, BooleanSupplier fedBusyRoom) throws IOException {
        this.fedBusyRoom = fedBusyRoom;
        this.selector = Selector.open();
        this.thread = Thread.ofPlatform().daemon().name(name).unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    /// A new connection's place in this loop. Create it before the {@link Connection}, which
    /// reports to it, then {@link Port#start} it with the connection's session.
    public Port port(SocketChannel channel) {
        return new Port(channel);
    }

    /// Stops the loop; connections still open are no longer read or written.
    @Override
    public void close() {
        stopping = true;
        selector.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            selector.close();
        } catch (IOException e) {
            log.debug("closing the selector", e);
        }
    }

    private void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    private void run() {
        try {
            while (!stopping) {
                try {
                    selector.select(this::ready);
                    Runnable task;
                    while ((task = tasks.poll()) != null) {
                        task.run();
                    }
                    if (fedBusyRoom.getAsBoolean()) {
                        LockSupport.parkNanos(BUSY_ROOM_PAUSE_NANOS);
                    }
                } catch (IOException | RuntimeException e) {
                    // one connection's trouble must not end everyone's I/O
                    log.error("I/O loop", e);
                }
            }
        } catch (Error e) {
            // out of memory, say: say loudly that the host no longer serves anyone
            log.error("the I/O loop stopped: no connection is read or written any more", e);
            throw e;
        }
    }

    private void ready(SelectionKey key) {
        Port port = (Port) key.attachment();
        try {
            if (key.isWritable()) {
                key.interestOpsAnd(~SelectionKey.OP_WRITE);
                port.session.connection().writable();
            }
            if (key.isValid() && key.isReadable()) {
                port.read();
            }
        } catch (CancelledKeyException e) {
            // closed by another thread meanwhile; its closed() task ends the session
        }
    }

    /// One connection's socket in the loop. Its methods may be called from any thread.
    public final class Port implements Connection.Events {
        private final SocketChannel channel;
        private SelectionKey key; // loop thread only
        private Session session;

        private Port(SocketChannel channel) {
            this.channel = channel;
        }

        /// Registers the socket and feeds what arrives to `session` from now on.
        public void start(Session started) {
            execute(
                    () -> {
                        session = started;
                        try {
                            key = channel.register(selector, SelectionKey.OP_READ, this);
                        } catch (ClosedChannelException e) {
                            session.connectionClosed();
                        }
                    });
        }

        @Override
        public void writeBlocked() {
            execute(
                    () -> {
                        if (key != null && key.isValid()) {
                            key.interestOpsOr(SelectionKey.OP_WRITE);
                        }
                    });
        }

        @Override
        public void closed() {
            execute(
                    () -> {
                        if (session != null) {
                            session.connectionClosed();
                        }
                    });
        }

        /// Reading goes on after the session's worker handled what it was given.
        public void resumeReading() {
            execute(
                    () -> {
                        if (key != null && key.isValid() && !session.ended()) {
                            key.interestOpsOr(SelectionKey.OP_READ);
                        }
                    });
        }

        private void read() {
            int n;
            try {
                readBuffer.clear();
                n = channel.read(readBuffer);
            } catch (IOException e) {
                key.interestOpsAnd(~SelectionKey.OP_READ);
                session.readFailed(e);
                return;
            }
            if (n < 0) {
                key.interestOpsAnd(~SelectionKey.OP_READ);
                session.endOfStream();
            } else if (n > 0 && !session.received(readBytes, 0, n)) {
                // a worker has the session now (it resumes reading when done), or it ended
                if (key.isValid()) {
                    key.interestOpsAnd(~SelectionKey.OP_READ);
                }
            }
        }
    }
}
