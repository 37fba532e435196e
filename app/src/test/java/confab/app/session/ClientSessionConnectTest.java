package confab.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import confab.app.session.SessionException.Kind;
import confab.crypto.ServerHandshake;
import confab.crypto.Srp;
import confab.crypto.wire.Bytes;
import confab.crypto.wire.ErrorCode;
import confab.crypto.wire.KdfParams;
import confab.crypto.wire.Message;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/// Connecting and the connection's upkeep, against scripted fake hosts (no host engine).
class ClientSessionConnectTest {
    private static final ClientSession.Options FAST =
            ClientSession.Options.DEFAULT
                    .withKdf(new KdfParams(8 * 1024, 1, 1))
                    .withBackoff(Duration.ofMillis(50), Duration.ofMillis(200));

    private final Recorder events = new Recorder();

    /// Says hello back like a host does, then idles until the client goes away.
    private static void welcome(FakeHost.Peer peer) throws Exception {
        assertThat(peer.receive()).isInstanceOf(Message.Hello.class);
        peer.send(new Message.Welcome(Message.PROTOCOL_VERSION, "fake"));
    }

    @Test
    void connectToAClosedPortIsRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        HostAddress address = new HostAddress("127.0.0.1", port);

        SessionException e =
                assertThrows(
                        SessionException.class,
                        () -> ClientSession.connect(address, Duration.ofSeconds(5), events, FAST));

        assertThat(e.kind()).isEqualTo(Kind.REFUSED);
    }

    @Test
    void connectToAnUnresolvableHostIsUnreachable() {
        // .invalid never resolves (RFC 2606)
        HostAddress address = HostAddress.parse("no-such-host.invalid:7331");

        SessionException e =
                assertThrows(
                        SessionException.class,
                        () -> ClientSession.connect(address, Duration.ofSeconds(20), events, FAST));

        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
    }

    @Test
    void connectToAHostThatNeverAnswersTimesOutWithinTheTimeout() throws Exception {
        CountDownLatch end = new CountDownLatch(1);
        try (FakeHost silent = new FakeHost(peer -> end.await())) {
            SessionException e =
                    assertTimeoutPreemptively(
                            Duration.ofSeconds(20),
                            () ->
                                    assertThrows(
                                            SessionException.class,
                                            () ->
                                                    ClientSession.connect(
                                                            silent.address(),
                                                            Duration.ofMillis(300),
                                                            events,
                                                            FAST)));

            assertThat(e.kind()).isEqualTo(Kind.TIMED_OUT);
        } finally {
            end.countDown();
        }
    }

    @Test
    void aHostThatSaysItIsFullFailsTheConnectWithHostFull() throws Exception {
        try (FakeHost full =
                new FakeHost(
                        peer -> peer.send(new Message.ErrorReply(ErrorCode.HOST_FULL, "full")))) {
            SessionException e =
                    assertThrows(
                            SessionException.class,
                            () ->
                                    ClientSession.connect(
                                            full.address(), Duration.ofSeconds(10), events, FAST));

            assertThat(e.kind()).isEqualTo(Kind.HOST_FULL);
        }
    }

    @Test
    void aHostThatRefusesTheVersionFailsTheConnectWithIncompatibleVersion() throws Exception {
        try (FakeHost other =
                new FakeHost(
                        peer -> {
                            peer.receive();
                            peer.send(
                                    new Message.ErrorReply(
                                            ErrorCode.INCOMPATIBLE_VERSION, "version 2 only"));
                        })) {
            SessionException e =
                    assertThrows(
                            SessionException.class,
                            () ->
                                    ClientSession.connect(
                                            other.address(), Duration.ofSeconds(10), events, FAST));

            assertThat(e.kind()).isEqualTo(Kind.INCOMPATIBLE_VERSION);
        }
    }

    @Test
    void aWelcomeWithAnotherVersionFailsTheConnectWithIncompatibleVersion() throws Exception {
        try (FakeHost other =
                new FakeHost(
                        peer -> {
                            peer.receive();
                            peer.send(new Message.Welcome(Message.PROTOCOL_VERSION + 1, "future"));
                            peer.receive();
                        })) {
            SessionException e =
                    assertThrows(
                            SessionException.class,
                            () ->
                                    ClientSession.connect(
                                            other.address(), Duration.ofSeconds(10), events, FAST));

            assertThat(e.kind()).isEqualTo(Kind.INCOMPATIBLE_VERSION);
        }
    }

    @Test
    void connectSaysHelloWithTheProtocolVersionAndReportsConnected() throws Exception {
        try (FakeHost host =
                        new FakeHost(
                                peer -> {
                                    Message hello = peer.receive();
                                    peer.record(hello);
                                    peer.send(new Message.Welcome(Message.PROTOCOL_VERSION, "f"));
                                    peer.receive();
                                });
                ClientSession session =
                        ClientSession.connect(
                                host.address(), Duration.ofSeconds(10), events, FAST)) {
            assertThat(host.nextRecorded())
                    .isInstanceOfSatisfying(
                            Message.Hello.class,
                            hello ->
                                    assertThat(hello.version())
                                            .isEqualTo(Message.PROTOCOL_VERSION));
            assertThat(events.await(SessionEvent.Connected.class).host()).isEqualTo(host.address());
            assertThat(session.isConnected()).isTrue();
        }
    }

    @Test
    void theHostsPingIsAnsweredWithAPongCarryingItsToken() throws Exception {
        try (FakeHost host =
                        new FakeHost(
                                peer -> {
                                    welcome(peer);
                                    peer.send(new Message.Ping(42));
                                    peer.record(peer.receive());
                                    peer.receive();
                                });
                ClientSession session =
                        ClientSession.connect(
                                host.address(), Duration.ofSeconds(10), events, FAST)) {
            assertThat(session.isConnected()).isTrue();
            assertThat(host.nextRecorded()).isEqualTo(new Message.Pong(42));
        }
    }

    @Test
    void aSilentHostIsPingedAndAfterTheReadTimeoutTheConnectionIsDropped() throws Exception {
        ClientSession.Options impatient =
                FAST.withHeartbeat(Duration.ofMillis(200), Duration.ofMillis(1000));
        try (FakeHost host =
                        new FakeHost(
                                peer -> {
                                    welcome(peer);
                                    // never answers: records what the client sends instead
                                    Message next;
                                    while ((next = peer.receive()) != null) {
                                        peer.record(next);
                                    }
                                });
                ClientSession session =
                        ClientSession.connect(
                                host.address(), Duration.ofSeconds(10), events, impatient)) {
            assertThat(session.isConnected()).isTrue();
            assertThat(host.nextRecorded()).isInstanceOf(Message.Ping.class);
            Awaitility.await().atMost(Recorder.PATIENCE).until(() -> !session.isConnected());
        }
    }

    @Test
    void joiningARoomBeforeLoggingInIsInvalid() throws Exception {
        try (FakeHost host =
                        new FakeHost(
                                peer -> {
                                    welcome(peer);
                                    peer.receive();
                                });
                ClientSession session =
                        ClientSession.connect(
                                host.address(), Duration.ofSeconds(10), events, FAST)) {
            SessionException e =
                    assertThrows(
                            SessionException.class,
                            () -> session.joinRoom("lobby", "pw".toCharArray(), 0));

            assertThat(e.kind()).isEqualTo(Kind.INVALID);
        }
    }

    @Test
    void aHostThatCannotProveItKnowsTheAccountIsCaughtAndTheSessionCloses() throws Exception {
        KdfParams cheap = new KdfParams(8 * 1024, 1, 1);
        try (FakeHost impostor =
                        new FakeHost(
                                peer -> {
                                    welcome(peer);
                                    Message.LoginStart start = (Message.LoginStart) peer.receive();
                                    // a verifier for some other password: all an impostor has
                                    Srp.Verifier guess =
                                            Srp.createVerifier(
                                                    start.login(), "guess".toCharArray(), cheap);
                                    ServerHandshake server =
                                            Srp.server(
                                                    start.login(), guess.salt(), guess.verifier());
                                    peer.send(
                                            new Message.LoginChallenge(
                                                    guess.salt(), cheap, server.serverPublic()));
                                    peer.receive();
                                    peer.send(
                                            new Message.LoginOk(
                                                    start.login(), Bytes.of(new byte[32])));
                                    peer.receive();
                                });
                ClientSession session =
                        ClientSession.connect(
                                impostor.address(), Duration.ofSeconds(10), events, FAST)) {
            SessionException e =
                    assertThrows(
                            SessionException.class,
                            () -> session.login("alice", "secret".toCharArray()));

            assertThat(e.kind()).isEqualTo(Kind.HOST_IMPERSONATION);
            assertThat(session.login()).isNull();
            assertThat(session.isConnected()).isFalse();
        }
    }

    @Test
    void aRequestTheHostNeverAnswersTimesOutAndDropsTheConnection() throws Exception {
        ClientSession.Options quick = FAST.withRequestTimeout(Duration.ofMillis(300));
        try (FakeHost mute =
                        new FakeHost(
                                peer -> {
                                    welcome(peer);
                                    while (peer.receive() != null) {
                                        // swallows every request
                                    }
                                });
                ClientSession session =
                        ClientSession.connect(
                                mute.address(), Duration.ofSeconds(10), events, quick)) {
            SessionException e = assertThrows(SessionException.class, session::listRooms);

            assertThat(e.kind()).isEqualTo(Kind.TIMED_OUT);
            Awaitility.await().atMost(Recorder.PATIENCE).until(() -> !session.isConnected());
        }
    }

    @Test
    void everyMethodOfAClosedSessionFailsWithCancelled() throws Exception {
        try (FakeHost host =
                new FakeHost(
                        peer -> {
                            welcome(peer);
                            peer.receive();
                        })) {
            ClientSession session =
                    ClientSession.connect(host.address(), Duration.ofSeconds(10), events, FAST);
            session.close();

            SessionException e = assertThrows(SessionException.class, session::listRooms);

            assertThat(e.kind()).isEqualTo(Kind.CANCELLED);
            assertThat(session.isConnected()).isFalse();
        }
    }
}
