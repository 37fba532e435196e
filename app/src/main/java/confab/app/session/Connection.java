package confab.app.session;

import confab.app.session.SessionException.Kind;
import confab.crypto.wire.ErrorCode;
import confab.crypto.wire.FrameReader;
import confab.crypto.wire.Frames;
import confab.crypto.wire.Message;
import confab.crypto.wire.MessageCodec;
import confab.crypto.wire.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// One TCP connection to a host: one virtual writer thread sends queued frames, one virtual
/// reader thread takes frames in, and requests wait in a FIFO for their responses (the host
/// answers requests in the order it got them; everything else it sends is asynchronous and goes
/// to the {@link Handler}).
///
/// The reader also keeps the connection alive: it answers the host's pings, pings the host after
/// `pingInterval` of silence and gives up on it after `readTimeout` of silence.
final class Connection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    private static final AtomicLong IDS = new AtomicLong();
    private static final String AGENT = "Confab";

    /// Tells the writer to stop; compared by identity.
    private static final byte[] STOP = new byte[0];

    /// The most the writer gathers into one write.
    private static final int WRITE_BATCH = 64 * 1024;

    /// Where the asynchronous traffic goes. Both methods run on the reader thread.
    interface Handler {
        /// Delivered, Member*, RoomIdle and host errors that answer no request.
        void onAsync(Connection connection, Message message);

        /// Called once when the connection has ended, after every waiting request has failed
        /// and after {@link #isClosed()} became true.
        void onClosed(Connection connection, String reason);
    }

    /// Runs on the reader thread when the response it waits for arrives, before the next frame
    /// is read: what it records is in place before any message that follows the response.
    @FunctionalInterface
    interface ResponseHook {
        void accept(Message response) throws SessionException;
    }

    private record Pending(
            Set<Class<? extends Message>> expected,
            ResponseHook hook,
            CompletableFuture<Message> result) {}

    /// Codes that describe the connection, never the answer to one request.
    private static final Set<ErrorCode> CONNECTION_ERRORS =
            Set.of(ErrorCode.SHUTTING_DOWN, ErrorCode.TIMEOUT, ErrorCode.MALFORMED);

    private final long id = IDS.incrementAndGet();
    private final HostAddress address;
    private final Socket socket;
    private final OutputStream out;
    private final Handler handler;
    private final ClientSession.Options options;
    private final MessageCodec codec = new MessageCodec();
    private final LinkedBlockingQueue<byte[]> outgoing = new LinkedBlockingQueue<>();
    private final ReentrantLock requestLock = new ReentrantLock();
    private final Deque<Pending> pending = new ArrayDeque<>(); // guarded by itself
    private volatile boolean closed;
    private volatile SessionException closeCause; // what the host said before it closed
    private volatile String localReason; // why this side closed it, if it did
    private long pingToken;

    private Connection(
            HostAddress address, Socket socket, ClientSession.Options options, Handler handler)
            throws IOException {
        this.address = address;
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.options = options;
        this.handler = handler;
    }

    /// Resolves, connects and says hello, all within `timeout`.
    static Connection open(
            HostAddress address, Duration timeout, ClientSession.Options options, Handler handler)
            throws SessionException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Socket socket = connectSocket(address, timeout, deadline);
        Connection connection;
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(Math.toIntExact(Math.max(1, options.pingInterval().toMillis())));
            connection = new Connection(address, socket, options, handler);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new SessionException(
                    Kind.UNREACHABLE, "Could not talk to " + address + ": " + e.getMessage(), e);
        }
        // The hello waits in the FIFO before the reader starts, so that an error the host sends
        // straight after accepting (HOST_FULL) is taken as its answer.
        CompletableFuture<Message> welcome;
        try {
            welcome =
                    connection.submit(
                            new Message.Hello(Message.PROTOCOL_VERSION, AGENT),
                            Set.of(Message.Welcome.class),
                            null);
        } catch (SessionException e) {
            connection.close();
            throw e;
        }
        Thread.ofVirtual()
                .name("confab-session-writer-" + connection.id)
                .start(connection::writeLoop);
        Thread.ofVirtual()
                .name("confab-session-reader-" + connection.id)
                .start(connection::readLoop);
        Message answer =
                connection.await(
                        welcome, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        try {
            switch (answer) {
                case Message.Welcome w -> {
                    if (w.version() != Message.PROTOCOL_VERSION) {
                        throw new SessionException(
                                Kind.INCOMPATIBLE_VERSION, incompatible(address, w.version()));
                    }
                }
                case Message.ErrorReply e ->
                        throw e.code() == ErrorCode.INCOMPATIBLE_VERSION
                                ? new SessionException(
                                        Kind.INCOMPATIBLE_VERSION, incompatible(address, -1))
                                : ClientSession.failure(e, "");
                default ->
                        throw new SessionException(
                                Kind.PROTOCOL, address + " did not answer hello as a host does");
            }
        } catch (SessionException e) {
            connection.close();
            throw e;
        }
        log.debug("connection {} to {} is up", connection.id, address);
        return connection;
    }

    private static String incompatible(HostAddress address, int version) {
        return "The host at "
                + address
                + " speaks another version of the Confab protocol"
                + (version > 0
                        ? " (" + version + ", this app " + Message.PROTOCOL_VERSION + ")"
                        : "")
                + "; both sides need the same Confab version.";
    }

    private static Socket connectSocket(HostAddress address, Duration timeout, long deadline)
            throws SessionException {
        InetAddress[] candidates = resolve(address, timeout, deadline);
        IOException last = null;
        for (InetAddress candidate : candidates) {
            long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (remaining <= 0) {
                break;
            }
            Socket socket = new Socket();
            try {
                socket.connect(
                        new InetSocketAddress(candidate, address.port()),
                        Math.toIntExact(Math.min(Integer.MAX_VALUE, remaining)));
                return socket;
            } catch (IOException e) {
                closeQuietly(socket);
                if (Thread.currentThread().isInterrupted()) {
                    throw new SessionException(Kind.CANCELLED, "Connecting was cancelled.", e);
                }
                last = e;
            }
        }
        if (last == null || last instanceof SocketTimeoutException) {
            throw new SessionException(Kind.TIMED_OUT, noAnswer(address, timeout), last);
        }
        if (last instanceof ConnectException) {
            throw new SessionException(
                    Kind.REFUSED,
                    address
                            + " refused the connection: is the host running, and is the port right?",
                    last);
        }
        throw new SessionException(
                Kind.UNREACHABLE, "Cannot reach " + address + ": " + last.getMessage(), last);
    }

    private static InetAddress[] resolve(HostAddress address, Duration timeout, long deadline)
            throws SessionException {
        // InetAddress has no timeout of its own: look up on another thread and stop waiting.
        CompletableFuture<InetAddress[]> lookup = new CompletableFuture<>();
        Thread.ofVirtual()
                .name("confab-resolve")
                .start(
                        () -> {
                            try {
                                lookup.complete(InetAddress.getAllByName(address.host()));
                            } catch (Throwable e) {
                                lookup.completeExceptionally(e);
                            }
                        });
        try {
            return lookup.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UnknownHostException) {
                throw new SessionException(
                        Kind.UNREACHABLE,
                        "Cannot find the host \""
                                + address.host()
                                + "\": check the name, or use its IP address.",
                        cause);
            }
            throw new SessionException(
                    Kind.UNREACHABLE,
                    "Cannot find the host \"" + address.host() + "\": " + cause.getMessage(),
                    cause);
        } catch (TimeoutException e) {
            throw new SessionException(Kind.TIMED_OUT, noAnswer(address, timeout), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionException(Kind.CANCELLED, "Connecting was cancelled.", e);
        }
    }

    private static String noAnswer(HostAddress address, Duration timeout) {
        return address + " did not answer within " + seconds(timeout) + ".";
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format("%.1f s", millis / 1e3);
    }

    long id() {
        return id;
    }

    HostAddress address() {
        return address;
    }

    boolean isClosed() {
        return closed;
    }

    /// Sends `request` and waits for its answer: one of `expected`, or an {@link
    /// Message.ErrorReply} (returned, not thrown: what it means depends on the request). One
    /// request at a time per connection. If no answer comes within the request timeout the
    /// connection is closed, since the answers that follow could no longer be matched.
    ///
    /// @param hook run on the reader thread on an `expected` answer, or `null`
    Message request(Message request, Set<Class<? extends Message>> expected, ResponseHook hook)
            throws SessionException {
        try {
            requestLock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionException(Kind.CANCELLED, "Cancelled.", e);
        }
        try {
            return await(submit(request, expected, hook), options.requestTimeout());
        } finally {
            requestLock.unlock();
        }
    }

    private CompletableFuture<Message> submit(
            Message request, Set<Class<? extends Message>> expected, ResponseHook hook)
            throws SessionException {
        Pending entry = new Pending(expected, hook, new CompletableFuture<>());
        synchronized (pending) {
            if (closed) {
                throw disconnected();
            }
            pending.addLast(entry);
        }
        try {
            send(request);
        } catch (IOException e) {
            close();
            // The reader fails the entry with the reason; this is the fallback.
            entry.result.completeExceptionally(disconnected());
        }
        return entry.result;
    }

    private Message await(CompletableFuture<Message> result, Duration timeout)
            throws SessionException {
        try {
            return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SessionException cause) {
                throw new SessionException(cause.kind(), cause.getMessage(), cause);
            }
            throw new SessionException(Kind.PROTOCOL, "Unexpected failure.", e.getCause());
        } catch (TimeoutException e) {
            close("the host did not answer a request within " + seconds(timeout));
            throw new SessionException(Kind.TIMED_OUT, noAnswer(address, timeout), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new SessionException(Kind.CANCELLED, "Cancelled.", e);
        }
    }

    /// Queues one frame for the writer thread; never blocks. Safe from any thread.
    ///
    /// @throws IOException if the connection is closed
    void send(Message message) throws IOException {
        if (closed || socket.isClosed()) {
            throw new IOException("the connection is closed");
        }
        outgoing.add(codec.encodeFrame(message));
    }

    /// Writes queued frames, as many as fit in one write, until the connection ends. Writing on
    /// its own thread means no caller ever blocks on a host that is slow to read.
    private void writeLoop() {
        ByteArrayOutputStream batch = new ByteArrayOutputStream(WRITE_BATCH);
        try {
            while (true) {
                byte[] frame = outgoing.take();
                while (frame != null && frame != STOP) {
                    batch.write(frame);
                    frame = batch.size() < WRITE_BATCH ? outgoing.poll() : null;
                }
                if (batch.size() > 0) {
                    batch.writeTo(out);
                    out.flush();
                    batch.reset();
                }
                if (frame == STOP) {
                    return;
                }
            }
        } catch (IOException e) {
            log.debug("connection {}: write failed: {}", id, e.toString());
            close(describe(e));
        } catch (InterruptedException e) {
            closeQuietly(socket);
        }
    }

    /// Closes the socket; the reader then fails what waits and reports the end.
    @Override
    public void close() {
        close("closed by this app");
    }

    /// {@link #close()}, saying why, for the report of the end.
    void close(String why) {
        if (localReason == null) {
            localReason = why;
        }
        closeQuietly(socket);
    }

    private SessionException disconnected() {
        SessionException cause = closeCause;
        return cause != null
                ? new SessionException(cause.kind(), cause.getMessage())
                : new SessionException(
                        Kind.DISCONNECTED, "The connection to " + address + " was lost.");
    }

    private void readLoop() {
        String reason = "the host closed the connection";
        try {
            FrameReader frames =
                    new FrameReader(
                            new Heartbeat(socket.getInputStream()), Frames.DEFAULT_MAX_PAYLOAD);
            byte[] payload;
            while ((payload = frames.read()) != null) {
                dispatch(codec.decode(payload));
            }
        } catch (ProtocolException e) {
            log.warn("connection {}: the host broke the protocol: {}", id, e.getMessage());
            reason = "the host sent something this app does not understand";
            closeCause =
                    new SessionException(
                            Kind.PROTOCOL, "The host at " + address + " " + reason + ".", e);
        } catch (IOException e) {
            String local = localReason;
            reason = local != null && closeCause == null ? local : describe(e);
            log.debug("connection {} ended: {}", id, e.toString());
        } catch (RuntimeException e) {
            log.error("connection {}: unexpected failure in the reader", id, e);
            reason = "an internal error in this app";
        } finally {
            closeQuietly(socket);
            outgoing.add(STOP);
            SessionException failure;
            synchronized (pending) {
                closed = true;
                failure = disconnected();
            }
            Pending entry;
            while ((entry = pollPending()) != null) {
                entry.result.completeExceptionally(failure);
            }
            SessionException cause = closeCause;
            try {
                handler.onClosed(this, cause != null ? cause.getMessage() : reason);
            } catch (RuntimeException e) {
                log.error("connection {}: close handler failed", id, e);
            }
        }
    }

    private static String describe(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return e.getMessage();
        }
        String message = e.getMessage();
        return message == null || message.isBlank()
                ? "the connection failed"
                : "the connection failed (" + message + ")";
    }

    private Pending pollPending() {
        synchronized (pending) {
            return pending.pollFirst();
        }
    }

    private Pending peekPending() {
        synchronized (pending) {
            return pending.peekFirst();
        }
    }

    private void dispatch(Message message) throws IOException {
        switch (message) {
            case Message.Welcome m -> respond(m);
            case Message.Registered m -> respond(m);
            case Message.LoginChallenge m -> respond(m);
            case Message.LoginOk m -> respond(m);
            case Message.RoomList m -> respond(m);
            case Message.RoomCreated m -> respond(m);
            case Message.JoinChallenge m -> respond(m);
            case Message.Joined m -> respond(m);
            case Message.Left m -> respond(m);
            case Message.ErrorReply m -> onError(m);
            case Message.Ping m -> send(new Message.Pong(m.token()));
            case Message.Pong m -> log.trace("connection {}: pong {}", id, m.token());
            case Message.Delivered m -> handler.onAsync(this, m);
            case Message.MemberJoined m -> handler.onAsync(this, m);
            case Message.MemberLeft m -> handler.onAsync(this, m);
            case Message.MemberEvicted m -> handler.onAsync(this, m);
            case Message.RoomIdle m -> handler.onAsync(this, m);
            case Message.Hello m -> clientOnly(m);
            case Message.Register m -> clientOnly(m);
            case Message.LoginStart m -> clientOnly(m);
            case Message.LoginProof m -> clientOnly(m);
            case Message.ListRooms m -> clientOnly(m);
            case Message.CreateRoom m -> clientOnly(m);
            case Message.JoinStart m -> clientOnly(m);
            case Message.JoinProof m -> clientOnly(m);
            case Message.Leave m -> clientOnly(m);
            case Message.Post m -> clientOnly(m);
        }
    }

    private void clientOnly(Message message) throws IOException {
        throw new IOException(
                "the host sent a message only clients send: " + message.getClass().getSimpleName());
    }

    private void respond(Message response) {
        Pending head = peekPending();
        if (head == null || !head.expected.contains(response.getClass())) {
            // Left behind by a request that already failed (see onError); nothing waits for it.
            log.warn(
                    "connection {}: ignoring an unexpected {}",
                    id,
                    response.getClass().getSimpleName());
            return;
        }
        pollPending();
        try {
            if (head.hook != null) {
                head.hook.accept(response);
            }
            head.result.complete(response);
        } catch (SessionException e) {
            head.result.completeExceptionally(e);
        } catch (RuntimeException e) {
            log.error("connection {}: response hook failed", id, e);
            head.result.completeExceptionally(
                    new SessionException(Kind.PROTOCOL, "Internal error: " + e, e));
        }
    }

    private void onError(Message.ErrorReply error) {
        if (CONNECTION_ERRORS.contains(error.code())) {
            // The host closes the connection after these; requests fail with this reason.
            closeCause =
                    new SessionException(
                            error.code() == ErrorCode.MALFORMED ? Kind.PROTOCOL : Kind.DISCONNECTED,
                            hostSays(error));
            handler.onAsync(this, error);
            return;
        }
        // The protocol has no request ids: an error while a request waits is taken as its
        // answer. (An error for a post, such as RATE_LIMITED, can be misread this way; the
        // request then fails with that error and its real answer is ignored.)
        Pending head = pollPending();
        if (head != null) {
            head.result.complete(error);
        } else {
            if (error.code() == ErrorCode.HOST_FULL) {
                closeCause = new SessionException(Kind.HOST_FULL, hostSays(error));
            }
            handler.onAsync(this, error);
        }
    }

    private String hostSays(Message.ErrorReply error) {
        return switch (error.code()) {
            case SHUTTING_DOWN -> "The host at " + address + " is shutting down.";
            case TIMEOUT -> "The host at " + address + " closed the connection after a silence.";
            case MALFORMED ->
                    "The host at " + address + " did not understand this app: " + error.text();
            case HOST_FULL -> "The host at " + address + " is full; try again later.";
            default -> "The host at " + address + " said: " + error.text();
        };
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("closing a socket failed", e);
        }
    }

    /// The socket's read timeout is the ping interval; this stream turns each timeout into a
    /// ping to the host, or into the end of the connection once the host has been silent for
    /// the read timeout. A frame half read when a timeout strikes stays intact.
    private final class Heartbeat extends FilterInputStream {
        private long lastHeard = System.nanoTime();

        Heartbeat(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            while (true) {
                try {
                    int b = super.read();
                    lastHeard = System.nanoTime();
                    return b;
                } catch (SocketTimeoutException e) {
                    quiet();
                }
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            while (true) {
                try {
                    int n = super.read(buffer, offset, length);
                    lastHeard = System.nanoTime();
                    return n;
                } catch (SocketTimeoutException e) {
                    quiet();
                }
            }
        }

        private void quiet() throws IOException {
            long silent = System.nanoTime() - lastHeard;
            if (silent >= options.readTimeout().toNanos()) {
                throw new SocketTimeoutException(
                        "the host has been silent for " + seconds(Duration.ofNanos(silent)));
            }
            send(new Message.Ping(++pingToken));
        }
    }
}
