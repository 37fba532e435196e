package confab.app.reliability;

import confab.app.session.HostAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/// A TCP relay on loopback that can do what a network does to a connection its client has given
/// up: hold what the client sent, let the client see the connection die, and deliver the held
/// bytes to the host later, followed by the end of the stream.
final class HoldingRelay implements AutoCloseable {
    private final ServerSocket server;
    private final int hostPort;
    private final List<Link> links = new CopyOnWriteArrayList<>();

    /// One relayed connection.
    private static final class Link {
        final Socket client;
        final Socket host;
        final ByteArrayOutputStream held = new ByteArrayOutputStream();
        volatile boolean holding;

        Link(Socket client, Socket host) {
            this.client = client;
            this.host = host;
        }
    }

    HoldingRelay(int hostPort) throws IOException {
        this.hostPort = hostPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("holding-relay").start(this::acceptLoop);
    }

    HostAddress address() {
        return new HostAddress("127.0.0.1", server.getLocalPort());
    }

    /// From now on, bytes the current connections' clients send are held, not passed on.
    void hold() {
        links.forEach(link -> link.holding = true);
    }

    /// Bytes held so far.
    int held() {
        int total = 0;
        for (Link link : links) {
            synchronized (link.held) {
                total += link.held.size();
            }
        }
        return total;
    }

    /// Closes the client side of every holding connection; their host sides stay open.
    void abandonClients() {
        links.stream().filter(link -> link.holding).forEach(link -> closeQuietly(link.client));
    }

    /// Sends what the holding connections held to the host, then ends those streams.
    void releaseHeld() throws IOException {
        for (Link link : links) {
            if (link.holding) {
                synchronized (link.held) {
                    OutputStream out = link.host.getOutputStream();
                    link.held.writeTo(out);
                    out.flush();
                }
                link.host.shutdownOutput();
                links.remove(link);
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(server);
        for (Link link : links) {
            closeQuietly(link.client);
            closeQuietly(link.host);
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket host = new Socket(InetAddress.getLoopbackAddress(), hostPort);
                Link link = new Link(client, host);
                links.add(link);
                Thread.ofVirtual().start(() -> towardHost(link));
                Thread.ofVirtual().start(() -> towardClient(link));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void towardHost(Link link) {
        byte[] buffer = new byte[8192];
        try (InputStream in = link.client.getInputStream()) {
            OutputStream out = link.host.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (link.holding) {
                    synchronized (link.held) {
                        link.held.write(buffer, 0, n);
                    }
                } else {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // the client side went away
        }
        if (!link.holding) {
            closeQuietly(link.host);
        }
    }

    private void towardClient(Link link) {
        // no try-with-resources: closing a socket's stream closes the socket, and a holding
        // link keeps its host side open after its client side is gone
        try {
            link.host.getInputStream().transferTo(link.client.getOutputStream());
        } catch (IOException e) {
            // one side went away
        }
        if (!link.holding) {
            closeQuietly(link.client);
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
