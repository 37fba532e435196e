package confab.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import confab.app.session.ClientSession;
import confab.app.session.HostAddress;
import confab.app.session.SessionException;
import confab.crypto.wire.ErrorCode;
import confab.crypto.wire.Message;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Floods against a real `confab-host` (caps: 200 connections, 20 per address; failed logins:
/// the default 5 a minute per account and per address) while three members chat from
/// 127.0.0.1. The attackers come from other loopback addresses (127.0.0.2 and up), as they
/// would from other machines. Each flood is capped or throttled as configured, the host logs
/// it, and the members' chat is measured to lose nothing.
class FloodTest {
    private static final Logger log = LoggerFactory.getLogger(FloodTest.class);
    private static final int MAX_CONNECTIONS = 200;
    private static final int MAX_PER_ADDRESS = 20;
    private static final int FAILED_LOGIN_LIMIT = 5; // confab-host's default

    @TempDir Path dir;

    private ChildHost host;
    private HostAddress address;
    private final List<ClientSession> sessions = new ArrayList<>();
    private final List<Tracker> trackers = new ArrayList<>();
    private final List<Thread> posters = new ArrayList<>();
    private final AtomicBoolean posting = new AtomicBoolean(true);
    private final ConcurrentLinkedQueue<RawClient> flood = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void hostWithThreeMembersChatting() throws Exception {
        int port = ChildJvm.freePort();
        host =
                ChildHost.onLoopback(
                        dir.resolve("data"),
                        port,
                        dir.resolve("host.log"),
                        List.of(
                                "--max-connections",
                                String.valueOf(MAX_CONNECTIONS),
                                "--max-per-address",
                                String.valueOf(MAX_PER_ADDRESS)));
        address = new HostAddress("127.0.0.1", port);
        for (String login : List.of("ann", "bob", "cat")) {
            Tracker tracker = new Tracker(login);
            trackers.add(tracker);
            sessions.add(Sessions.registered(address, login, tracker));
        }
        sessions.getFirst().createRoom("lobby", Sessions.ROOM_PASSWORD);
        for (int i = 0; i < sessions.size(); i++) {
            Sessions.join(sessions.get(i), trackers.get(i), "lobby", 0);
            ClientSession session = sessions.get(i);
            Tracker tracker = trackers.get(i);
            posters.add(
                    Thread.ofVirtual().start(() -> Tracker.chat(posting, session, tracker, 20)));
        }
        Awaitility.await()
                .atMost(Sessions.PATIENCE)
                .until(() -> Tracker.totalAcked(trackers) >= 30);
    }

    @AfterEach
    void stopEverything() throws Exception {
        posting.set(false);
        for (Thread poster : posters) {
            poster.join(10_000);
        }
        for (RawClient client : flood) {
            client.close();
        }
        sessions.forEach(ClientSession::close);
        host.close();
    }

    @Test
    void aConnectionFloodIsCappedAndLoggedWhileMembersKeepChatting() throws Exception {
        int addresses = 12;
        int perAddress = 30;
        int ackedBefore = Tracker.totalAcked(trackers);
        long start = System.nanoTime();
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        // every attacker opens its connections as fast as it can, then each is sorted
        List<Thread> attackers = new ArrayList<>();
        for (int a = 0; a < addresses; a++) {
            String from = "127.0.0." + (2 + a);
            attackers.add(
                    Thread.ofVirtual()
                            .start(
                                    () -> {
                                        for (int i = 0; i < perAddress; i++) {
                                            flood.add(connect(from));
                                        }
                                    }));
        }
        for (Thread attacker : attackers) {
            attacker.join(Sessions.PATIENCE.toMillis());
        }
        List<Thread> sorters = new ArrayList<>();
        for (RawClient client : flood) {
            sorters.add(Thread.ofVirtual().start(() -> classify(client, admitted, refused)));
        }
        for (Thread sorter : sorters) {
            sorter.join(Sessions.PATIENCE.toMillis());
        }
        long floodMillis = (System.nanoTime() - start) / 1_000_000;
        int ackedDuring = Tracker.totalAcked(trackers) - ackedBefore;
        long loggedRefusals = host.logLines("connection cap");

        bystandersLostNothing();
        log.info(
                "connection flood: {} connections from {} addresses in {} ms: {} admitted (and held"
                        + " open), {} refused with HOST_FULL, {} refusals logged; members had {}"
                        + " messages acknowledged during the flood",
                addresses * perAddress,
                addresses,
                floodMillis,
                admitted.get(),
                refused.get(),
                loggedRefusals,
                ackedDuring);
        assertThat(admitted.get() + refused.get()).isEqualTo(addresses * perAddress);
        assertThat(admitted.get()).isLessThanOrEqualTo(MAX_CONNECTIONS - sessions.size());
        assertThat(refused.get())
                .isGreaterThanOrEqualTo(addresses * (perAddress - MAX_PER_ADDRESS));
        assertThat(loggedRefusals).isEqualTo(refused.get());
        assertThat(ackedDuring).isPositive();
    }

    @Test
    void aFailedLoginFloodIsThrottledAndLoggedWhileMembersKeepChatting() throws Exception {
        int addresses = 4;
        int connectionsPerAddress = 5;
        int guessesPerConnection = 10;
        int ackedBefore = Tracker.totalAcked(trackers);
        long start = System.nanoTime();
        AtomicInteger wrong = new AtomicInteger();
        AtomicInteger throttled = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        AtomicInteger throttledConnections = new AtomicInteger();
        List<Thread> attackers = new ArrayList<>();
        for (int a = 0; a < addresses; a++) {
            String from = "127.0.0." + (50 + a);
            attackers.add(
                    Thread.ofVirtual()
                            .start(
                                    () -> {
                                        SecureRandom random = new SecureRandom();
                                        for (int c = 0; c < connectionsPerAddress; c++) {
                                            try (RawClient guesser =
                                                    RawClient.connect(
                                                            "127.0.0.1",
                                                            address.port(),
                                                            from,
                                                            Duration.ofSeconds(30))) {
                                                guesser.hello();
                                                boolean cut = false;
                                                for (int g = 0; g < guessesPerConnection; g++) {
                                                    Message answer =
                                                            guesser.guessLogin("ann", random);
                                                    if (count(answer, wrong, throttled, other)) {
                                                        cut = true;
                                                    }
                                                }
                                                if (cut) {
                                                    throttledConnections.incrementAndGet();
                                                }
                                            } catch (IOException e) {
                                                other.incrementAndGet();
                                            }
                                        }
                                    }));
        }
        for (Thread attacker : attackers) {
            attacker.join(Sessions.PATIENCE.toMillis());
        }
        long floodMillis = (System.nanoTime() - start) / 1_000_000;
        int ackedDuring = Tracker.totalAcked(trackers) - ackedBefore;
        long loggedWrong = host.logLines("wrong login or password for ann");
        long loggedThrottled = host.logLines("throttled login/ann");

        bystandersLostNothing();
        int attempts = addresses * connectionsPerAddress * guessesPerConnection;
        log.info(
                "failed-login flood: {} guesses at ann's password from {} addresses over {}"
                        + " connections in {} ms: {} answered BAD_CREDENTIALS, {} RATE_LIMITED, {}"
                        + " other; {} connections throttled; host log: {} failures, {} throttled"
                        + " connections; members had {}"
                        + " messages acknowledged during the flood",
                attempts,
                addresses,
                addresses * connectionsPerAddress,
                floodMillis,
                wrong.get(),
                throttled.get(),
                other.get(),
                throttledConnections.get(),
                loggedWrong,
                loggedThrottled,
                ackedDuring);
        assertThat(other.get()).isZero();
        assertThat(wrong.get() + throttled.get()).isEqualTo(attempts);
        assertThat(wrong.get()).isEqualTo(FAILED_LOGIN_LIMIT);
        assertThat(loggedWrong).isEqualTo(wrong.get());
        assertThat(throttledConnections.get()).isPositive();
        assertThat(loggedThrottled).isEqualTo(throttledConnections.get());
        assertThat(ackedDuring).isPositive();
    }

    private RawClient connect(String from) {
        try {
            return RawClient.connect("127.0.0.1", address.port(), from, Duration.ofSeconds(3));
        } catch (IOException e) {
            throw new AssertionError("could not connect from " + from, e);
        }
    }

    @Test
    void guessesStartedInParallelAreStillCappedAtTheLimit() throws Exception {
        // each guesser has its own address, so only the limit on ann's account can stop them
        int guessers = 30;
        SecureRandom random = new SecureRandom();
        List<RawClient> clients = new ArrayList<>();
        for (int i = 0; i < guessers; i++) {
            RawClient guesser =
                    RawClient.connect(
                            "127.0.0.1",
                            address.port(),
                            "127.0.0." + (100 + i),
                            Duration.ofSeconds(30));
            flood.add(guesser);
            guesser.hello();
            clients.add(guesser);
        }
        AtomicInteger challenged = new AtomicInteger();
        List<Thread> starts = new ArrayList<>();
        for (RawClient guesser : clients) {
            starts.add(
                    Thread.ofVirtual()
                            .start(
                                    () -> {
                                        try {
                                            if (guesser.startGuess("ann")
                                                    instanceof Message.LoginChallenge) {
                                                challenged.incrementAndGet();
                                            }
                                        } catch (IOException e) {
                                            throw new AssertionError(e);
                                        }
                                    }));
        }
        for (Thread start : starts) {
            start.join(Sessions.PATIENCE.toMillis());
        }
        AtomicInteger wrong = new AtomicInteger();
        AtomicInteger throttled = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        List<Thread> proofs = new ArrayList<>();
        for (RawClient guesser : clients) {
            proofs.add(
                    Thread.ofVirtual()
                            .start(
                                    () -> {
                                        try {
                                            count(
                                                    guesser.finishGuess(random),
                                                    wrong,
                                                    throttled,
                                                    other);
                                        } catch (IOException e) {
                                            other.incrementAndGet();
                                        }
                                    }));
        }
        for (Thread proof : proofs) {
            proof.join(Sessions.PATIENCE.toMillis());
        }
        log.info(
                "parallel guesses: {} connections started a login for ann at once, {} were"
                        + " challenged, {} proofs answered BAD_CREDENTIALS",
                guessers,
                challenged.get(),
                wrong.get());
        bystandersLostNothing();
        assertThat(challenged.get()).isEqualTo(FAILED_LOGIN_LIMIT);
        assertThat(wrong.get()).isEqualTo(FAILED_LOGIN_LIMIT);
    }

    /// Sorts a flood connection: refused (HOST_FULL, closed) or admitted (nothing said within
    /// 3 s; it is kept open, silent, until the test ends).
    private static void classify(RawClient client, AtomicInteger admitted, AtomicInteger refused) {
        try {
            Message.ErrorReply last = client.lastWordsBeforeClose();
            if (last != null && last.code() == ErrorCode.HOST_FULL) {
                refused.incrementAndGet();
            } else {
                throw new AssertionError("closed with " + last);
            }
        } catch (SocketTimeoutException e) {
            admitted.incrementAndGet();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /// Counts the host's answer to one guess; `true` if it was throttled.
    private static boolean count(
            Message answer, AtomicInteger wrong, AtomicInteger throttled, AtomicInteger other) {
        if (answer instanceof Message.ErrorReply error
                && error.code() == ErrorCode.BAD_CREDENTIALS) {
            wrong.incrementAndGet();
        } else if (answer instanceof Message.ErrorReply error
                && error.code() == ErrorCode.RATE_LIMITED) {
            throttled.incrementAndGet();
            return true;
        } else {
            other.incrementAndGet();
        }
        return false;
    }

    /// The members' chat through the flood: every message stored once and shown to all in
    /// order, no reconnect, no eviction.
    private void bystandersLostNothing() throws Exception {
        Sessions.stopPostingAfter(trackers, Tracker.totalAcked(trackers) + 30, posting, posters);
        for (RawClient client : flood) {
            client.close(); // frees places for the auditor
        }
        Map<String, List<DeliveryChecker.Delivery>> truth =
                Awaitility.await()
                        .atMost(Sessions.PATIENCE)
                        .ignoreException(SessionException.class)
                        .until(
                                () -> Sessions.audit(address, "auditor", List.of("lobby")),
                                t -> true);
        long latest = truth.get("lobby").size();
        List<String> violations = Sessions.violationsOnceShown(truth, trackers, "lobby");
        log.info(
                "members: {} messages stored and shown to all three, violations {}",
                latest,
                violations.size());
        assertThat(violations).isEmpty();
        Sessions.assertNobodyNoticed(trackers);
    }
}
