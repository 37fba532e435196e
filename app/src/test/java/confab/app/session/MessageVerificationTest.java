package confab.app.session;

import static confab.app.session.TestHost.ROOM_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import confab.crypto.wire.Bytes;
import confab.crypto.wire.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// What a session does with messages that do not verify: a relay between the host and Bob
/// rewrites what the host sends him, as a hostile host or network could.
class MessageVerificationTest {
    @TempDir Path dataDir;

    private TestHost host;
    private Relay relay;
    private ClientSession alice;
    private ClientSession carol;
    private ClientSession bob;
    private final Recorder aliceEvents = new Recorder();
    private final Recorder bobEvents = new Recorder();

    @BeforeEach
    void aliceAndCarolDirectBobThroughTheRelay() throws Exception {
        host = TestHost.start(dataDir);
        relay = new Relay(host.port());
        alice = TestHost.member(host.address(), "alice", aliceEvents);
        carol = TestHost.member(host.address(), "carol", new Recorder());
        bob = TestHost.member(relay.address(), "bob", bobEvents);
        alice.createRoom("lobby", ROOM_PASSWORD);
        alice.joinRoom("lobby", ROOM_PASSWORD, 0);
        carol.joinRoom("lobby", ROOM_PASSWORD, 0);
        bob.joinRoom("lobby", ROOM_PASSWORD, 0);
    }

    @AfterEach
    void stopAll() {
        for (ClientSession session : new ClientSession[] {alice, carol, bob}) {
            if (session != null) {
                session.close();
            }
        }
        if (relay != null) {
            relay.close();
        }
        host.close();
    }

    /// Replaces each `Delivered` of Alice's by what `change` makes of it.
    private void rewriteAlicesMessages(java.util.function.UnaryOperator<Message.Delivered> change) {
        relay.rewrite(
                message ->
                        message instanceof Message.Delivered d && d.sender().equals("alice")
                                ? List.of(change.apply(d))
                                : List.of(message));
    }

    @Test
    void aMessageAlteredInTransitIsRejectedNotReceived() {
        rewriteAlicesMessages(
                d -> {
                    byte[] sealed = d.sealed().toArray();
                    sealed[sealed.length / 2] ^= 1;
                    return new Message.Delivered(
                            d.room(),
                            d.seq(),
                            d.sender(),
                            d.counter(),
                            Bytes.of(sealed),
                            d.storedAt());
                });

        sendAsAlice("you will not read this");

        SessionEvent.MessageRejected rejected = bobEvents.await(SessionEvent.MessageRejected.class);
        assertThat(rejected.sender()).isEqualTo("alice");
        assertThat(rejected.why()).contains("altered");
        assertThat(bobEvents.texts("lobby")).isEmpty();
    }

    @Test
    void aMessageWithAnotherCounterIsRejected() {
        rewriteAlicesMessages(
                d ->
                        new Message.Delivered(
                                d.room(),
                                d.seq(),
                                d.sender(),
                                d.counter() + 1,
                                d.sealed(),
                                d.storedAt()));

        sendAsAlice("counter bound in");

        assertThat(bobEvents.await(SessionEvent.MessageRejected.class).why()).contains("altered");
        assertThat(bobEvents.texts("lobby")).isEmpty();
    }

    @Test
    void aMessageRelabelledWithAnotherSenderIsRejected() {
        rewriteAlicesMessages(
                d ->
                        new Message.Delivered(
                                d.room(), d.seq(), "carol", d.counter(), d.sealed(), d.storedAt()));

        sendAsAlice("signed alice");

        SessionEvent.MessageRejected rejected = bobEvents.await(SessionEvent.MessageRejected.class);
        assertThat(rejected.sender()).isEqualTo("carol");
        assertThat(rejected.why()).contains("not written by");
        assertThat(bobEvents.texts("lobby")).isEmpty();
    }

    @Test
    void aMessageReplayedUnderANewSeqIsRejectedAsAReplay() {
        relay.rewrite(
                message ->
                        message instanceof Message.Delivered d && d.sender().equals("alice")
                                ? List.of(
                                        d,
                                        new Message.Delivered(
                                                d.room(),
                                                d.seq() + 1000,
                                                d.sender(),
                                                d.counter(),
                                                d.sealed(),
                                                d.storedAt()))
                                : List.of(message));

        sendAsAlice("once only");

        SessionEvent.MessageRejected rejected = bobEvents.await(SessionEvent.MessageRejected.class);
        assertThat(rejected.why()).contains("replay");
        assertThat(bobEvents.texts("lobby")).containsExactly("once only");
    }

    @Test
    void aMessageSealedWithAnotherRoomKeyIsRejected() throws Exception {
        // the same ciphertext, moved into a room with another password
        alice.createRoom("other", "other password".toCharArray());
        alice.joinRoom("other", "other password".toCharArray(), 0);
        bob.joinRoom("other", "other password".toCharArray(), 0);
        relay.rewrite(
                message ->
                        message instanceof Message.Delivered d && d.room().equals("lobby")
                                ? List.of(
                                        new Message.Delivered(
                                                "other",
                                                d.seq(),
                                                d.sender(),
                                                d.counter(),
                                                d.sealed(),
                                                d.storedAt()))
                                : List.of(message));

        sendAsAlice("lobby only");

        SessionEvent.MessageRejected rejected = bobEvents.await(SessionEvent.MessageRejected.class);
        assertThat(rejected.room()).isEqualTo("other");
        assertThat(rejected.why()).contains("another room key");
        assertThat(bobEvents.texts("other")).isEmpty();
    }

    @Test
    void nothingBobReceivesCarriesPlaintextOrPasswords() {
        List<String> frames = new ArrayList<>();
        relay.rewrite(
                message -> {
                    synchronized (frames) {
                        frames.add(
                                new String(
                                        new confab.crypto.wire.MessageCodec().encode(message),
                                        StandardCharsets.UTF_8));
                    }
                    return List.of(message);
                });

        sendAsAlice("the secret plan");
        bobEvents.awaitText("lobby", "the secret plan");

        synchronized (frames) {
            assertThat(frames).isNotEmpty();
            assertThat(String.join("\n", frames))
                    .doesNotContain("secret plan")
                    .doesNotContain(new String(ROOM_PASSWORD))
                    .doesNotContain(new String(TestHost.PASSWORD));
        }
    }

    private void sendAsAlice(String text) {
        try {
            alice.send("lobby", text);
        } catch (SessionException e) {
            throw new AssertionError(e);
        }
        aliceEvents.awaitText("lobby", text);
    }
}
