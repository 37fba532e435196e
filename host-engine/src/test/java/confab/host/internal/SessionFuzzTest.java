package confab.host.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import confab.crypto.wire.FrameDecoder;
import confab.crypto.wire.MessageCodec;
import confab.crypto.wire.ProtocolException;
import confab.host.HostConfig;
import confab.host.HostListener;
import confab.host.store.Durability;
import confab.host.store.HostStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/// Jazzer fuzz test of the host's request handling, in process with a fake connection: the
/// input is cut into frames and each goes through `Session.process` against a real store.
/// A `ProtocolException` (bad input, answered with a typed error) is fine; any other exception
/// escaping the handler is a finding: on a live host it would be an internal error.
///
/// `mvn test` replays the seeds in
/// `src/test/resources/confab/host/internal/SessionFuzzTestInputs/handleRequests/`. To fuzz:
/// ```
/// JAZZER_FUZZ=1 mvn -B -pl crypto,host-engine test -Dtest=SessionFuzzTest
// -Djazzer.max_duration=10m -Dsurefire.failIfNoSpecifiedTests=false
/// ```
class SessionFuzzTest {
    private static Path dir;
    private static HostStore store;
    private static Session.Services services;
    private static final AtomicLong ids = new AtomicLong();

    @BeforeAll
    static void openStore() throws IOException {
        dir = Files.createTempDirectory("confab-session-fuzz");
        store = HostStore.open(dir, Durability.NORMAL);
        HostConfig config = HostConfig.builder(dir).rateLimit(1e9, 1_000_000).build();
        MessageCodec codec = new MessageCodec();
        HostListener quiet = new HostListener() {};
        services =
                new Session.Services(
                        config,
                        store,
                        codec,
                        new Rooms(store, codec, config, quiet, new AtomicLong()),
                        new LoginThrottle(1_000_000, config.failedLoginWindow(), config.clock()),
                        quiet,
                        new byte[32],
                        session -> {});
    }

    @AfterAll
    static void closeStore() throws IOException {
        store.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @FuzzTest(maxDuration = "5m")
    void handleRequests(byte[] data) throws Exception {
        Connection connection =
                new Connection(
                        ids.incrementAndGet(),
                        new Discard(),
                        new java.net.InetSocketAddress("127.0.0.1", 40000),
                        services.config().clock(),
                        new AtomicLong(),
                        new Connection.Events() {
                            @Override
                            public void writeBlocked() {
                                throw new AssertionError("the discarding socket takes everything");
                            }

                            @Override
                            public void closed() {}
                        });
        Session session = new Session(connection, services, () -> {});
        FrameDecoder frames = new FrameDecoder(services.config().maxPayload());
        try {
            for (byte[] payload : frames.feed(data, 0, data.length)) {
                if (!session.process(payload)) {
                    break;
                }
            }
        } catch (ProtocolException expected) {
            // answered with a typed error and a closed connection
        } finally {
            connection.close();
        }
    }

    /// A socket that accepts and forgets every byte.
    private static final class Discard implements GatheringByteChannel {
        private boolean open = true;

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            long n = 0;
            for (int i = offset; i < offset + length; i++) {
                n += srcs[i].remaining();
                srcs[i].position(srcs[i].limit());
            }
            return n;
        }

        @Override
        public long write(ByteBuffer[] srcs) {
            return write(srcs, 0, srcs.length);
        }

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            src.position(src.limit());
            return n;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
