package confab.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import confab.app.session.ClientSession;
import confab.app.session.HostAddress;
import confab.crypto.wire.ErrorCode;
import confab.crypto.wire.Message;
import confab.host.Defence;
import confab.host.HostConfig;
import confab.host.HostEngine;
import confab.host.HostListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Clients that hold a connection without using it, end to end on a host with short real
/// timeouts (2 s to log in, 4 s of silence): one that never sends, and slowloris clients that
/// send one byte a second before and after login. Each is cut by its timeout with a typed
/// error, and two members chatting meanwhile notice nothing: no gap, no duplicate, no
/// eviction, no reconnect.
class StuckClientTest {
    private static final Logger log = LoggerFactory.getLogger(StuckClientTest.class);

    /// The bystanders ping after 1 s of silence, well inside the host's 4 s read timeout.
    private static final ClientSession.Options BYSTANDER =
            Sessions.FAST.withHeartbeat(Duration.ofSeconds(1), Duration.ofSeconds(30));

    @TempDir Path dataDir;

    private HostEngine engine;
    private HostAddress address;
    private final List<Defence> defences = new CopyOnWriteArrayList<>();
    private final List<ClientSession> sessions = new ArrayList<>();
    private final List<Tracker> trackers = new ArrayList<>();
    private final List<Thread> posters = new ArrayList<>();
    private final AtomicBoolean posting = new AtomicBoolean(true);

    @BeforeEach
    void hostWithTwoMembersChatting() throws Exception {
        engine =
                HostEngine.start(
                        HostConfig.builder(dataDir)
                                .bind("127.0.0.1", 0)
                                .handshakeTimeout(Duration.ofSeconds(2))
                                .readTimeout(Duration.ofSeconds(4))
                                .build(),
                        new HostListener() {
                            @Override
                            public void defended(InetSocketAddress remote, Defence what) {
                                defences.add(what);
                            }
                        });
        address = new HostAddress("127.0.0.1", engine.port());
        for (String login : List.of("ann", "bob")) {
            Tracker tracker = new Tracker(login);
            trackers.add(tracker);
            sessions.add(Sessions.registered(address, login, tracker, BYSTANDER));
        }
        sessions.getFirst().createRoom("lobby", Sessions.ROOM_PASSWORD);
        for (int i = 0; i < 2; i++) {
            Sessions.join(sessions.get(i), trackers.get(i), "lobby", 0);
            ClientSession session = sessions.get(i);
            Tracker tracker = trackers.get(i);
            posters.add(
                    Thread.ofVirtual().start(() -> Tracker.chat(posting, session, tracker, 20)));
        }
    }

    @AfterEach
    void stopEverything() throws Exception {
        posting.set(false);
        for (Thread poster : posters) {
            poster.join(10_000);
        }
        sessions.forEach(ClientSession::close);
        engine.close();
    }

    @Test
    void aConnectionThatNeverSendsIsCutAtTheHandshakeTimeout() throws Exception {
        try (RawClient silent = RawClient.connect(engine.port())) {
            long start = System.nanoTime();
            Message.ErrorReply last = silent.lastWordsBeforeClose();
            log.info(
                    "never-sends: cut after {} ms with {}",
                    (System.nanoTime() - start) / 1_000_000,
                    last);
            assertThat(last.code()).isEqualTo(ErrorCode.TIMEOUT);
        }
        assertThat(defences).containsExactly(Defence.HANDSHAKE_TIMEOUT);
        bystandersNoticedNothing();
    }

    @Test
    void aSlowlorisBeforeLoginIsCutAtTheHandshakeTimeout() throws Exception {
        try (RawClient slow = RawClient.connect(engine.port())) {
            byte[] hello =
                    RawClient.CODEC.encodeFrame(
                            new Message.Hello(Message.PROTOCOL_VERSION, "slowloris"));
            AtomicInteger trickled = trickle(slow, hello);
            long start = System.nanoTime();
            Message.ErrorReply last = slow.lastWordsBeforeClose();
            log.info(
                    "slowloris before login: cut after {} ms and {} of {} bytes with {}",
                    (System.nanoTime() - start) / 1_000_000,
                    trickled.get(),
                    hello.length,
                    last);
            assertThat(last.code()).isEqualTo(ErrorCode.TIMEOUT);
        }
        assertThat(defences).containsExactly(Defence.HANDSHAKE_TIMEOUT);
        bystandersNoticedNothing();
    }

    @Test
    void aSlowlorisAfterLoginIsCutAtTheReadTimeout() throws Exception {
        try (RawClient slow = RawClient.connect(engine.port())) {
            slow.hello();
            slow.register("slow", "slow password");
            slow.login("slow", "slow password");
            byte[] request = RawClient.CODEC.encodeFrame(new Message.ListRooms());
            AtomicInteger trickled = trickle(slow, request);
            long start = System.nanoTime();
            Message.ErrorReply last = slow.lastWordsBeforeClose();
            log.info(
                    "slowloris after login: cut after {} ms and {} of {} bytes with {}",
                    (System.nanoTime() - start) / 1_000_000,
                    trickled.get(),
                    request.length,
                    last);
            assertThat(last.code()).isEqualTo(ErrorCode.TIMEOUT);
            assertThat(trickled.get()).isLessThan(request.length);
        }
        assertThat(defences).containsExactly(Defence.READ_TIMEOUT);
        bystandersNoticedNothing();
    }

    /// Sends `frame` one byte a second on its own thread until it is all sent or the host cut
    /// the connection; returns the count of bytes sent so far.
    private static AtomicInteger trickle(RawClient client, byte[] frame) {
        AtomicInteger sent = new AtomicInteger();
        Thread.ofVirtual()
                .start(
                        () -> {
                            for (byte b : frame) {
                                try {
                                    client.sendRaw(new byte[] {b});
                                    sent.incrementAndGet();
                                    Thread.sleep(1000);
                                } catch (IOException | InterruptedException e) {
                                    return;
                                }
                            }
                        });
        return sent;
    }

    /// The members keep chatting for another 100 messages, then every one of their messages is
    /// stored once and shown to both in order, and neither saw an eviction or a lost connection.
    private void bystandersNoticedNothing() throws Exception {
        Sessions.stopPostingAfter(trackers, Tracker.totalAcked(trackers) + 100, posting, posters);
        Map<String, List<DeliveryChecker.Delivery>> truth =
                Sessions.audit(address, "auditor", List.of("lobby"));
        long latest = truth.get("lobby").size();
        List<String> violations = Sessions.violationsOnceShown(truth, trackers, "lobby");
        log.info(
                "bystanders: {} messages stored and shown to both, violations {}",
                latest,
                violations.size());
        assertThat(violations).isEmpty();
        Sessions.assertNobodyNoticed(trackers);
    }
}
