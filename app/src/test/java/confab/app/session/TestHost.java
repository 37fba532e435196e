package confab.app.session;

import confab.crypto.wire.KdfParams;
import confab.host.HostConfig;
import confab.host.HostEngine;
import confab.host.HostListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/// A real host engine on loopback for the session tests, restartable on the same port and data.
final class TestHost implements AutoCloseable {
    /// Cheap Argon2id and quick reconnects, so that the tests run fast.
    static final ClientSession.Options FAST =
            ClientSession.Options.DEFAULT
                    .withKdf(new KdfParams(8 * 1024, 1, 1))
                    .withBackoff(Duration.ofMillis(50), Duration.ofMillis(300));

    static final char[] PASSWORD = "correct horse battery staple".toCharArray();
    static final char[] ROOM_PASSWORD = "room password".toCharArray();

    private final Path dataDir;
    private final UnaryOperator<HostConfig.Builder> tune;
    private HostEngine engine;
    private int port;

    private TestHost(Path dataDir, UnaryOperator<HostConfig.Builder> tune) {
        this.dataDir = dataDir;
        this.tune = tune;
    }

    static TestHost start(Path dataDir) throws Exception {
        return start(dataDir, builder -> builder);
    }

    /// A host with settings changed by `tune` (a short idle timeout, say).
    static TestHost start(Path dataDir, UnaryOperator<HostConfig.Builder> tune) throws Exception {
        TestHost host = new TestHost(dataDir, tune);
        host.engine = HostEngine.start(host.config(dataDir, 0), new HostListener() {});
        host.port = host.engine.port();
        return host;
    }

    private HostConfig config(Path data, int listenPort) {
        return tune.apply(HostConfig.builder(data).bind("127.0.0.1", listenPort)).build();
    }

    HostAddress address() {
        return new HostAddress("127.0.0.1", port);
    }

    int port() {
        return port;
    }

    HostEngine engine() {
        return engine;
    }

    /// Stops the engine (members are told it is shutting down).
    void stop() {
        engine.close();
    }

    /// Starts a new engine on the same port and data directory.
    void startAgain() throws Exception {
        engine = HostEngine.start(config(dataDir, port), new HostListener() {});
    }

    /// Starts a new engine on the same port with another, empty, data directory.
    void startAgainWith(Path otherData) throws Exception {
        engine = HostEngine.start(config(otherData, port), new HostListener() {});
    }

    /// A session at `address`, registered and logged in as `login`.
    static ClientSession member(HostAddress address, String login, Recorder events)
            throws SessionException {
        ClientSession session =
                ClientSession.connect(address, Duration.ofSeconds(10), events, FAST);
        session.register(login, PASSWORD);
        session.login(login, PASSWORD);
        return session;
    }

    /// A session at `address`, logged in to an existing account.
    static ClientSession existingMember(HostAddress address, String login, Recorder events)
            throws SessionException {
        ClientSession session =
                ClientSession.connect(address, Duration.ofSeconds(10), events, FAST);
        session.login(login, PASSWORD);
        return session;
    }

    @Override
    public void close() {
        engine.close();
    }
}
