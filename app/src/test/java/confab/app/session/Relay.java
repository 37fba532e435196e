package confab.app.session;

import confab.crypto.wire.FrameReader;
import confab.crypto.wire.Frames;
import confab.crypto.wire.Message;
import confab.crypto.wire.MessageCodec;
import confab.crypto.wire.ProtocolException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/// A TCP relay between clients and a host on loopback that can rewrite what the host sends
/// (frame by frame, through the real codec), refuse new connections and cut the current ones.
final class Relay implements AutoCloseable {
    private final ServerSocket server;
    private final int hostPort;
    private final MessageCodec codec = new MessageCodec();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile Function<Message, List<Message>> towardClient = List::of;
    private volatile boolean blocked;
    private final AtomicInteger accepted = new AtomicInteger();

    Relay(int hostPort) throws IOException {
        this.hostPort = hostPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("relay-accept").start(this::acceptLoop);
    }

    HostAddress address() {
        return new HostAddress("127.0.0.1", server.getLocalPort());
    }

    /// Each message from the host to a client is replaced by what `rewrite` returns.
    void rewrite(Function<Message, List<Message>> rewrite) {
        towardClient = rewrite;
    }

    /// Connections accepted so far, blocked ones included.
    int accepted() {
        return accepted.get();
    }

    /// While blocked, new connections are accepted and closed at once.
    void block(boolean blocked) {
        this.blocked = blocked;
    }

    /// Closes every relayed connection (both sides).
    void cut() {
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }

    /// Resets every relayed connection (RST, not FIN): to the host, a connection that died.
    void reset() {
        // linger 0 on every socket first, so that whichever closes first (here, or a pump that
        // saw its other side go) resets rather than ends the stream cleanly
        for (Socket socket : sockets) {
            try {
                socket.setSoLinger(true, 0);
            } catch (IOException e) {
                // closing anyway
            }
        }
        cut();
    }

    @Override
    public void close() {
        closeQuietly(server);
        cut();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            if (blocked) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket host = new Socket(InetAddress.getLoopbackAddress(), hostPort);
                sockets.add(client);
                sockets.add(host);
                Thread.ofVirtual().start(() -> copy(client, host));
                Thread.ofVirtual().start(() -> rewriteFrames(host, client));
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void copy(Socket from, Socket to) {
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
        } catch (IOException e) {
            // one side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private void rewriteFrames(Socket from, Socket to) {
        try {
            FrameReader frames = new FrameReader(from.getInputStream(), Frames.DEFAULT_MAX_PAYLOAD);
            OutputStream out = to.getOutputStream();
            byte[] payload;
            while ((payload = frames.read()) != null) {
                for (Message message : towardClient.apply(codec.decode(payload))) {
                    out.write(codec.encodeFrame(message));
                }
                out.flush();
            }
        } catch (IOException | ProtocolException e) {
            // one side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}
