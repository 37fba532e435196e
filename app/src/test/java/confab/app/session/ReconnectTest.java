package confab.app.session;

import static confab.app.session.TestHost.ROOM_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import confab.crypto.wire.ErrorCode;
import confab.crypto.wire.Message;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Losing the connection and coming back: Alice reaches the host through a relay that the tests
/// can hold shut, so that what happens while she is away is certain; Bob connects directly.
class ReconnectTest {
    @TempDir Path dataDir;
    @TempDir Path otherDataDir;

    private TestHost host;
    private Relay relay;
    private final List<ClientSession> sessions = new ArrayList<>();
    private ClientSession alice;
    private ClientSession bob;
    private final Recorder aliceEvents = new Recorder();
    private final Recorder bobEvents = new Recorder();

    @BeforeEach
    void aliceAndBobInTheLobby() throws Exception {
        host = TestHost.start(dataDir);
        relay = new Relay(host.port());
        alice = track(TestHost.member(relay.address(), "alice", aliceEvents));
        bob = track(TestHost.member(host.address(), "bob", bobEvents));
        alice.createRoom("lobby", ROOM_PASSWORD);
        alice.joinRoom("lobby", ROOM_PASSWORD, 0);
        bob.joinRoom("lobby", ROOM_PASSWORD, 0);
        bob.send("lobby", "before");
        aliceEvents.awaitText("lobby", "before");
    }

    @AfterEach
    void stopAll() {
        sessions.forEach(ClientSession::close);
        relay.close();
        host.close();
    }

    private ClientSession track(ClientSession session) {
        sessions.add(session);
        return session;
    }

    /// Stops the host and starts it again on the same port and data; Bob comes back by himself
    /// at once, Alice only once the relay opens.
    private void restartHostWithAliceHeldBack() throws Exception {
        relay.block(true);
        host.stop();
        aliceEvents.await(SessionEvent.ConnectionLost.class);
        host.startAgain();
        bobEvents.await(SessionEvent.Reconnected.class);
    }

    private void letAliceBackIn() {
        relay.block(false);
        aliceEvents.await(SessionEvent.Reconnected.class);
    }

    @Test
    void afterAHostRestartMessagesPostedMeanwhileArriveExactlyOnceWithNoGap() throws Exception {
        restartHostWithAliceHeldBack();
        for (int i = 1; i <= 5; i++) {
            bob.send("lobby", "while away " + i);
        }
        bobEvents.awaitText("lobby", "while away 5");
        assertThat(aliceEvents.texts("lobby")).containsExactly("before");

        letAliceBackIn();
        aliceEvents.awaitText("lobby", "while away 5");
        bob.send("lobby", "after");
        aliceEvents.awaitText("lobby", "after");

        assertThat(aliceEvents.texts("lobby"))
                .containsExactly(
                        "before",
                        "while away 1",
                        "while away 2",
                        "while away 3",
                        "while away 4",
                        "while away 5",
                        "after");
        List<Long> seqs =
                aliceEvents.received("lobby").stream()
                        .map(SessionEvent.MessageReceived::seq)
                        .toList();
        for (int i = 1; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).isEqualTo(seqs.get(i - 1) + 1);
        }
        assertThat(aliceEvents.all(SessionEvent.MessageRejected.class)).isEmpty();
    }

    @Test
    void theSessionReconnectsByItselfAndReportsTheLossAndTheReturn() throws Exception {
        restartHostWithAliceHeldBack();
        assertThat(alice.isConnected()).isFalse();

        letAliceBackIn();

        assertThat(alice.isConnected()).isTrue();
        SessionEvent.ConnectionLost lost = aliceEvents.await(SessionEvent.ConnectionLost.class);
        assertThat(lost.attempt()).isEqualTo(1);
        assertThat(aliceEvents.all(SessionEvent.RoomJoined.class)).hasSize(2); // join, re-join
        assertThat(alice.login()).isEqualTo("alice");
    }

    @Test
    void aMessageSentWhileDisconnectedWaitsAndIsDeliveredOnceAfterTheReconnect() throws Exception {
        restartHostWithAliceHeldBack();

        long id = alice.send("lobby", "typed offline");
        assertThat(aliceEvents.await(SessionEvent.MessagePending.class).localId()).isEqualTo(id);
        letAliceBackIn();
        bobEvents.awaitText("lobby", "typed offline");
        aliceEvents.awaitText("lobby", "typed offline");
        // a later message from Bob: once Alice has it, a duplicate would have arrived too
        bob.send("lobby", "marker");
        aliceEvents.awaitText("lobby", "marker");
        bobEvents.awaitText("lobby", "marker");

        assertThat(bobEvents.texts("lobby")).containsOnlyOnce("typed offline");
        assertThat(aliceEvents.texts("lobby")).containsOnlyOnce("typed offline");
        assertThat(aliceEvents.awaitText("lobby", "typed offline").own()).isTrue();
        assertThat(bobEvents.all(SessionEvent.MessageRejected.class)).isEmpty();
    }

    @Test
    void severalMessagesSentWhileDisconnectedKeepTheirOrder() throws Exception {
        restartHostWithAliceHeldBack();

        for (int i = 1; i <= 10; i++) {
            alice.send("lobby", "queued " + i);
        }
        letAliceBackIn();
        bobEvents.awaitText("lobby", "queued 10");

        assertThat(bobEvents.texts("lobby"))
                .containsSubsequence("queued 1", "queued 2", "queued 9", "queued 10")
                .filteredOn(text -> text.startsWith("queued"))
                .hasSize(10)
                .isSortedAccordingTo(
                        (a, b) ->
                                Integer.compare(
                                        Integer.parseInt(a.substring(7)),
                                        Integer.parseInt(b.substring(7))));
    }

    @Test
    void aMessageTheHostStoredButWhoseEchoWasLostIsNotSentAgain() throws Exception {
        // The relay swallows Alice's echoes and then cuts her off: the host has the message,
        // Alice does not know it. The replay after the re-join must settle it.
        AtomicBoolean swallow = new AtomicBoolean(true);
        AtomicBoolean swallowed = new AtomicBoolean();
        relay.rewrite(
                message -> {
                    if (swallow.get()
                            && message instanceof Message.Delivered d
                            && d.sender().equals("alice")) {
                        swallowed.set(true);
                        return List.of();
                    }
                    return List.of(message);
                });
        alice.send("lobby", "stored once");
        bobEvents.awaitText("lobby", "stored once");
        Awaitility.await().atMost(Recorder.PATIENCE).untilTrue(swallowed);

        swallow.set(false);
        relay.cut();
        aliceEvents.await(SessionEvent.Reconnected.class);
        aliceEvents.awaitText("lobby", "stored once");
        bob.send("lobby", "marker");
        aliceEvents.awaitText("lobby", "marker");
        bobEvents.awaitText("lobby", "marker");

        assertThat(bobEvents.texts("lobby")).containsOnlyOnce("stored once");
        assertThat(aliceEvents.texts("lobby")).containsOnlyOnce("stored once");
        assertThat(bobEvents.all(SessionEvent.MessageRejected.class)).isEmpty();
    }

    @Test
    void aRoomLeftWhileDisconnectedIsNotRejoined() throws Exception {
        restartHostWithAliceHeldBack();

        alice.leaveRoom("lobby");
        letAliceBackIn();

        assertThat(aliceEvents.all(SessionEvent.RoomJoined.class)).hasSize(1); // the first join
        assertThrows(SessionException.class, () -> alice.send("lobby", "still in?"));
    }

    @Test
    void theHostShuttingDownIsReportedAsHostStoppedAndTheSessionKeepsTrying() throws Exception {
        host.stop();

        aliceEvents.await(SessionEvent.HostStopped.class);
        bobEvents.await(SessionEvent.HostStopped.class);
        aliceEvents.await(SessionEvent.ConnectionLost.class, lost -> lost.attempt() >= 2);
        assertThat(aliceEvents.all(SessionEvent.GaveUp.class)).isEmpty();
        host.startAgain();
        aliceEvents.await(SessionEvent.Reconnected.class);
    }

    @Test
    void whenTheLoginNoLongerVerifiesTheSessionGivesUp() throws Exception {
        relay.block(true);
        host.stop();
        aliceEvents.await(SessionEvent.ConnectionLost.class);
        host.startAgainWith(otherDataDir); // a host that never heard of alice

        relay.block(false);
        SessionEvent.GaveUp gaveUp = aliceEvents.await(SessionEvent.GaveUp.class);

        assertThat(gaveUp.kind()).isEqualTo(SessionException.Kind.BAD_CREDENTIALS);
        assertThat(gaveUp.reason()).isNotBlank();
        assertThat(alice.isConnected()).isFalse();
        SessionException e =
                assertThrows(SessionException.class, () -> alice.send("lobby", "anyone?"));
        assertThat(e.kind()).isEqualTo(SessionException.Kind.DISCONNECTED);
    }

    @Test
    void aRoomThatCannotBeRejoinedIsDroppedWithItsNameAndUnsentCountAndTheRestCarriesOn()
            throws Exception {
        relay.block(true);
        host.stop();
        aliceEvents.await(SessionEvent.ConnectionLost.class);
        alice.send("lobby", "typed while away");
        host.startAgainWith(otherDataDir); // alice's account exists there, the lobby does not
        try (ClientSession setup =
                ClientSession.connect(
                        host.address(), Duration.ofSeconds(10), new Recorder(), TestHost.FAST)) {
            setup.register("alice", TestHost.PASSWORD);
        }

        relay.block(false);
        aliceEvents.await(SessionEvent.Reconnected.class);

        assertThat(aliceEvents.await(SessionEvent.RejoinFailed.class))
                .isEqualTo(new SessionEvent.RejoinFailed("lobby", ErrorCode.NO_SUCH_ROOM, 1));
        SessionException e =
                assertThrows(SessionException.class, () -> alice.send("lobby", "anyone?"));
        assertThat(e.kind()).isEqualTo(SessionException.Kind.INVALID);
    }

    @Test
    void closeStopsReconnecting() throws Exception {
        relay.block(true);
        host.stop();
        aliceEvents.await(SessionEvent.ConnectionLost.class, lost -> lost.attempt() >= 2);

        alice.close();
        int acceptedAtClose = relay.accepted();

        // with reconnects every 300 ms at most, 1.5 s without one means they stopped (one
        // attempt may have been on its way when close was called)
        Awaitility.await()
                .during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(10))
                .until(() -> relay.accepted() <= acceptedAtClose + 1);
        assertThat(alice.isConnected()).isFalse();
    }
}
