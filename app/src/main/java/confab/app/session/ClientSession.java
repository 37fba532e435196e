package confab.app.session;

import confab.app.session.SessionException.Kind;
import confab.crypto.AuthenticationException;
import confab.crypto.ClientHandshake;
import confab.crypto.MessageRejectedException;
import confab.crypto.MisattributedMessageException;
import confab.crypto.ReplayWindow;
import confab.crypto.ReplayedMessageException;
import confab.crypto.RoomCipher;
import confab.crypto.RoomKey;
import confab.crypto.Srp;
import confab.crypto.TamperedMessageException;
import confab.crypto.UnsupportedFormatException;
import confab.crypto.WrongRoomKeyException;
import confab.crypto.wire.Bytes;
import confab.crypto.wire.ErrorCode;
import confab.crypto.wire.KdfParams;
import confab.crypto.wire.Message;
import confab.crypto.wire.Names;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// A client's session with one host: connect, register or log in (SRP-6a), list, create and
/// join rooms, send, and receive {@link SessionEvent}s. No UI code: it is driven by method calls
/// and reports through a {@link SessionListener}.
///
/// Guarantees:
/// - Every message received is opened (verified and decrypted) and checked against the room's
///   replay window; one that fails is reported as {@link SessionEvent.MessageRejected}, never
///   dropped silently and never reported as genuine.
/// - After a lost connection the session reconnects by itself, with growing delays ({@link
///   Options#backoffMin()} doubling up to {@link Options#backoffMax()}, with jitter): it says
///   hello, logs in again, re-joins every room it was in from the last sequence number it has
///   there, so nothing is missed and nothing repeated, and then sends what waits in the outbox.
///   Before login there is nothing to resume: a connection lost then (the host closes those that
///   do not log in within its handshake timeout) is opened again by the next request.
/// - {@link #send} puts each message in an outbox first; an entry leaves the outbox when the
///   host's echo of it (own login, same counter) arrives. Entries not echoed before a connection
///   drops are sent again, once, in order, after the reconnect, unless the replay shows the host
///   stored them already.
/// - Passwords needed to log in and re-join again are kept in memory only, as copies, and wiped
///   by {@link #close}. The host never receives a password or a room key.
///
/// Message counters: each session starts its counter at `System.currentTimeMillis() * 1000` and
/// counts up by one per message, so a login's counters in a room never repeat, even across
/// restarts of the app (receivers reject a repeated counter as a replay), as long as the clock
/// does not go back and no one sends more than a thousand messages a second on average.
///
/// Methods block (the SRP steps stretch passwords with Argon2id, about 0.3 s each): call them off
/// the UI thread. They are safe to call from several threads; requests go one at a time. Events
/// reach the listener on the session's own event thread, in order.
public final class ClientSession implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClientSession.class);

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /// Longest message, in `char`s.
    public static final int MAX_TEXT = 4000;

    /// Tuning; {@link #DEFAULT} is what the app uses.
    ///
    /// @param kdf Argon2id costs for new accounts and rooms (log-in and join use the costs the
    ///     host stored)
    /// @param backoffMin delay before the first reconnect attempt
    /// @param backoffMax longest delay between reconnect attempts
    /// @param pingInterval silence from the host after which the session pings it
    /// @param readTimeout silence from the host after which the connection counts as lost
    /// @param requestTimeout longest wait for the answer to a request
    public record Options(
            KdfParams kdf,
            Duration backoffMin,
            Duration backoffMax,
            Duration pingInterval,
            Duration readTimeout,
            Duration requestTimeout) {
        public static final Options DEFAULT =
                new Options(
                        KdfParams.DEFAULT,
                        Duration.ofMillis(500),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(90),
                        Duration.ofSeconds(30));

        public Options {
            Objects.requireNonNull(kdf, "kdf");
            requirePositive(backoffMin, "backoffMin");
            requirePositive(backoffMax, "backoffMax");
            requirePositive(pingInterval, "pingInterval");
            requirePositive(readTimeout, "readTimeout");
            requirePositive(requestTimeout, "requestTimeout");
            if (backoffMax.compareTo(backoffMin) < 0) {
                throw new IllegalArgumentException("backoffMax is shorter than backoffMin");
            }
            if (readTimeout.compareTo(pingInterval) <= 0) {
                throw new IllegalArgumentException("readTimeout must be longer than pingInterval");
            }
        }

        private static void requirePositive(Duration duration, String name) {
            Objects.requireNonNull(duration, name);
            if (duration.toMillis() < 1) {
                throw new IllegalArgumentException(name + " must be at least 1 ms");
            }
        }

        public Options withKdf(KdfParams kdf) {
            return new Options(
                    kdf, backoffMin, backoffMax, pingInterval, readTimeout, requestTimeout);
        }

        public Options withBackoff(Duration min, Duration max) {
            return new Options(kdf, min, max, pingInterval, readTimeout, requestTimeout);
        }

        public Options withHeartbeat(Duration pingInterval, Duration readTimeout) {
            return new Options(
                    kdf, backoffMin, backoffMax, pingInterval, readTimeout, requestTimeout);
        }

        public Options withRequestTimeout(Duration requestTimeout) {
            return new Options(
                    kdf, backoffMin, backoffMax, pingInterval, readTimeout, requestTimeout);
        }
    }

    /// A room this session is in (joined and not left), kept across reconnects.
    private static final class Room {
        final String name;
        final char[] password;
        final ReplayWindow window = new ReplayWindow();
        RoomCipher cipher;
        Bytes keySalt;
        KdfParams kdf;
        long lastSeq;

        /// The connection whose host has us on the room's list; `null` while that is not so.
        Connection joinedOn;

        /// The replay after the last join is complete once a message this far has arrived.
        long replayUntil;

        Room(String name, char[] password, long lastSeq) {
            this.name = name;
            this.password = password;
            this.lastSeq = lastSeq;
        }

        boolean readyOn(Connection connection) {
            return joinedOn == connection && lastSeq >= replayUntil;
        }
    }

    /// A message waiting in the outbox for its echo.
    private static final class Outgoing {
        final long localId;
        final String room;
        final long counter;
        final Bytes sealed;

        /// The connection it was last sent on, or `null`.
        Connection sentOn;

        Outgoing(long localId, String room, long counter, Bytes sealed) {
            this.localId = localId;
            this.room = room;
            this.counter = counter;
            this.sealed = sealed;
        }
    }

    private final HostAddress address;
    private final Duration connectTimeout;
    private final Options options;
    private final SessionListener listener;
    private final Backoff backoff;
    private final ExecutorService events;
    private final Connection.Handler handler = new Handler();
    private final AtomicLong counter = new AtomicLong(System.currentTimeMillis() * 1000);

    // Everything below is guarded by `lock`. Nothing that waits for the network runs under it.
    private final Object lock = new Object();
    private final Map<String, Room> rooms = new LinkedHashMap<>();
    private final List<Outgoing> outbox = new ArrayList<>();
    private Connection current; // null while disconnected
    private Connection attempt; // the connection a reconnect is setting up
    private Thread reconnector;
    private String login;
    private char[] password;
    private long nextLocalId = 1;
    private boolean closed;
    private String gaveUp; // why, once the session stopped reconnecting

    private ClientSession(
            HostAddress address,
            Duration connectTimeout,
            SessionListener listener,
            Options options) {
        this.address = Objects.requireNonNull(address, "address");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "timeout");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.options = Objects.requireNonNull(options, "options");
        if (connectTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("timeout must be at least 1 ms");
        }
        this.backoff = new Backoff(options.backoffMin(), options.backoffMax());
        this.events =
                Executors.newSingleThreadExecutor(
                        Thread.ofVirtual().name("confab-session-events").factory());
    }

    /// Connects and says hello, with {@link Options#DEFAULT}. Blocking; call off the UI thread.
    ///
    /// @throws SessionException UNREACHABLE (no route, unknown host), REFUSED (nothing listens on
    ///     the port), TIMED_OUT (no connection or no hello within `timeout`),
    ///     INCOMPATIBLE_VERSION, HOST_FULL
    public static ClientSession connect(
            HostAddress address, Duration timeout, SessionListener listener)
            throws SessionException {
        return connect(address, timeout, listener, Options.DEFAULT);
    }

    /// {@link #connect(HostAddress, Duration, SessionListener)} with other options.
    public static ClientSession connect(
            HostAddress address, Duration timeout, SessionListener listener, Options options)
            throws SessionException {
        ClientSession session = new ClientSession(address, timeout, listener, options);
        try {
            Connection connection = Connection.open(address, timeout, options, session.handler);
            synchronized (session.lock) {
                if (connection.isClosed()) {
                    throw new SessionException(
                            Kind.DISCONNECTED,
                            "The host at " + address + " closed the connection straight away.");
                }
                session.current = connection;
                session.emit(new SessionEvent.Connected(address));
            }
        } catch (SessionException | RuntimeException e) {
            session.events.shutdown();
            throw e;
        }
        log.info("connected to {}", address);
        return session;
    }

    /// Creates an account. Does not log in.
    ///
    /// @throws SessionException LOGIN_TAKEN, INVALID (a login the rules refuse), RATE_LIMITED,
    ///     DISCONNECTED, TIMED_OUT
    public void register(String login, char[] password) throws SessionException {
        requireLogin(login);
        Objects.requireNonNull(password, "password");
        Connection connection = requireConnected();
        Srp.Verifier verifier = Srp.createVerifier(login, password, options.kdf());
        Message answer =
                connection.request(
                        new Message.Register(
                                login, verifier.salt(), verifier.verifier(), verifier.kdf()),
                        Set.of(Message.Registered.class),
                        null);
        if (answer instanceof Message.ErrorReply error) {
            throw switch (error.code()) {
                case LOGIN_TAKEN ->
                        new SessionException(
                                Kind.LOGIN_TAKEN,
                                "The login \"" + login + "\" is taken; choose another.");
                default -> failure(error, "Registration failed: ");
            };
        }
        log.info("registered {} on {}", login, address);
    }

    /// Logs in with SRP-6a and checks that the host holds this account's verifier. The login and
    /// a copy of the password are kept, in memory only, to log in again after a reconnect.
    ///
    /// @throws SessionException BAD_CREDENTIALS, RATE_LIMITED, HOST_IMPERSONATION (the host
    ///     could not prove it holds the verifier: the session closes itself), INVALID (a bad
    ///     login, or already logged in), DISCONNECTED, TIMED_OUT
    public void login(String login, char[] password) throws SessionException {
        requireLogin(login);
        Objects.requireNonNull(password, "password");
        Connection connection = requireConnected();
        synchronized (lock) {
            if (this.login != null) {
                throw new SessionException(
                        Kind.INVALID, "Already logged in as " + this.login + ".");
            }
        }
        try {
            authenticate(connection, login, password);
        } catch (SessionException e) {
            if (e.kind() == Kind.HOST_IMPERSONATION) {
                close();
            }
            throw e;
        }
        synchronized (lock) {
            if (closed) {
                throw cancelled();
            }
            this.login = login;
            this.password = password.clone();
        }
        log.info("logged in to {} as {}", address, login);
    }

    /// The login this session logged in with, or `null` before that.
    public String login() {
        synchronized (lock) {
            return login;
        }
    }

    /// The rooms on the host, with no secrets.
    public List<Message.RoomInfo> listRooms() throws SessionException {
        Message answer =
                requireConnected()
                        .request(new Message.ListRooms(), Set.of(Message.RoomList.class), null);
        if (answer instanceof Message.RoomList list) {
            return list.rooms();
        }
        throw failure((Message.ErrorReply) answer, "");
    }

    /// Creates a room protected by `password`. Does not join it.
    ///
    /// @throws SessionException ROOM_EXISTS, INVALID (a name the rules refuse, not logged in),
    ///     DISCONNECTED, TIMED_OUT
    public void createRoom(String name, char[] password) throws SessionException {
        requireRoom(name);
        Objects.requireNonNull(password, "password");
        Connection connection = requireConnected();
        Srp.Verifier verifier = Srp.createVerifier(name, password, options.kdf());
        Message answer =
                connection.request(
                        new Message.CreateRoom(
                                name,
                                verifier.salt(),
                                verifier.verifier(),
                                verifier.kdf(),
                                RoomKey.newSalt()),
                        Set.of(Message.RoomCreated.class),
                        null);
        if (answer instanceof Message.ErrorReply error) {
            throw switch (error.code()) {
                case ROOM_EXISTS ->
                        new SessionException(
                                Kind.ROOM_EXISTS, "A room named \"" + name + "\" exists already.");
                default -> failure(error, "The room could not be created: ");
            };
        }
        log.info("created room {} on {}", name, address);
    }

    /// Joins a room. On success a {@link SessionEvent.RoomJoined} is emitted, followed by a
    /// {@link SessionEvent.MessageReceived} (or `MessageRejected`) for every stored message after
    /// `lastSeq`, then live traffic. The room password is kept in memory to re-join after a
    /// reconnect.
    ///
    /// @param lastSeq the last sequence number the caller has for this room, 0 for none
    /// @throws SessionException BAD_CREDENTIALS (wrong room password), NO_SUCH_ROOM,
    ///     HOST_IMPERSONATION, INVALID (not logged in, already in the room), DISCONNECTED,
    ///     TIMED_OUT
    public void joinRoom(String name, char[] password, long lastSeq) throws SessionException {
        requireRoom(name);
        Objects.requireNonNull(password, "password");
        if (lastSeq < 0) {
            throw new SessionException(Kind.INVALID, "lastSeq must not be negative.");
        }
        Connection connection = requireConnected();
        synchronized (lock) {
            if (login == null) {
                throw new SessionException(
                        Kind.INVALID, ErrorCode.NOT_AUTHENTICATED, "Log in before joining a room.");
            }
            if (rooms.containsKey(name)) {
                throw new SessionException(Kind.INVALID, "You are in room " + name + " already.");
            }
        }
        Room room = new Room(name, password.clone(), lastSeq);
        try {
            join(connection, room, false);
        } catch (SessionException e) {
            Arrays.fill(room.password, '\0');
            throw e;
        }
        log.info("joined room {} on {}", name, address);
    }

    /// Leaves a room: the session forgets it at once (no more events for it, no re-join after a
    /// reconnect, the kept room password wiped, messages still in the outbox for it dropped),
    /// then tells the host. If the host cannot be told (disconnected, say), that is logged and
    /// nothing more: a lost connection takes the member off the room's list anyway.
    ///
    /// @throws SessionException INVALID (not in the room), CANCELLED (closed)
    public void leaveRoom(String name) throws SessionException {
        Connection connection;
        synchronized (lock) {
            Room room = rooms.remove(name);
            if (room == null) {
                throw new SessionException(
                        Kind.INVALID, ErrorCode.NOT_A_MEMBER, "You are not in room " + name + ".");
            }
            Arrays.fill(room.password, '\0');
            int before = outbox.size();
            outbox.removeIf(entry -> entry.room.equals(name));
            if (outbox.size() != before) {
                log.info("dropped {} unsent messages to room {}", before - outbox.size(), name);
            }
            connection = room.joinedOn == current ? current : null;
        }
        if (connection == null) {
            return;
        }
        try {
            Message answer =
                    connection.request(new Message.Leave(name), Set.of(Message.Left.class), null);
            if (answer instanceof Message.ErrorReply error) {
                log.info(
                        "leaving room {}: the host said {} ({})", name, error.code(), error.text());
            }
        } catch (SessionException e) {
            if (e.kind() == Kind.CANCELLED) {
                throw e;
            }
            log.info("leaving room {}: could not tell the host: {}", name, e.getMessage());
        }
        log.info("left room {}", name);
    }

    /// Seals `text` for `room` and sends it, or keeps it in the outbox while disconnected (or
    /// while the room's replay after a join is still arriving). Emits {@link
    /// SessionEvent.MessagePending} straight away and, once the host has stored it, a {@link
    /// SessionEvent.MessageReceived} with `own` set. Does not wait for the network.
    ///
    /// @return an id for the pending message, unique in this session
    /// @throws SessionException INVALID (empty, longer than {@link #MAX_TEXT}, or not in the
    ///     room), DISCONNECTED (the session gave up), CANCELLED (closed)
    public long send(String room, String text) throws SessionException {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new SessionException(Kind.INVALID, "The message is empty.");
        }
        if (text.length() > MAX_TEXT) {
            throw new SessionException(
                    Kind.INVALID,
                    "The message is longer than " + MAX_TEXT + " characters; split it up.");
        }
        byte[] utf8;
        try {
            ByteBuffer encoded =
                    StandardCharsets.UTF_8
                            .newEncoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .encode(CharBuffer.wrap(text));
            utf8 = new byte[encoded.remaining()];
            encoded.get(utf8);
        } catch (CharacterCodingException e) {
            throw new SessionException(
                    Kind.INVALID, "The message holds a broken character; retype it.", e);
        }
        synchronized (lock) {
            if (closed) {
                throw cancelled();
            }
            if (gaveUp != null) {
                throw new SessionException(Kind.DISCONNECTED, gaveUp);
            }
            Room target = rooms.get(room);
            if (target == null) {
                throw new SessionException(
                        Kind.INVALID, ErrorCode.NOT_A_MEMBER, "You are not in room " + room + ".");
            }
            long messageCounter = counter.incrementAndGet();
            Bytes sealed = target.cipher.seal(login, messageCounter, utf8);
            long localId = nextLocalId++;
            outbox.add(new Outgoing(localId, room, messageCounter, sealed));
            emit(new SessionEvent.MessagePending(room, localId, text));
            flushOutbox();
            return localId;
        }
    }

    /// True while a connection is up (it may drop at any moment).
    public boolean isConnected() {
        synchronized (lock) {
            return current != null;
        }
    }

    /// Stops reconnecting, closes the connection, wipes the kept passwords and drops the
    /// outbox. Events already queued are still delivered. Idempotent.
    @Override
    public void close() {
        Connection toClose;
        Connection attempted;
        Thread toStop;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = current;
            attempted = attempt;
            toStop = reconnector;
            current = null;
            attempt = null;
            reconnector = null;
            if (password != null) {
                Arrays.fill(password, '\0');
                password = null;
            }
            for (Room room : rooms.values()) {
                Arrays.fill(room.password, '\0');
            }
            rooms.clear();
            outbox.clear();
        }
        if (toStop != null) {
            toStop.interrupt();
        }
        if (toClose != null) {
            toClose.close();
        }
        if (attempted != null) {
            attempted.close();
        }
        events.shutdown();
        log.info("session with {} closed", address);
    }

    // ---- the steps of a conversation, each on a given connection ----------------------------

    private void authenticate(Connection connection, String login, char[] password)
            throws SessionException {
        Message answer =
                connection.request(
                        new Message.LoginStart(login), Set.of(Message.LoginChallenge.class), null);
        if (answer instanceof Message.ErrorReply error) {
            throw loginFailure(error);
        }
        Message.LoginChallenge challenge = (Message.LoginChallenge) answer;
        ClientHandshake handshake = Srp.client(login, password);
        ClientHandshake.Proof proof;
        try {
            proof = handshake.respond(challenge.salt(), challenge.kdf(), challenge.serverPublic());
        } catch (AuthenticationException e) {
            connection.close();
            throw new SessionException(
                    Kind.PROTOCOL, "The host sent an invalid login challenge.", e);
        }
        answer =
                connection.request(
                        new Message.LoginProof(proof.clientPublic(), proof.clientEvidence()),
                        Set.of(Message.LoginOk.class),
                        null);
        if (answer instanceof Message.ErrorReply error) {
            throw loginFailure(error);
        }
        Message.LoginOk ok = (Message.LoginOk) answer;
        try {
            if (!ok.login().equals(login)) {
                throw new AuthenticationException("host confirmed another login");
            }
            handshake.verifyServer(ok.serverEvidence());
        } catch (AuthenticationException e) {
            connection.close();
            throw new SessionException(
                    Kind.HOST_IMPERSONATION,
                    "The host at "
                            + address
                            + " could not prove it knows your account: it may not be the host"
                            + " you registered with. Disconnected.",
                    e);
        }
    }

    private static SessionException loginFailure(Message.ErrorReply error) {
        return switch (error.code()) {
            case BAD_CREDENTIALS ->
                    new SessionException(Kind.BAD_CREDENTIALS, "Wrong login or password.");
            case RATE_LIMITED ->
                    new SessionException(
                            Kind.RATE_LIMITED,
                            "Too many login attempts; wait a minute and try again.");
            default -> failure(error, "Login failed: ");
        };
    }

    /// Joins (or re-joins) `room` on `connection`. The room enters the session's room map from
    /// the reader thread, when `Joined` arrives, so that the replay that follows finds it.
    private void join(Connection connection, Room room, boolean rejoin) throws SessionException {
        Message answer =
                connection.request(
                        new Message.JoinStart(room.name),
                        Set.of(Message.JoinChallenge.class),
                        null);
        if (answer instanceof Message.ErrorReply error) {
            throw joinFailure(room.name, error);
        }
        Message.JoinChallenge challenge = (Message.JoinChallenge) answer;
        ClientHandshake handshake = Srp.client(room.name, room.password);
        ClientHandshake.Proof proof;
        try {
            proof = handshake.respond(challenge.salt(), challenge.kdf(), challenge.serverPublic());
        } catch (AuthenticationException e) {
            connection.close();
            throw new SessionException(
                    Kind.PROTOCOL, "The host sent an invalid room challenge.", e);
        }
        RoomCipher cipher;
        synchronized (lock) {
            cipher = room.cipher;
            if (cipher != null
                    && !(challenge.keySalt().equals(room.keySalt)
                            && challenge.kdf().equals(room.kdf))) {
                cipher = null;
            }
        }
        if (cipher == null) {
            try {
                cipher =
                        new RoomCipher(
                                RoomKey.derive(room.password, challenge.keySalt(), challenge.kdf()),
                                room.name);
            } catch (IllegalArgumentException e) {
                connection.close();
                throw new SessionException(
                        Kind.PROTOCOL, "The host sent an invalid room key salt.", e);
            }
        }
        RoomCipher roomCipher = cipher;
        long lastSeq;
        synchronized (lock) {
            lastSeq = room.lastSeq;
        }
        answer =
                connection.request(
                        new Message.JoinProof(
                                room.name, proof.clientPublic(), proof.clientEvidence(), lastSeq),
                        Set.of(Message.Joined.class),
                        response ->
                                onJoined(
                                        connection,
                                        room,
                                        roomCipher,
                                        challenge,
                                        handshake,
                                        rejoin,
                                        (Message.Joined) response));
        if (answer instanceof Message.ErrorReply error) {
            throw joinFailure(room.name, error);
        }
    }

    /// On the reader thread, before the replay that follows `Joined` is read.
    private void onJoined(
            Connection connection,
            Room room,
            RoomCipher cipher,
            Message.JoinChallenge challenge,
            ClientHandshake handshake,
            boolean rejoin,
            Message.Joined joined)
            throws SessionException {
        try {
            if (!joined.room().equals(room.name)) {
                throw new AuthenticationException("host confirmed another room");
            }
            handshake.verifyServer(joined.serverEvidence());
        } catch (AuthenticationException e) {
            connection.close();
            throw new SessionException(
                    Kind.HOST_IMPERSONATION,
                    "The host could not prove it knows room "
                            + room.name
                            + ": it may not be the host the room was created on. Disconnected.",
                    e);
        }
        synchronized (lock) {
            if (closed) {
                throw cancelled();
            }
            Room known = rooms.get(room.name);
            if (rejoin ? known != room : known != null) {
                // Left while re-joining, or joined twice at once: this join does not count.
                throw new SessionException(
                        Kind.INVALID, "You are not (or already) in room " + room.name + ".");
            }
            room.cipher = cipher;
            room.keySalt = challenge.keySalt();
            room.kdf = challenge.kdf();
            room.joinedOn = connection;
            if (joined.latestSeq() < room.lastSeq) {
                // The host has less history than we saw: another host, or its data was reset.
                // Following its numbering is the only way to see what it sends from now on.
                log.warn(
                        "room {}: host is at seq {}, we had {}",
                        room.name,
                        joined.latestSeq(),
                        room.lastSeq);
                room.lastSeq = joined.latestSeq();
            }
            room.replayUntil = joined.latestSeq();
            rooms.put(room.name, room);
            emit(new SessionEvent.RoomJoined(room.name, joined.members(), joined.latestSeq()));
            flushOutbox();
        }
    }

    private static SessionException joinFailure(String room, Message.ErrorReply error) {
        return switch (error.code()) {
            case BAD_CREDENTIALS ->
                    new SessionException(
                            Kind.BAD_CREDENTIALS, "Wrong password for room " + room + ".");
            case NO_SUCH_ROOM ->
                    new SessionException(Kind.NO_SUCH_ROOM, "There is no room named " + room + ".");
            default -> failure(error, "Could not join room " + room + ": ");
        };
    }

    /// The generic meaning of a host error; callers handle the codes whose wording depends on
    /// the request.
    static SessionException failure(Message.ErrorReply error, String context) {
        String hostText = error.text().isBlank() ? "" : " (" + error.text() + ")";
        return switch (error.code()) {
            case BAD_CREDENTIALS ->
                    new SessionException(Kind.BAD_CREDENTIALS, context + "wrong password.");
            case LOGIN_TAKEN ->
                    new SessionException(Kind.LOGIN_TAKEN, context + "that login is taken.");
            case ROOM_EXISTS ->
                    new SessionException(Kind.ROOM_EXISTS, context + "that room exists already.");
            case NO_SUCH_ROOM ->
                    new SessionException(Kind.NO_SUCH_ROOM, context + "there is no such room.");
            case RATE_LIMITED ->
                    new SessionException(
                            Kind.RATE_LIMITED,
                            context + "too many requests; wait a little and try again.");
            case HOST_FULL ->
                    new SessionException(Kind.HOST_FULL, "The host is full; try again later.");
            case INCOMPATIBLE_VERSION ->
                    new SessionException(
                            Kind.INCOMPATIBLE_VERSION,
                            "The host speaks another version of the Confab protocol.");
            case NOT_AUTHENTICATED ->
                    new SessionException(
                            Kind.INVALID, ErrorCode.NOT_AUTHENTICATED, context + "log in first.");
            case NOT_A_MEMBER ->
                    new SessionException(
                            Kind.INVALID,
                            ErrorCode.NOT_A_MEMBER,
                            context + "you are not in that room.");
            case INVALID_REQUEST ->
                    new SessionException(
                            Kind.INVALID,
                            ErrorCode.INVALID_REQUEST,
                            context + "the host refused it" + hostText + ".");
            case TIMEOUT -> new SessionException(Kind.TIMED_OUT, context + "the host timed out.");
            case SHUTTING_DOWN ->
                    new SessionException(Kind.DISCONNECTED, "The host is shutting down.");
            case MALFORMED, INTERNAL ->
                    new SessionException(
                            Kind.PROTOCOL, context + "the host reported an error" + hostText + ".");
        };
    }

    // ---- what arrives without being asked for ---------------------------------------------

    private final class Handler implements Connection.Handler {
        @Override
        public void onAsync(Connection connection, Message message) {
            switch (message) {
                case Message.Delivered delivered -> onDelivered(connection, delivered);
                case Message.MemberJoined m ->
                        emit(new SessionEvent.MemberJoined(m.room(), m.login()));
                case Message.MemberLeft m -> emit(new SessionEvent.MemberLeft(m.room(), m.login()));
                case Message.MemberEvicted m ->
                        emit(new SessionEvent.MemberEvicted(m.room(), m.login(), m.reason()));
                case Message.RoomIdle m -> onRoomIdle(connection, m);
                case Message.ErrorReply e -> {
                    if (e.code() == ErrorCode.SHUTTING_DOWN) {
                        emit(new SessionEvent.HostStopped(e.text()));
                    } else {
                        emit(new SessionEvent.Problem(e.code(), e.text()));
                    }
                }
                default -> log.warn("ignoring {}", message.getClass().getSimpleName());
            }
        }

        @Override
        public void onClosed(Connection connection, String reason) {
            synchronized (lock) {
                if (connection != current) {
                    return; // a failed attempt, or already replaced: its owner handles it
                }
                current = null;
                if (closed || gaveUp != null) {
                    return;
                }
                if (login == null) {
                    // Nothing to resume; the host also drops connections that do not log in
                    // soon enough. The next request opens a new connection.
                    log.info("connection to {} lost before login: {}", address, reason);
                    return;
                }
                log.info("connection to {} lost: {}", address, reason);
                reconnector =
                        Thread.ofVirtual()
                                .name("confab-session-reconnect")
                                .start(() -> reconnect(reason));
            }
        }
    }

    private void onRoomIdle(Connection connection, Message.RoomIdle idle) {
        synchronized (lock) {
            Room room = rooms.get(idle.room());
            if (room != null && room.joinedOn == connection) {
                log.debug("room {} went idle", idle.room());
            }
            emit(new SessionEvent.RoomIdle(idle.room()));
        }
    }

    private void onDelivered(Connection connection, Message.Delivered delivered) {
        synchronized (lock) {
            Room room = rooms.get(delivered.room());
            if (room == null || room.joinedOn != connection) {
                log.debug("ignoring a message for room {}: not in it", delivered.room());
                return;
            }
            if (delivered.seq() <= room.lastSeq) {
                log.debug("ignoring seq {} of room {}: seen", delivered.seq(), room.name);
                return;
            }
            if (delivered.seq() != room.lastSeq + 1) {
                log.warn(
                        "room {}: seq {} follows {}; the host skipped some",
                        room.name,
                        delivered.seq(),
                        room.lastSeq);
            }
            boolean replayWasDone = room.lastSeq >= room.replayUntil;
            room.lastSeq = delivered.seq();
            boolean own = delivered.sender().equals(login);
            if (own) {
                removeEchoed(room.name, delivered.counter());
            }
            emit(open(room, delivered, own));
            if (!replayWasDone && room.lastSeq >= room.replayUntil) {
                flushOutbox();
            }
        }
    }

    private SessionEvent open(Room room, Message.Delivered delivered, boolean own) {
        try {
            byte[] plaintext =
                    room.cipher.open(delivered.sender(), delivered.counter(), delivered.sealed());
            room.window.accept(delivered.sender(), delivered.counter());
            String text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(plaintext))
                            .toString();
            return new SessionEvent.MessageReceived(
                    room.name,
                    delivered.seq(),
                    delivered.sender(),
                    text,
                    Instant.ofEpochMilli(delivered.storedAt()),
                    own);
        } catch (MessageRejectedException e) {
            log.warn(
                    "room {}: rejected seq {} from {}: {}",
                    room.name,
                    delivered.seq(),
                    delivered.sender(),
                    e.getMessage());
            return new SessionEvent.MessageRejected(
                    room.name, delivered.seq(), delivered.sender(), why(e));
        } catch (CharacterCodingException e) {
            return new SessionEvent.MessageRejected(
                    room.name, delivered.seq(), delivered.sender(), "the message is not text");
        }
    }

    private static String why(MessageRejectedException e) {
        return switch (e) {
            case TamperedMessageException t -> "the message was altered on its way";
            case WrongRoomKeyException w ->
                    "the message was sealed with another room key (a wrong room password?)";
            case MisattributedMessageException m ->
                    "the message was not written by the member it names";
            case ReplayedMessageException r -> "the message is a replay of an earlier one";
            case UnsupportedFormatException u ->
                    "the message is in a format this version of Confab cannot read";
        };
    }

    private void removeEchoed(String room, long echoedCounter) {
        for (Iterator<Outgoing> it = outbox.iterator(); it.hasNext(); ) {
            Outgoing entry = it.next();
            if (entry.counter == echoedCounter && entry.room.equals(room)) {
                it.remove();
                log.debug("message {} to {} acknowledged", entry.localId, room);
                return;
            }
        }
    }

    /// Sends, in order, every outbox entry not yet sent on the current connection whose room is
    /// ready there (joined, replay complete). Under `lock`.
    private void flushOutbox() {
        Connection connection = current;
        if (connection == null) {
            return;
        }
        for (Outgoing entry : outbox) {
            if (entry.sentOn == connection) {
                continue;
            }
            Room room = rooms.get(entry.room);
            if (room == null || !room.readyOn(connection)) {
                continue;
            }
            try {
                connection.send(new Message.Post(entry.room, entry.counter, entry.sealed));
                entry.sentOn = connection;
            } catch (java.io.IOException e) {
                log.debug("sending failed; the outbox waits for the reconnect", e);
                connection.close();
                return;
            }
        }
    }

    // ---- reconnecting -----------------------------------------------------------------------

    private void reconnect(String firstReason) {
        String reason = firstReason;
        for (int attemptNo = 1; ; attemptNo++) {
            Duration delay = backoff.delay(attemptNo);
            synchronized (lock) {
                if (closed) {
                    return;
                }
                emit(new SessionEvent.ConnectionLost(reason, delay, attemptNo));
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                return;
            }
            try {
                tryReconnect();
                return;
            } catch (RuntimeException e) {
                // a bug, or a host sending what the crypto refuses: keep trying, loudly
                log.error("reconnect attempt {} to {} failed", attemptNo, address, e);
                reason = "an unexpected error (" + e.getMessage() + ")";
            } catch (SessionException e) {
                if (e.kind() == Kind.CANCELLED) {
                    return;
                }
                if (isFatal(e.kind())) {
                    giveUp(
                            e.kind(),
                            e.kind() == Kind.BAD_CREDENTIALS
                                    ? "The host no longer accepts your login and password; log in"
                                            + " again."
                                    : e.getMessage());
                    return;
                }
                log.info(
                        "reconnect attempt {} to {} failed: {}",
                        attemptNo,
                        address,
                        e.getMessage());
                reason = e.getMessage();
            }
        }
    }

    private static boolean isFatal(Kind kind) {
        return kind == Kind.BAD_CREDENTIALS
                || kind == Kind.INCOMPATIBLE_VERSION
                || kind == Kind.HOST_IMPERSONATION;
    }

    /// One attempt: connect, hello, log in, re-join; returns when done or closed meanwhile.
    private void tryReconnect() throws SessionException {
        Connection connection = Connection.open(address, connectTimeout, options, handler);
        try {
            String user;
            char[] secret;
            List<Room> toJoin;
            synchronized (lock) {
                if (closed) {
                    connection.close();
                    return;
                }
                attempt = connection;
                user = login;
                secret = password;
                toJoin = new ArrayList<>(rooms.values());
            }
            if (user != null) {
                authenticate(connection, user, secret);
            }
            for (Room room : toJoin) {
                try {
                    join(connection, room, true);
                } catch (SessionException e) {
                    if (e.kind() != Kind.BAD_CREDENTIALS
                            && e.kind() != Kind.NO_SUCH_ROOM
                            && e.kind() != Kind.INVALID) {
                        throw e;
                    }
                    dropRoom(room, e);
                }
            }
            synchronized (lock) {
                attempt = null;
                if (closed) {
                    connection.close();
                    return;
                }
                if (connection.isClosed()) {
                    throw new SessionException(
                            Kind.DISCONNECTED, "The connection dropped while reconnecting.");
                }
                current = connection;
                reconnector = null;
                emit(new SessionEvent.Reconnected());
                flushOutbox();
            }
            log.info("reconnected to {}", address);
        } catch (SessionException | RuntimeException e) {
            synchronized (lock) {
                if (attempt == connection) {
                    attempt = null;
                }
            }
            connection.close();
            throw e;
        }
    }

    private void dropRoom(Room room, SessionException why) {
        synchronized (lock) {
            if (rooms.remove(room.name, room)) {
                Arrays.fill(room.password, '\0');
                int before = outbox.size();
                outbox.removeIf(entry -> entry.room.equals(room.name));
                int unsent = before - outbox.size();
                ErrorCode code =
                        switch (why.kind()) {
                            case BAD_CREDENTIALS -> ErrorCode.BAD_CREDENTIALS;
                            case NO_SUCH_ROOM -> ErrorCode.NO_SUCH_ROOM;
                            default -> ErrorCode.INVALID_REQUEST;
                        };
                log.warn(
                        "could not re-join room {} ({} unsent): {}",
                        room.name,
                        unsent,
                        why.getMessage());
                emit(new SessionEvent.RejoinFailed(room.name, code, unsent));
            }
        }
    }

    private void giveUp(Kind kind, String why) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            gaveUp = why;
            reconnector = null;
            log.warn("stopped reconnecting to {}: {}", address, why);
            emit(new SessionEvent.GaveUp(kind, why));
        }
    }

    // ---- small things -----------------------------------------------------------------------

    /// The current connection. Before login a lost connection is opened again here, once,
    /// within the connect timeout; after login the background reconnect owns that.
    private Connection requireConnected() throws SessionException {
        synchronized (lock) {
            if (closed) {
                throw cancelled();
            }
            if (current != null) {
                return current;
            }
            if (login != null || gaveUp != null) {
                throw new SessionException(
                        Kind.DISCONNECTED,
                        gaveUp != null ? gaveUp : "Not connected to " + address + " right now.");
            }
        }
        Connection opened = Connection.open(address, connectTimeout, options, handler);
        synchronized (lock) {
            if (closed) {
                opened.close();
                throw cancelled();
            }
            if (current != null) {
                opened.close(); // another thread was quicker
                return current;
            }
            if (opened.isClosed()) {
                throw new SessionException(
                        Kind.DISCONNECTED, "The connection to " + address + " was lost.");
            }
            current = opened;
            log.info("connected to {} again", address);
            return opened;
        }
    }

    private static SessionException cancelled() {
        return new SessionException(Kind.CANCELLED, "The session is closed.");
    }

    private static void requireLogin(String login) throws SessionException {
        String problem = Names.loginProblem(login);
        if (problem != null) {
            throw new SessionException(Kind.INVALID, capitalize(problem) + ".");
        }
    }

    private static void requireRoom(String room) throws SessionException {
        String problem = Names.roomProblem(room);
        if (problem != null) {
            throw new SessionException(Kind.INVALID, capitalize(problem) + ".");
        }
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /// Queues an event for the listener; order of calls is order of delivery.
    private void emit(SessionEvent event) {
        try {
            events.execute(
                    () -> {
                        try {
                            listener.onEvent(event);
                        } catch (RuntimeException e) {
                            log.error("session listener failed on {}", event, e);
                        }
                    });
        } catch (RejectedExecutionException e) {
            log.debug("session closed; dropping {}", event);
        }
    }
}
