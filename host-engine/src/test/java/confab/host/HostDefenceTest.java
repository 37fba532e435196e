package confab.host;

import static org.assertj.core.api.Assertions.assertThat;

import confab.crypto.wire.ErrorCode;
import confab.crypto.wire.Message;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Bad input matrix: each offender gets a typed error or is cut off, and a bystander in a room
/// keeps chatting with nothing lost.
class HostDefenceTest {
    @TempDir Path dataDir;

    private final FakeClock clock = new FakeClock();
    private final List<AutoCloseable> open = new ArrayList<>();
    private HostEngine engine;
    private TestClient bystander;
    private long bystanderSeq;

    @BeforeEach
    void startHostWithABystander() throws Exception {
        engine =
                HostEngine.start(
                        HostConfig.builder(dataDir)
                                .bind("127.0.0.1", 0)
                                .clock(clock)
                                .rateLimit(50, 20)
                                .maxConnections(100, 8)
                                .failedLogins(3, Duration.ofMinutes(1))
                                .build(),
                        new HostListener() {});
        bystander = track(TestClient.loggedIn(engine.port(), "bystander", "pw", true));
        bystander.createRoom("lobby", "room secret");
        bystander.join("lobby", "room secret", 0);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
        engine.close();
    }

    private <T extends AutoCloseable> T track(T closeable) {
        open.add(closeable);
        return closeable;
    }

    /// The bystander posts and gets its own message back with the next sequence number.
    private void bystanderStillChats() throws Exception {
        bystander.post("lobby", "still fine " + bystanderSeq);
        Message.Delivered echo = bystander.await(Message.Delivered.class);
        assertThat(echo.seq()).isEqualTo(++bystanderSeq);
        assertThat(bystander.open(echo)).isEqualTo("still fine " + (bystanderSeq - 1));
    }

    private static ErrorCode errorOf(TestClient client) throws Exception {
        return client.await(Message.ErrorReply.class).code();
    }

    @Test
    void garbageBytesGetMalformedAndADisconnect() throws Exception {
        TestClient offender = track(TestClient.connect(engine.port()));
        offender.sendRaw(new byte[] {0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o'});
        assertThat(errorOf(offender)).isEqualTo(ErrorCode.MALFORMED);
        assertThat(offender.closedByHost()).isTrue();
        bystanderStillChats();
    }

    @Test
    void hugeLengthPrefixIsRefusedWithoutReadingIt() throws Exception {
        TestClient offender = track(TestClient.connect(engine.port()));
        offender.sendRaw(ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array());
        assertThat(errorOf(offender)).isEqualTo(ErrorCode.MALFORMED);
        assertThat(offender.closedByHost()).isTrue();
        bystanderStillChats();
    }

    @Test
    void invalidJsonGetsMalformed() throws Exception {
        TestClient offender = track(TestClient.connect(engine.port()));
        byte[] json = "{\"type\":\"hello\",".getBytes(StandardCharsets.UTF_8);
        offender.sendRaw(frame(json));
        assertThat(errorOf(offender)).isEqualTo(ErrorCode.MALFORMED);
        assertThat(offender.closedByHost()).isTrue();
        bystanderStillChats();
    }

    @Test
    void unknownMessageTypeGetsMalformed() throws Exception {
        TestClient offender = track(TestClient.connect(engine.port()));
        offender.sendRaw(frame("{\"type\":\"launch_missiles\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(errorOf(offender)).isEqualTo(ErrorCode.MALFORMED);
        assertThat(offender.closedByHost()).isTrue();
        bystanderStillChats();
    }

    @Test
    void requestBeforeHelloIsRefusedAndCut() throws Exception {
        TestClient offender = track(TestClient.connect(engine.port()));
        offender.send(new Message.ListRooms());
        assertThat(errorOf(offender)).isEqualTo(ErrorCode.NOT_AUTHENTICATED);
        assertThat(offender.closedByHost()).isTrue();
    }

    @Test
    void postBeforeLoginGetsNotAuthenticated() throws Exception {
        TestClient offender = track(TestClient.connect(engine.port()));
        offender.hello();
        offender.send(
                new Message.Post("lobby", 1, confab.crypto.wire.Bytes.of(new byte[] {1, 2, 3})));
        assertThat(errorOf(offender)).isEqualTo(ErrorCode.NOT_AUTHENTICATED);
        bystanderStillChats();
        // nothing reached the room: the bystander's next message is still seq 2
        bystanderStillChats();
    }

    @Test
    void postToARoomNotJoinedGetsNotAMember() throws Exception {
        TestClient offender = track(TestClient.loggedIn(engine.port(), "eve", "pw", true));
        offender.send(new Message.Post("lobby", 1, confab.crypto.wire.Bytes.of(new byte[] {1})));
        assertThat(errorOf(offender)).isEqualTo(ErrorCode.NOT_A_MEMBER);
        bystanderStillChats();
    }

    @Test
    void wrongRoomPasswordGetsBadCredentialsAndNoMembership() throws Exception {
        TestClient offender = track(TestClient.loggedIn(engine.port(), "eve", "pw", true));
        Message reply = offender.tryJoin("lobby", "guess", 0);
        assertThat(reply)
                .isEqualTo(
                        new Message.ErrorReply(ErrorCode.BAD_CREDENTIALS, "wrong room password"));
        offender.send(new Message.Post("lobby", 1, confab.crypto.wire.Bytes.of(new byte[] {1})));
        assertThat(errorOf(offender)).isEqualTo(ErrorCode.NOT_A_MEMBER);
        bystanderStillChats();
    }

    @Test
    void replayedLoginTranscriptFails() throws Exception {
        // a recording of alice's successful login, replayed byte for byte on a new connection
        TestClient alice = track(TestClient.connect(engine.port()));
        alice.hello();
        alice.register("alice", "alice password");
        confab.crypto.ClientHandshake handshake =
                confab.crypto.Srp.client("alice", "alice password".toCharArray());
        alice.send(new Message.LoginStart("alice"));
        Message.LoginChallenge challenge = alice.await(Message.LoginChallenge.class);
        confab.crypto.ClientHandshake.Proof proof =
                handshake.respond(challenge.salt(), challenge.kdf(), challenge.serverPublic());
        Message.LoginProof recorded =
                new Message.LoginProof(proof.clientPublic(), proof.clientEvidence());
        alice.send(recorded);
        assertThat(alice.await(Message.LoginOk.class).login()).isEqualTo("alice");

        TestClient replayer = track(TestClient.connect(engine.port()));
        replayer.hello();
        replayer.send(new Message.LoginStart("alice"));
        replayer.await(Message.LoginChallenge.class);
        replayer.send(recorded);
        assertThat(errorOf(replayer)).isEqualTo(ErrorCode.BAD_CREDENTIALS);
        bystanderStillChats();
    }

    @Test
    void repeatedWrongPasswordsAreThrottledEvenForTheRightOneAfterwards() throws Exception {
        TestClient setup = track(TestClient.connect(engine.port()));
        setup.hello();
        setup.register("alice", "right");
        TestClient guesser = track(TestClient.connect(engine.port()));
        guesser.hello();
        for (int i = 0; i < 3; i++) {
            assertThat(guesser.tryLogin("alice", "wrong" + i))
                    .isEqualTo(
                            new Message.ErrorReply(
                                    ErrorCode.BAD_CREDENTIALS, "wrong login or password"));
        }
        Message throttled = guesser.tryLogin("alice", "right");
        assertThat(throttled).isInstanceOf(Message.ErrorReply.class);
        assertThat(((Message.ErrorReply) throttled).code()).isEqualTo(ErrorCode.RATE_LIMITED);

        clock.advance(Duration.ofMinutes(2));
        assertThat(guesser.tryLogin("alice", "right")).isInstanceOf(Message.LoginOk.class);
        bystanderStillChats();
    }

    @Test
    void unknownLoginGetsAChallengeLikeAnyOtherAndFailsAtTheProof() throws Exception {
        TestClient stranger = track(TestClient.connect(engine.port()));
        stranger.hello();
        assertThat(stranger.tryLogin("nobody", "whatever"))
                .isEqualTo(
                        new Message.ErrorReply(
                                ErrorCode.BAD_CREDENTIALS, "wrong login or password"));
    }

    @Test
    void requestFloodIsRateLimitedThenCut() throws Exception {
        TestClient flooder = track(TestClient.connect(engine.port()));
        flooder.hello();
        byte[] ping = new confab.crypto.wire.MessageCodec().encodeFrame(new Message.Ping(1));
        byte[] burst = new byte[ping.length * 200];
        for (int i = 0; i < 200; i++) {
            System.arraycopy(ping, 0, burst, i * ping.length, ping.length);
        }
        flooder.sendRaw(burst); // the fake clock stands still: no tokens come back
        boolean limited = false;
        Message message;
        while (!((message = flooder.receive()) instanceof Message.ErrorReply error
                && error.text().contains("disconnected"))) {
            limited |=
                    message instanceof Message.ErrorReply e && e.code() == ErrorCode.RATE_LIMITED;
        }
        assertThat(limited).isTrue();
        assertThat(flooder.closedByHost()).isTrue();
        bystanderStillChats();
    }

    @Test
    void postsOverTheRateLimitWaitForTheirTurnWhileOthersChatOnAndNoneIsLost() throws Exception {
        TestClient eager = track(TestClient.loggedIn(engine.port(), "eager", "pw", true));
        eager.join("lobby", "room secret", 0);
        // 6 of the 20 burst tokens went to hello, register, login and join; the clock stands
        // still, so the last 11 posts wait for tokens, and the bystander's post overtakes them
        for (int i = 0; i < 25; i++) {
            eager.post("lobby", "eager " + i);
        }
        bystander.post("lobby", "meanwhile");
        List<String> eagerSeen = new ArrayList<>();
        Message.Delivered delivered;
        while (!(delivered = bystander.await(Message.Delivered.class))
                .sender()
                .equals("bystander")) {
            eagerSeen.add(bystander.open(delivered));
        }
        assertThat(bystander.open(delivered)).isEqualTo("meanwhile");
        assertThat(eagerSeen).hasSizeLessThanOrEqualTo(14);

        clock.advance(Duration.ofSeconds(1));
        while (eagerSeen.size() < 25) {
            eagerSeen.add(bystander.open(bystander.await(Message.Delivered.class)));
        }
        assertThat(eagerSeen)
                .containsExactlyElementsOf(
                        java.util.stream.IntStream.range(0, 25)
                                .mapToObj(i -> "eager " + i)
                                .toList());
    }

    @Test
    void connectionThatNeverSaysHelloIsCutAtTheHandshakeTimeout() throws Exception {
        TestClient silent = track(TestClient.connect(engine.port()));
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> engine.connectionCount() == 2);
        clock.advance(Duration.ofSeconds(31));
        engine.runMaintenance();
        assertThat(errorOf(silent)).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(silent.closedByHost()).isTrue();
        bystanderStillChats();
    }

    @Test
    void silentMemberIsPingedThenCutAtTheReadTimeout() throws Exception {
        TestClient quiet = track(TestClient.loggedIn(engine.port(), "quiet", "pw", true));
        clock.advance(Duration.ofSeconds(50));
        engine.runMaintenance();
        quiet.await(Message.Ping.class);
        clock.advance(Duration.ofSeconds(50));
        engine.runMaintenance();
        assertThat(errorOf(quiet)).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(quiet.closedByHost()).isTrue();
    }

    @Test
    void connectionsOverThePerAddressCapGetHostFull() throws Exception {
        List<TestClient> clients = new ArrayList<>();
        // the bystander holds one of the 8 connections allowed from 127.0.0.1
        for (int i = 0; i < 7; i++) {
            TestClient c = track(TestClient.connect(engine.port()));
            c.hello();
            clients.add(c);
        }
        TestClient extra = track(TestClient.connect(engine.port()));
        assertThat(errorOf(extra)).isEqualTo(ErrorCode.HOST_FULL);
        assertThat(extra.closedByHost()).isTrue();
        clients.getFirst().close();
        // a freed place is usable again
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> engine.connectionCount() == 7);
        TestClient next = track(TestClient.connect(engine.port()));
        next.hello();
        bystanderStillChats();
    }

    @Test
    void incompatibleVersionIsToldAndCut() throws Exception {
        TestClient old = track(TestClient.connect(engine.port()));
        old.send(new Message.Hello(99, "future client"));
        assertThat(errorOf(old)).isEqualTo(ErrorCode.INCOMPATIBLE_VERSION);
        assertThat(old.closedByHost()).isTrue();
    }

    @Test
    void slowlorisSendingAByteEveryFewSecondsIsCutAtTheReadTimeout() throws Exception {
        TestClient slow = track(TestClient.loggedIn(engine.port(), "slow", "pw", true));
        byte[] partial = new confab.crypto.wire.MessageCodec().encodeFrame(new Message.ListRooms());
        // 10 bytes, 10 s apart: 100 s of trickle, past the 90 s read timeout (a frame never
        // completes, so nothing the host counts as traffic arrives)
        for (int i = 0; i < 10; i++) {
            slow.sendRaw(new byte[] {partial[i]});
            bystander.send(new Message.Ping(i)); // the bystander's client keeps itself alive
            bystander.await(Message.Pong.class);
            clock.advance(Duration.ofSeconds(10));
            engine.runMaintenance();
        }
        assertThat(errorOf(slow)).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(slow.closedByHost()).isTrue();
        bystanderStillChats();
    }

    @Test
    void memberThatDiesInTheMiddleOfAFrameIsEvictedAsLostAndNobodyElseNotices() throws Exception {
        TestClient dying = track(TestClient.loggedIn(engine.port(), "dying", "pw", true));
        dying.join("lobby", "room secret", 0);
        assertThat(bystander.await(Message.MemberJoined.class).login()).isEqualTo("dying");
        byte[] frame =
                new confab.crypto.wire.MessageCodec()
                        .encodeFrame(
                                new Message.Post(
                                        "lobby", 1, confab.crypto.wire.Bytes.of(new byte[100])));
        dying.sendRaw(java.util.Arrays.copyOf(frame, frame.length / 2));
        dying.close();
        Message.MemberEvicted evicted = bystander.await(Message.MemberEvicted.class);
        assertThat(evicted.login()).isEqualTo("dying");
        assertThat(evicted.reason()).isEqualTo(confab.crypto.wire.EvictionReason.CONNECTION_LOST);
        bystanderStillChats();
    }

    private static byte[] frame(byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
    }
}
