package confab.app.session;

import static confab.app.session.TestHost.FAST;
import static confab.app.session.TestHost.PASSWORD;
import static confab.app.session.TestHost.ROOM_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import confab.app.session.SessionException.Kind;
import confab.crypto.wire.Message;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Sessions against a real host engine on loopback: accounts, rooms, chat.
class ClientSessionTest {
    @TempDir Path dataDir;

    private TestHost host;
    private final List<ClientSession> sessions = new ArrayList<>();
    private final Recorder aliceEvents = new Recorder();
    private final Recorder bobEvents = new Recorder();

    @BeforeEach
    void startHost() throws Exception {
        host = TestHost.start(dataDir);
    }

    @AfterEach
    void stopAll() {
        sessions.forEach(ClientSession::close);
        host.close();
    }

    private ClientSession member(String login, Recorder events) throws SessionException {
        ClientSession session = TestHost.member(host.address(), login, events);
        sessions.add(session);
        return session;
    }

    private ClientSession connect(Recorder events) throws SessionException {
        ClientSession session =
                ClientSession.connect(host.address(), Duration.ofSeconds(10), events, FAST);
        sessions.add(session);
        return session;
    }

    @Test
    void twoMembersSeeEachOthersMessagesAndTheirOwnEchoes() throws Exception {
        ClientSession alice = member("alice", aliceEvents);
        ClientSession bob = member("bob", bobEvents);
        alice.createRoom("lobby", ROOM_PASSWORD);
        alice.joinRoom("lobby", ROOM_PASSWORD, 0);
        bob.joinRoom("lobby", ROOM_PASSWORD, 0);

        alice.send("lobby", "hi bob");
        bobEvents.awaitText("lobby", "hi bob");
        bob.send("lobby", "hi alice");
        aliceEvents.awaitText("lobby", "hi alice");
        bobEvents.awaitText("lobby", "hi alice");

        assertThat(aliceEvents.received("lobby"))
                .extracting(m -> m.sender() + ":" + m.text() + ":" + m.own())
                .containsExactly("alice:hi bob:true", "bob:hi alice:false");
        assertThat(bobEvents.received("lobby"))
                .extracting(m -> m.sender() + ":" + m.text() + ":" + m.own())
                .containsExactly("alice:hi bob:false", "bob:hi alice:true");
        assertThat(aliceEvents.all(SessionEvent.MessageRejected.class)).isEmpty();
        assertThat(bobEvents.all(SessionEvent.MessageRejected.class)).isEmpty();
    }

    @Test
    void sendReportsThePendingMessageBeforeItsEcho() throws Exception {
        ClientSession alice = member("alice", aliceEvents);
        alice.createRoom("lobby", ROOM_PASSWORD);
        alice.joinRoom("lobby", ROOM_PASSWORD, 0);

        long id = alice.send("lobby", "hello");
        aliceEvents.awaitText("lobby", "hello");

        List<SessionEvent> events = aliceEvents.all();
        SessionEvent.MessagePending pending = new SessionEvent.MessagePending("lobby", id, "hello");
        assertThat(events).contains(pending);
        assertThat(events.indexOf(pending))
                .isLessThan(events.indexOf(aliceEvents.awaitText("lobby", "hello")));
    }

    @Test
    void messagesFromOneSenderArriveInTheOrderSentWithIncreasingSeq() throws Exception {
        ClientSession alice = member("alice", aliceEvents);
        ClientSession bob = member("bob", bobEvents);
        alice.createRoom("lobby", ROOM_PASSWORD);
        alice.joinRoom("lobby", ROOM_PASSWORD, 0);
        bob.joinRoom("lobby", ROOM_PASSWORD, 0);
        List<String> sent = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            sent.add("message " + i);
            alice.send("lobby", "message " + i);
        }

        bobEvents.awaitText("lobby", "message 50");

        assertThat(bobEvents.texts("lobby")).containsExactlyElementsOf(sent);
        assertThat(bobEvents.received("lobby"))
                .extracting(SessionEvent.MessageReceived::seq)
                .isSorted()
                .doesNotHaveDuplicates();
    }

    @Test
    void joinEmitsRoomJoinedThenReplaysTheHistoryAfterLastSeq() throws Exception {
        ClientSession alice = member("alice", aliceEvents);
        alice.createRoom("lobby", ROOM_PASSWORD);
        alice.joinRoom("lobby", ROOM_PASSWORD, 0);
        for (int i = 1; i <= 5; i++) {
            alice.send("lobby", "m" + i);
        }
        long secondSeq = aliceEvents.awaitText("lobby", "m2").seq();
        aliceEvents.awaitText("lobby", "m5");
        ClientSession bob = member("bob", bobEvents);

        bob.joinRoom("lobby", ROOM_PASSWORD, secondSeq);
        bobEvents.awaitText("lobby", "m5");

        assertThat(bobEvents.texts("lobby")).containsExactly("m3", "m4", "m5");
        List<SessionEvent> events = bobEvents.all();
        SessionEvent.RoomJoined joined = bobEvents.await(SessionEvent.RoomJoined.class);
        assertThat(joined.members()).contains("bob");
        assertThat(joined.latestSeq()).isEqualTo(aliceEvents.awaitText("lobby", "m5").seq());
        assertThat(events.indexOf(joined))
                .isLessThan(events.indexOf(bobEvents.awaitText("lobby", "m3")));
    }

    @Test
    void joinWithAWrongRoomPasswordFailsWithBadCredentials() throws Exception {
        ClientSession alice = member("alice", aliceEvents);
        alice.createRoom("lobby", ROOM_PASSWORD);

        SessionException e =
                assertThrows(
                        SessionException.class,
                        () -> alice.joinRoom("lobby", "not it".toCharArray(), 0));

        assertThat(e.kind()).isEqualTo(Kind.BAD_CREDENTIALS);
    }

    @Test
    void loginWithAWrongPasswordFailsWithBadCredentials() throws Exception {
        ClientSession alice = connect(aliceEvents);
        alice.register("alice", PASSWORD);

        SessionException e =
                assertThrows(
                        SessionException.class, () -> alice.login("alice", "wrong".toCharArray()));

        assertThat(e.kind()).isEqualTo(Kind.BAD_CREDENTIALS);
        assertThat(alice.login()).isNull();
    }

    @Test
    void loginAsAnUnknownAccountFailsWithBadCredentials() throws Exception {
        ClientSession alice = connect(aliceEvents);

        SessionException e =
                assertThrows(SessionException.class, () -> alice.login("nobody", PASSWORD));

        assertThat(e.kind()).isEqualTo(Kind.BAD_CREDENTIALS);
    }

    @Test
    void loginRemembersTheLogin() throws Exception {
        ClientSession alice = member("alice", aliceEvents);

        assertThat(alice.login()).isEqualTo("alice");
    }

    @Test
    void registeringATakenLoginFailsWithLoginTaken() throws Exception {
        member("alice", aliceEvents);
        ClientSession other = connect(bobEvents);

        SessionException e =
                assertThrows(SessionException.class, () -> other.register("alice", PASSWORD));

        assertThat(e.kind()).isEqualTo(Kind.LOGIN_TAKEN);
    }

    @Test
    void registeringALoginTheRulesRefuseIsInvalid() throws Exception {
        ClientSession session = connect(aliceEvents);

        SessionException e =
                assertThrows(SessionException.class, () -> session.register("a b", PASSWORD));

        assertThat(e.kind()).isEqualTo(Kind.INVALID);
    }

    @Test
    void creatingARoomThatExistsFailsWithRoomExists() throws Exception {
        ClientSession alice = member("alice", aliceEvents);
        alice.createRoom("lobby", ROOM_PASSWORD);

        SessionException e =
                assertThrows(
                        SessionException.class, () -> alice.createRoom("lobby", ROOM_PASSWORD));

        assertThat(e.kind()).isEqualTo(Kind.ROOM_EXISTS);
    }

    @Test
    void joiningARoomThatDoesNotExistFailsWithNoSuchRoom() throws Exception {
        ClientSession alice = member("alice", aliceEvents);

        SessionException e =
                assertThrows(
                        SessionException.class, () -> alice.joinRoom("nowhere", ROOM_PASSWORD, 0));

        assertThat(e.kind()).isEqualTo(Kind.NO_SUCH_ROOM);
    }

    @Test
    void listRoomsShowsTheRoomsCreated() throws Exception {
        ClientSession alice = member("alice", aliceEvents);
        alice.createRoom("lobby", ROOM_PASSWORD);
        alice.createRoom("kitchen", ROOM_PASSWORD);

        assertThat(alice.listRooms())
                .extracting(Message.RoomInfo::name)
                .containsExactlyInAnyOrder("lobby", "kitchen");
    }

    @Test
    void aMessageLongerThanMaxTextIsInvalid() throws Exception {
        ClientSession alice = member("alice", aliceEvents);
        alice.createRoom("lobby", ROOM_PASSWORD);
        alice.joinRoom("lobby", ROOM_PASSWORD, 0);

        SessionException e =
                assertThrows(
                        SessionException.class,
                        () -> alice.send("lobby", "x".repeat(ClientSession.MAX_TEXT + 1)));

        assertThat(e.kind()).isEqualTo(Kind.INVALID);
        assertThat(aliceEvents.all(SessionEvent.MessagePending.class)).isEmpty();
    }

    @Test
    void aMessageOfExactlyMaxTextGoesThrough() throws Exception {
        ClientSession alice = member("alice", aliceEvents);
        alice.createRoom("lobby", ROOM_PASSWORD);
        alice.joinRoom("lobby", ROOM_PASSWORD, 0);
        String longest = "é".repeat(ClientSession.MAX_TEXT);

        alice.send("lobby", longest);

        assertThat(aliceEvents.awaitText("lobby", longest).own()).isTrue();
    }

    @Test
    void aMessageWithABrokenCharacterIsInvalid() throws Exception {
        ClientSession alice = member("alice", aliceEvents);
        alice.createRoom("lobby", ROOM_PASSWORD);
        alice.joinRoom("lobby", ROOM_PASSWORD, 0);

        SessionException e =
                assertThrows(SessionException.class, () -> alice.send("lobby", "half \uD83D"));

        assertThat(e.kind()).isEqualTo(Kind.INVALID);
        assertThat(e.getMessage()).contains("broken character");
    }

    @Test
    void sendingToARoomNotJoinedIsInvalid() throws Exception {
        ClientSession alice = member("alice", aliceEvents);
        alice.createRoom("lobby", ROOM_PASSWORD);

        SessionException e =
                assertThrows(SessionException.class, () -> alice.send("lobby", "anyone?"));

        assertThat(e.kind()).isEqualTo(Kind.INVALID);
    }

    @Test
    void anotherMembersJoinAndLeaveAreReported() throws Exception {
        ClientSession alice = member("alice", aliceEvents);
        ClientSession bob = member("bob", bobEvents);
        alice.createRoom("lobby", ROOM_PASSWORD);
        alice.joinRoom("lobby", ROOM_PASSWORD, 0);

        bob.joinRoom("lobby", ROOM_PASSWORD, 0);
        aliceEvents.await(SessionEvent.MemberJoined.class, m -> m.login().equals("bob"));
        bob.leaveRoom("lobby");

        assertThat(aliceEvents.await(SessionEvent.MemberLeft.class))
                .isEqualTo(new SessionEvent.MemberLeft("lobby", "bob"));
    }

    @Test
    void afterLeavingARoomItsMessagesNoLongerArrive() throws Exception {
        ClientSession alice = member("alice", aliceEvents);
        ClientSession bob = member("bob", bobEvents);
        alice.createRoom("lobby", ROOM_PASSWORD);
        alice.joinRoom("lobby", ROOM_PASSWORD, 0);
        bob.joinRoom("lobby", ROOM_PASSWORD, 0);
        bob.leaveRoom("lobby");
        aliceEvents.await(SessionEvent.MemberLeft.class);

        alice.send("lobby", "after bob left");
        aliceEvents.awaitText("lobby", "after bob left");
        // a marker in another room, sent after: once it arrives, the first would have too
        alice.createRoom("marker", ROOM_PASSWORD);
        alice.joinRoom("marker", ROOM_PASSWORD, 0);
        bob.joinRoom("marker", ROOM_PASSWORD, 0);
        alice.send("marker", "marker");
        bobEvents.awaitText("marker", "marker");

        assertThat(bobEvents.texts("lobby")).isEmpty();
        assertThrows(SessionException.class, () -> bob.send("lobby", "still here?"));
    }

    @Test
    void joiningARoomTwiceIsInvalid() throws Exception {
        ClientSession alice = member("alice", aliceEvents);
        alice.createRoom("lobby", ROOM_PASSWORD);
        alice.joinRoom("lobby", ROOM_PASSWORD, 0);

        SessionException e =
                assertThrows(
                        SessionException.class, () -> alice.joinRoom("lobby", ROOM_PASSWORD, 0));

        assertThat(e.kind()).isEqualTo(Kind.INVALID);
    }
}
