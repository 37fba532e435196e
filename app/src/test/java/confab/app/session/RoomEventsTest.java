package confab.app.session;

import static confab.app.session.TestHost.PASSWORD;
import static confab.app.session.TestHost.ROOM_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import confab.crypto.wire.EvictionReason;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// What the host says about a room and its members reaches the listener.
class RoomEventsTest {
    @TempDir Path dataDir;

    private TestHost host;
    private Relay relay;
    private final List<ClientSession> sessions = new ArrayList<>();
    private final Recorder aliceEvents = new Recorder();
    private final Recorder bobEvents = new Recorder();

    @AfterEach
    void stopAll() {
        sessions.forEach(ClientSession::close);
        if (relay != null) {
            relay.close();
        }
        host.close();
    }

    private ClientSession member(HostAddress address, String login, Recorder events)
            throws SessionException {
        ClientSession session = TestHost.member(address, login, events);
        sessions.add(session);
        return session;
    }

    @Test
    void aRoomWithoutPostsForItsIdleTimeoutIsReportedIdle() throws Exception {
        host = TestHost.start(dataDir, config -> config.idleTimeout(Duration.ofMillis(200)));
        ClientSession alice = member(host.address(), "alice", aliceEvents);
        alice.createRoom("lobby", ROOM_PASSWORD);
        alice.joinRoom("lobby", ROOM_PASSWORD, 0);

        assertThat(aliceEvents.await(SessionEvent.RoomIdle.class).room()).isEqualTo("lobby");
    }

    @Test
    void messagesStillArriveAfterTheRoomWentIdle() throws Exception {
        host = TestHost.start(dataDir, config -> config.idleTimeout(Duration.ofMillis(200)));
        ClientSession alice = member(host.address(), "alice", aliceEvents);
        ClientSession bob = member(host.address(), "bob", bobEvents);
        alice.createRoom("lobby", ROOM_PASSWORD);
        alice.joinRoom("lobby", ROOM_PASSWORD, 0);
        bob.joinRoom("lobby", ROOM_PASSWORD, 0);
        aliceEvents.await(SessionEvent.RoomIdle.class);

        bob.send("lobby", "wake up");

        assertThat(aliceEvents.awaitText("lobby", "wake up").sender()).isEqualTo("bob");
    }

    @Test
    void aMemberWhoseConnectionDiesIsReportedEvicted() throws Exception {
        host = TestHost.start(dataDir);
        relay = new Relay(host.port());
        ClientSession alice = member(host.address(), "alice", aliceEvents);
        ClientSession bob = member(relay.address(), "bob", bobEvents);
        alice.createRoom("lobby", ROOM_PASSWORD);
        alice.joinRoom("lobby", ROOM_PASSWORD, 0);
        bob.joinRoom("lobby", ROOM_PASSWORD, 0);
        aliceEvents.await(SessionEvent.MemberJoined.class, m -> m.login().equals("bob"));

        relay.reset();

        assertThat(aliceEvents.await(SessionEvent.MemberEvicted.class))
                .isEqualTo(
                        new SessionEvent.MemberEvicted(
                                "lobby", "bob", EvictionReason.CONNECTION_LOST));
    }

    @Test
    void aMemberWhoClosesTheSessionIsReportedAsLeft() throws Exception {
        host = TestHost.start(dataDir);
        ClientSession alice = member(host.address(), "alice", aliceEvents);
        ClientSession bob = member(host.address(), "bob", bobEvents);
        alice.createRoom("lobby", ROOM_PASSWORD);
        alice.joinRoom("lobby", ROOM_PASSWORD, 0);
        bob.joinRoom("lobby", ROOM_PASSWORD, 0);
        aliceEvents.await(SessionEvent.MemberJoined.class, m -> m.login().equals("bob"));

        bob.close();

        assertThat(aliceEvents.await(SessionEvent.MemberLeft.class))
                .isEqualTo(new SessionEvent.MemberLeft("lobby", "bob"));
    }

    @Test
    void beforeLoginAConnectionTheHostDroppedIsOpenedAgainByTheNextRequest() throws Exception {
        host = TestHost.start(dataDir, config -> config.handshakeTimeout(Duration.ofMillis(100)));
        ClientSession session =
                ClientSession.connect(
                        host.address(), Duration.ofSeconds(10), aliceEvents, TestHost.FAST);
        sessions.add(session);
        Awaitility.await().atMost(Recorder.PATIENCE).until(() -> !session.isConnected());

        session.register("alice", PASSWORD);
        session.login("alice", PASSWORD);

        assertThat(session.isConnected()).isTrue();
        assertThat(aliceEvents.all(SessionEvent.ConnectionLost.class)).isEmpty();
    }
}
