package confab.host;

import confab.crypto.wire.ErrorCode;
import confab.crypto.wire.Message;
import confab.crypto.wire.MessageCodec;
import confab.host.internal.Connection;
import confab.host.internal.IoLoop;
import confab.host.internal.LoginThrottle;
import confab.host.internal.Rooms;
import confab.host.internal.Session;
import confab.host.store.HostStore;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// A running host: it listens, serves every connection from one I/O loop (with a virtual
/// thread for a request that may wait), runs one thread per active room and keeps everything
/// in one SQLite database.
///
/// Start it in-process with {@link #start}; {@link #close} stops accepting, lets each room
/// store what it has queued, closes every connection and then the database. The headless
/// `confab-host` command and the desktop app's "Host a room" both run exactly this.
public final class HostEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HostEngine.class);

    private final HostConfig config;
    private final HostListener listener;
    private final HostStore store;
    private final MessageCodec codec;
    private final ServerSocketChannel server;
    private final Rooms rooms;
    private final LoginThrottle throttle;
    private final AtomicLong hostQueued = new AtomicLong();
    private final AtomicLong nextId = new AtomicLong();
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final Object sessionEnded = new Object(); // notified whenever a session ends
    private final Map<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final Session.Services services;
    private final IoLoop loop;
    private final Thread acceptor;
    private final Thread maintenance;
    private volatile boolean stopping;

    private HostEngine(HostConfig config, HostListener listener, HostStore store)
            throws IOException {
        this.config = config;
        this.listener = listener;
        this.store = store;
        this.codec = new MessageCodec(config.maxPayload());
        this.rooms = new Rooms(store, codec, config, listener, hostQueued);
        this.throttle =
                new LoginThrottle(
                        config.failedLoginLimit(), config.failedLoginWindow(), config.clock());
        byte[] decoySecret = new byte[32];
        new SecureRandom().nextBytes(decoySecret);
        this.services =
                new Session.Services(
                        config, store, codec, rooms, throttle, listener, decoySecret, this::ended);
        this.loop = new IoLoop("confab-io", rooms::takeBusyRoomFed);
        this.server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(config.bindAddress(), config.port()), 1024);
        } catch (IOException e) {
            server.close();
            loop.close();
            throw e;
        }
        this.acceptor = Thread.ofVirtual().name("confab-accept").unstarted(this::acceptLoop);
        this.maintenance = Thread.ofVirtual().name("confab-maintenance").unstarted(this::maintain);
    }

    /// Opens the store, binds the listening socket and starts serving.
    ///
    /// @throws IOException if the address cannot be bound (the port is taken, say)
    public static HostEngine start(HostConfig config, HostListener listener) throws IOException {
        HostStore store =
                HostStore.open(
                        config.dataDir(),
                        confab.host.store.Durability.valueOf(config.durability().name()));
        try {
            HostEngine engine = new HostEngine(config, listener, store);
            engine.loop.start();
            engine.acceptor.start();
            engine.maintenance.start();
            log.info("listening on {}, data in {}", engine.address(), store.databaseFile());
            return engine;
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /// The bound address, with the real port when the config asked for port 0.
    public InetSocketAddress address() {
        try {
            return (InetSocketAddress) server.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("the listening socket is closed", e);
        }
    }

    public int port() {
        return address().getPort();
    }

    public HostConfig config() {
        return config;
    }

    /// Open connections right now.
    public int connectionCount() {
        return sessions.size();
    }

    /// Names of the rooms whose thread is running.
    public Set<String> activeRooms() {
        return rooms.activeRooms();
    }

    /// The addresses friends can type to join: every up, non-loopback address of this machine
    /// with the port (IPv4 first), or the loopback address when there is no other.
    public List<String> joinAddresses() {
        int port = port();
        InetAddress bound = address().getAddress();
        if (!bound.isAnyLocalAddress()) {
            return List.of(hostPort(bound, port));
        }
        List<String> v4 = new ArrayList<>();
        List<String> v6 = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || nif.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nif.getInetAddresses())) {
                    if (address.isLinkLocalAddress()) {
                        continue;
                    }
                    (address instanceof Inet4Address ? v4 : v6).add(hostPort(address, port));
                }
            }
        } catch (SocketException e) {
            log.warn("could not list network interfaces", e);
        }
        List<String> all = new ArrayList<>(v4);
        all.addAll(v6);
        if (all.isEmpty()) {
            all.add("127.0.0.1:" + port);
        }
        return List.copyOf(all);
    }

    /// Runs the periodic checks now: handshake and read timeouts, pings, room idle time and
    /// stalled members. The host runs them every second by itself; a test that advanced a
    /// fake clock calls this to have them noticed at once.
    public void runMaintenance() {
        long now = config.clock().millis();
        for (Session session : sessions) {
            session.checkTimeouts(now);
        }
        rooms.tick();
        throttle.forgetOld();
    }

    /// Stops the host; everything acknowledged is in the database when this returns.
    @Override
    public void close() {
        if (stopping) {
            return;
        }
        stopping = true;
        try {
            server.close();
        } catch (IOException e) {
            log.warn("closing the listening socket", e);
        }
        acceptor.interrupt();
        maintenance.interrupt();
        try {
            rooms.stopAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] bye =
                codec.encodeFrame(
                        new Message.ErrorReply(ErrorCode.SHUTTING_DOWN, "the host stopped"));
        for (Session session : sessions) {
            session.connection().sendAndClose(bye);
        }
        awaitSessionsEnded(TimeUnit.SECONDS.toNanos(2));
        sessions.forEach(session -> session.connection().close());
        loop.close();
        store.close();
        log.info("host stopped");
    }

    // The goodbye frames are on their way: wait (bounded) until every session has ended.
    private void awaitSessionsEnded(long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (sessionEnded) {
            long left;
            while (!sessions.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(sessionEnded, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void acceptLoop() {
        while (!stopping) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                if (!stopping) {
                    log.error("accept failed; the host stops listening", e);
                }
                return;
            }
            try {
                admit(channel);
            } catch (IOException | RuntimeException e) {
                log.warn("could not set up a connection", e);
                closeQuietly(channel);
            }
        }
    }

    private void admit(SocketChannel channel) throws IOException {
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
        AtomicInteger fromAddress =
                perAddress.computeIfAbsent(remote.getAddress(), a -> new AtomicInteger());
        if (sessions.size() >= config.maxConnections()
                || fromAddress.get() >= config.maxConnectionsPerAddress()) {
            listener.defended(remote, Defence.CONNECTION_CAP);
            log.info("refused {}: connection cap", remote);
            refuseNow(channel, "the host is full; try again later");
            return;
        }
        fromAddress.incrementAndGet();
        channel.configureBlocking(false);
        long id = nextId.incrementAndGet();
        IoLoop.Port port = loop.port(channel);
        Connection connection =
                new Connection(id, channel, remote, config.clock(), hostQueued, port);
        Session session = new Session(connection, services, port::resumeReading);
        sessions.add(session);
        listener.connectionOpened(id, remote);
        port.start(session);
    }

    private void refuseNow(SocketChannel channel, String text) {
        try (channel) {
            byte[] frame = codec.encodeFrame(new Message.ErrorReply(ErrorCode.HOST_FULL, text));
            channel.write(ByteBuffer.wrap(frame));
        } catch (IOException e) {
            log.debug("refusal not delivered", e);
        }
    }

    private void ended(Session session) {
        sessions.remove(session);
        synchronized (sessionEnded) {
            sessionEnded.notifyAll();
        }
        perAddress.computeIfPresent(
                session.connection().remote().getAddress(),
                (address, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    private void maintain() {
        while (!stopping) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            try {
                runMaintenance();
            } catch (RuntimeException e) {
                log.error("maintenance failed", e);
            }
        }
    }

    private static String hostPort(InetAddress address, int port) {
        String host = address.getHostAddress();
        int zone = host.indexOf('%');
        if (zone >= 0) {
            host = host.substring(0, zone);
        }
        return address instanceof Inet4Address ? host + ":" + port : "[" + host + "]:" + port;
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to do for a connection that never started
        }
    }
}
