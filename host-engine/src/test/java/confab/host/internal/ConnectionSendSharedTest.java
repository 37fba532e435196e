package confab.host.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/// The room's fan-out path over a real loopback socket: one shared buffer, sent to a member
/// that keeps up and to one whose socket is full.
@Timeout(60)
class ConnectionSendSharedTest {
    private ServerSocketChannel server;
    private SocketChannel hostSide;
    private SocketChannel peer;
    private final AtomicInteger writeBlocked = new AtomicInteger();
    private final AtomicLong budget = new AtomicLong();
    private Connection connection;

    @BeforeEach
    void connect() throws IOException {
        server =
                ServerSocketChannel.open()
                        .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        peer = SocketChannel.open(server.getLocalAddress());
        hostSide = server.accept();
        hostSide.configureBlocking(false);
        connection =
                new Connection(
                        1,
                        hostSide,
                        (InetSocketAddress) peer.getLocalAddress(),
                        Clock.systemUTC(),
                        budget,
                        new Connection.Events() {
                            @Override
                            public void writeBlocked() {
                                writeBlocked.incrementAndGet();
                            }

                            @Override
                            public void closed() {}
                        });
    }

    @AfterEach
    void close() throws IOException {
        connection.close();
        peer.close();
        server.close();
    }

    @Test
    void aMemberThatKeepsUpGetsEverythingAtOnceAndKeepsNoReferenceToTheBuffer() throws IOException {
        ByteBuffer shared = frames(1_000, (byte) 7);

        assertThat(connection.sendShared(shared)).isEqualTo(Connection.Sent.WRITTEN);

        assertThat(shared.position()).isZero();
        assertThat(shared.remaining()).isEqualTo(1_000);
        assertThat(connection.queuedBytes()).isZero();
        assertThat(readExactly(1_000)).containsOnly(7);
    }

    @Test
    void aFullSocketKeepsTheRestQueuedInOrderAndTheCallersViewUnmoved() throws IOException {
        // more than loopback's socket buffers take while the peer does not read
        int size = 16 * 1024 * 1024;
        ByteBuffer first = frames(size, (byte) 1);
        ByteBuffer second = frames(1_000, (byte) 2);

        assertThat(connection.sendShared(first)).isEqualTo(Connection.Sent.QUEUED);
        assertThat(first.position()).isZero();
        assertThat(writeBlocked.get()).isEqualTo(1);
        long queued = connection.queuedBytes();
        assertThat(queued).isPositive().isLessThan(size);
        assertThat(budget.get()).isEqualTo(queued);

        // something is queued: the second buffer waits behind it, written as far as it goes
        assertThat(connection.sendShared(second)).isEqualTo(Connection.Sent.QUEUED);
        assertThat(connection.queuedBytes()).isEqualTo(queued + 1_000);

        ByteArrayOutputStream received = new ByteArrayOutputStream();
        while (received.size() < size + 1_000) {
            received.write(read());
            connection.writable(); // what the I/O loop does once the socket takes more
        }
        byte[] all = received.toByteArray();
        assertThat(all).hasSize(size + 1_000);
        for (int i = 0; i < size; i++) {
            if (all[i] != 1) {
                throw new AssertionError("byte " + i + " is " + all[i]);
            }
        }
        for (int i = size; i < all.length; i++) {
            assertThat(all[i]).isEqualTo((byte) 2);
        }
        assertThat(connection.queuedBytes()).isZero();
        assertThat(budget.get()).isZero();
    }

    @Test
    void aClosedConnectionRefusesTheBuffer() {
        connection.close();

        assertThat(connection.sendShared(frames(10, (byte) 1))).isEqualTo(Connection.Sent.REFUSED);
        assertThat(budget.get()).isZero();
    }

    private static ByteBuffer frames(int size, byte value) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(size);
        while (buffer.hasRemaining()) {
            buffer.put(value);
        }
        return buffer.flip().asReadOnlyBuffer();
    }

    private byte[] read() throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(256 * 1024);
        if (peer.read(chunk) < 0) {
            throw new IOException("closed early");
        }
        return Arrays.copyOf(chunk.array(), chunk.position());
    }

    private byte[] readExactly(int size) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        while (received.size() < size) {
            received.write(read());
        }
        return received.toByteArray();
    }
}
