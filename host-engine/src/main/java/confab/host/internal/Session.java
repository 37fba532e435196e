package confab.host.internal;

import confab.crypto.AuthenticationException;
import confab.crypto.ServerHandshake;
import confab.crypto.Srp;
import confab.crypto.wire.Bytes;
import confab.crypto.wire.ErrorCode;
import confab.crypto.wire.EvictionReason;
import confab.crypto.wire.FrameDecoder;
import confab.crypto.wire.KdfParams;
import confab.crypto.wire.Message;
import confab.crypto.wire.MessageCodec;
import confab.crypto.wire.ProtocolException;
import confab.host.Defence;
import confab.host.HostConfig;
import confab.host.HostListener;
import confab.host.LoginRefusal;
import confab.host.store.AccountRecord;
import confab.host.store.HostStore;
import confab.host.store.RoomRecord;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// The requests of one connection: it decodes each, checks that the connection may make it,
/// and answers it or hands it to a room. Its {@link #finish} always reports the disconnect,
/// once, whatever ended the connection.
///
/// The host's {@link IoLoop} feeds it the bytes it reads. A request that is quick to handle
/// (a post the room has space for, a ping) is handled right there on the loop thread. One that
/// may wait (for the disk, a password check, the rate limit or a full room) goes, with every
/// request read after it, to a virtual thread of its own, and the loop stops reading this
/// connection until that thread is done: requests keep their order, TCP slows a sender the
/// host cannot keep up with, and the loop never waits for anyone.
public final class Session {
    /// Largest salt, SRP value or evidence accepted from a client, in bytes.
    private static final int MAX_SRP_BYTES = 1024;

    /// Longest a post over the rate limit waits for its turn before it is refused.
    private static final long POST_WAIT_MILLIS = 5000;

    private static final Logger log = LoggerFactory.getLogger(Session.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private enum State {
        NEW,
        GREETED,
        LOGGED_IN
    }

    /// Host-wide services a session uses.
    public record Services(
            HostConfig config,
            HostStore store,
            MessageCodec codec,
            Rooms rooms,
            LoginThrottle throttle,
            HostListener listener,
            byte[] decoySecret,
            java.util.function.Consumer<Session> onEnd) {}

    private final Connection connection;
    private final Services services;
    private final Runnable resumeReading;
    private final MessageCodec codec;
    private final FrameDecoder decoder;
    private final TokenBucket bucket;
    private final long openedMillis;
    private final Map<String, ServerHandshake> pendingJoins = new HashMap<>();
    private final AtomicBoolean ended = new AtomicBoolean();

    private volatile State state = State.NEW;
    private volatile long lastReadMillis;
    private volatile boolean pinged;
    private String pendingLogin;
    private ServerHandshake pendingLoginHandshake;
    private int strikes;
    private boolean throttleLogged;
    private String endedBecause = "protocol violation";

    /// @param resumeReading asks the I/O loop to read this connection again after a worker
    ///     handled what it was given
    public Session(Connection connection, Services services, Runnable resumeReading) {
        this.connection = connection;
        this.services = services;
        this.resumeReading = resumeReading;
        this.codec = services.codec();
        HostConfig config = services.config();
        this.decoder = new FrameDecoder(config.maxPayload());
        this.bucket =
                new TokenBucket(config.requestsPerSecond(), config.requestBurst(), config.clock());
        this.openedMillis = config.clock().millis();
        this.lastReadMillis = openedMillis;
    }

    public Connection connection() {
        return connection;
    }

    /// Whether the session has finished (the connection is closed or closing).
    boolean ended() {
        return ended.get();
    }

    /// Handles bytes read from the socket, on the I/O loop. `true` to go on reading; `false`
    /// once a worker has the session (it resumes reading when done) or the session ended.
    boolean received(byte[] bytes, int offset, int length) {
        if (ended.get()) {
            return false;
        }
        List<byte[]> payloads;
        try {
            payloads = decoder.feed(bytes, offset, length);
        } catch (ProtocolException e) {
            badInput(e);
            return false;
        }
        for (int i = 0; i < payloads.size(); i++) {
            Now now;
            try {
                now = processNow(codec.decode(payloads.get(i)));
            } catch (ProtocolException e) {
                badInput(e);
                return false;
            } catch (RuntimeException e) {
                internalError(e);
                return false;
            } catch (InterruptedException e) {
                // cannot happen: what the loop handles never waits
                internalError(new IllegalStateException("the I/O loop was interrupted", e));
                return false;
            }
            if (now == Now.MAY_WAIT) {
                List<byte[]> rest = List.copyOf(payloads.subList(i, payloads.size()));
                Thread.ofVirtual()
                        .name("confab-session-" + connection.id())
                        .start(() -> work(rest));
                return false;
            }
            if (now == Now.ENDS_CONNECTION) {
                finish(EvictionReason.PROTOCOL_VIOLATION, endedBecause);
                return false;
            }
        }
        return true;
    }

    /// The peer closed its side of the connection.
    void endOfStream() {
        if (decoder.hasPartialFrame()) {
            // the peer died in the middle of a frame: a lost connection, not an attack
            finish(EvictionReason.CONNECTION_LOST, "connection lost mid-frame");
        } else {
            finish(null, "closed by peer");
        }
    }

    /// Reading the socket failed.
    void readFailed(IOException e) {
        finish(EvictionReason.CONNECTION_LOST, "connection lost: " + e.getMessage());
    }

    /// The connection was closed: by the host (a timeout, an eviction, a stop) or after a
    /// write failed.
    void connectionClosed() {
        IOException broken = connection.writeFailure();
        // a failed write is the peer's doing, as a failed read is
        finish(
                EvictionReason.CONNECTION_LOST,
                broken != null ? "connection lost: " + broken.getMessage() : "closed by host");
    }

    /// Handles, on a worker thread, requests the loop left because they may wait.
    private void work(List<byte[]> payloads) {
        try {
            for (byte[] payload : payloads) {
                if (ended.get()) {
                    return;
                }
                if (!process(payload)) {
                    finish(EvictionReason.PROTOCOL_VIOLATION, endedBecause);
                    return;
                }
            }
            resumeReading.run();
        } catch (ProtocolException e) {
            badInput(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(EvictionReason.CONNECTION_LOST, "host stopping");
        } catch (RuntimeException e) {
            internalError(e);
        }
    }

    private void badInput(ProtocolException e) {
        if (e.kind() == ProtocolException.Kind.TRUNCATED) {
            finish(EvictionReason.CONNECTION_LOST, "connection lost mid-frame");
            return;
        }
        defended(Defence.BAD_INPUT, "bad input: " + e.kind() + ": " + e.getMessage());
        refuse(ErrorCode.MALFORMED, e.getMessage());
        finish(EvictionReason.PROTOCOL_VIOLATION, "bad input: " + e.kind());
    }

    private void internalError(RuntimeException e) {
        log.error("{}: unexpected failure", connection, e);
        refuse(ErrorCode.INTERNAL, "internal error");
        finish(EvictionReason.CONNECTION_LOST, "internal error");
    }

    /// Ends the session once: closes the connection (unless a last frame is still being
    /// written), takes it out of its rooms and reports why it ended.
    void finish(EvictionReason reason, String why) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        if (connection.closingSinceMillis() < 0) {
            connection.close();
        }
        services.rooms().disconnected(connection, new RoomEvent.Gone(connection, reason));
        services.listener().connectionClosed(connection.id(), connection.remote(), why);
        services.onEnd().accept(this);
        if (state == State.LOGGED_IN) {
            log.info("{} ended: {}", connection, why); // pairs with its "logged in"
        } else {
            log.debug("{} ended: {}", connection, why);
        }
    }

    /// Handles one frame's payload: rate limit, decode, answer; it may wait (for the rate
    /// limit, a full room or the disk). `false` ends the connection (a typed error is already
    /// on its way), with the reason in `endedBecause`.
    boolean process(byte[] payload) throws ProtocolException, InterruptedException {
        return processDecoded(codec.decode(payload));
    }

    private boolean processDecoded(Message message) throws InterruptedException {
        heard();
        if (!bucket.tryTake()) {
            if (message instanceof Message.Post && awaitToken()) {
                // a post over the rate waits for its token instead of being refused: the
                // sender is slowed down (TCP backs up behind this connection) and loses nothing
                strikes = 0;
                endedBecause = "protocol violation";
                return handle(message);
            }
            if (++strikes > services.config().requestBurst()) {
                refuse(ErrorCode.RATE_LIMITED, "too many requests; disconnected");
                defended(Defence.REQUEST_FLOOD, "request flood");
                endedBecause = "request flood";
                return false;
            }
            if (strikes == 1) {
                log.info("{}: over its request rate", connection);
            }
            reply(new Message.ErrorReply(ErrorCode.RATE_LIMITED, "slow down"));
            return true;
        }
        strikes = 0;
        endedBecause = "protocol violation";
        return handle(message);
    }

    /// Requests that read the disk or check a password: never handled on the I/O loop.
    private static final Set<Class<? extends Message>> SLOW =
            Set.of(
                    Message.Register.class,
                    Message.LoginStart.class,
                    Message.LoginProof.class,
                    Message.ListRooms.class,
                    Message.CreateRoom.class,
                    Message.JoinStart.class,
                    Message.JoinProof.class);

    /// What became of a request the loop tried to handle at once.
    private enum Now {
        HANDLED,
        ENDS_CONNECTION,
        /// Nothing done: it may wait, a worker handles it.
        MAY_WAIT
    }

    /// Handles `message` at once, as {@link #process} would, if that cannot wait: not a post
    /// over the rate or for a full room, nor a request in {@link #SLOW}.
    private Now processNow(Message message) throws InterruptedException {
        if (SLOW.contains(message.getClass())) {
            return Now.MAY_WAIT;
        }
        if (message instanceof Message.Post post) {
            if (!bucket.hasToken()) {
                return Now.MAY_WAIT;
            }
            if (state == State.LOGGED_IN && services.rooms().holds(post.room(), connection)) {
                if (!services.rooms().tryOfferPost(post.room(), posted(post))) {
                    return Now.MAY_WAIT;
                }
                heard();
                bucket.tryTake();
                strikes = 0;
                endedBecause = "protocol violation";
                return Now.HANDLED;
            }
            // not a member: answered with an error at once
        }
        return processDecoded(message) ? Now.HANDLED : Now.ENDS_CONNECTION;
    }

    /// A request arrived: the connection is alive.
    private void heard() {
        lastReadMillis = services.config().clock().millis();
        pinged = false;
    }

    /// Waits up to {@link #POST_WAIT_MILLIS} for the bucket to refill; `true` once a token is
    /// taken.
    private boolean awaitToken() throws InterruptedException {
        long step = Math.max(1, (long) (1000 / services.config().requestsPerSecond()));
        for (long waited = 0; waited < POST_WAIT_MILLIS; waited += step) {
            Thread.sleep(step);
            if (bucket.tryTake()) {
                return true;
            }
        }
        return false;
    }

    /// Closes connections that overstay the handshake or go silent; pings quiet ones.
    public void checkTimeouts(long now) {
        HostConfig config = services.config();
        long closing = connection.closingSinceMillis();
        if (closing >= 0) {
            if (now - closing > config.stallTimeout().toMillis()) {
                connection.close();
            }
            return;
        }
        if (state != State.LOGGED_IN && now - openedMillis > config.handshakeTimeout().toMillis()) {
            defended(Defence.HANDSHAKE_TIMEOUT, "handshake timeout");
            refuse(
                    ErrorCode.TIMEOUT,
                    "no login within " + config.handshakeTimeout().toSeconds() + " s");
            return;
        }
        long silent = now - lastReadMillis;
        if (silent > config.readTimeout().toMillis()) {
            defended(Defence.READ_TIMEOUT, "read timeout");
            services.rooms()
                    .disconnected(
                            connection, new RoomEvent.Gone(connection, EvictionReason.TIMED_OUT));
            refuse(ErrorCode.TIMEOUT, "no traffic for " + config.readTimeout().toSeconds() + " s");
        } else if (silent > config.readTimeout().toMillis() / 2 && !pinged) {
            pinged = true;
            reply(new Message.Ping(now));
        }
    }

    /// Answers one request; `false` to end the connection.
    private boolean handle(Message message) throws InterruptedException {
        if (state == State.NEW && !(message instanceof Message.Hello)) {
            refuse(ErrorCode.NOT_AUTHENTICATED, "say hello first");
            return false;
        }
        switch (message) {
            case Message.Hello hello -> {
                return hello(hello);
            }
            case Message.Register register -> register(register);
            case Message.LoginStart start -> loginStart(start);
            case Message.LoginProof proof -> loginProof(proof);
            case Message.ListRooms list -> {
                if (loggedIn()) {
                    listRooms();
                }
            }
            case Message.CreateRoom create -> {
                if (loggedIn()) {
                    createRoom(create);
                }
            }
            case Message.JoinStart start -> {
                if (loggedIn()) {
                    joinStart(start);
                }
            }
            case Message.JoinProof proof -> {
                if (loggedIn()) {
                    joinProof(proof);
                }
            }
            case Message.Leave leave -> {
                if (member(leave.room())) {
                    services.rooms().revoke(leave.room(), connection);
                    services.rooms().offer(leave.room(), new RoomEvent.Leave(connection));
                }
            }
            case Message.Post post -> {
                if (member(post.room())) {
                    services.rooms().offerPost(post.room(), posted(post));
                }
            }
            case Message.Ping ping -> reply(new Message.Pong(ping.token()));
            case Message.Pong pong -> {
                // reading it already reset the read timeout
            }
            case Message.Welcome m -> {
                return notFromClient(m);
            }
            case Message.Registered m -> {
                return notFromClient(m);
            }
            case Message.LoginChallenge m -> {
                return notFromClient(m);
            }
            case Message.LoginOk m -> {
                return notFromClient(m);
            }
            case Message.RoomList m -> {
                return notFromClient(m);
            }
            case Message.RoomCreated m -> {
                return notFromClient(m);
            }
            case Message.JoinChallenge m -> {
                return notFromClient(m);
            }
            case Message.Joined m -> {
                return notFromClient(m);
            }
            case Message.Left m -> {
                return notFromClient(m);
            }
            case Message.Delivered m -> {
                return notFromClient(m);
            }
            case Message.MemberJoined m -> {
                return notFromClient(m);
            }
            case Message.MemberLeft m -> {
                return notFromClient(m);
            }
            case Message.MemberEvicted m -> {
                return notFromClient(m);
            }
            case Message.RoomIdle m -> {
                return notFromClient(m);
            }
            case Message.ErrorReply m -> {
                return notFromClient(m);
            }
        }
        return true;
    }

    private boolean hello(Message.Hello hello) {
        if (state != State.NEW) {
            reply(new Message.ErrorReply(ErrorCode.INVALID_REQUEST, "hello was already said"));
            return true;
        }
        if (hello.version() != Message.PROTOCOL_VERSION) {
            refuse(
                    ErrorCode.INCOMPATIBLE_VERSION,
                    "this host speaks protocol version "
                            + Message.PROTOCOL_VERSION
                            + ", the client "
                            + hello.version());
            return false;
        }
        state = State.GREETED;
        reply(new Message.Welcome(Message.PROTOCOL_VERSION, "confab-host"));
        return true;
    }

    private void register(Message.Register register) {
        if (!srpSized(register.salt(), register.verifier())
                || !validVerifier(register.login(), register.salt(), register.verifier())) {
            return;
        }
        boolean created =
                services.store()
                        .createAccount(
                                new AccountRecord(
                                        register.login(),
                                        register.salt(),
                                        register.verifier(),
                                        register.kdf(),
                                        now()));
        if (created) {
            log.info("{}: registered {}", connection, register.login());
            reply(new Message.Registered(register.login()));
        } else {
            reply(new Message.ErrorReply(ErrorCode.LOGIN_TAKEN, "that login is taken"));
        }
    }

    private void loginStart(Message.LoginStart start) {
        if (state == State.LOGGED_IN) {
            reply(new Message.ErrorReply(ErrorCode.INVALID_REQUEST, "already logged in"));
            return;
        }
        // counted as failed until its proof verifies (see LoginThrottle)
        if (throttled("login/" + start.login(), start.login())) {
            return;
        }
        var account = services.store().findAccount(start.login());
        Bytes salt;
        Bytes verifier;
        KdfParams kdf;
        if (account.isPresent()) {
            salt = account.get().salt();
            verifier = account.get().verifier();
            kdf = account.get().kdf();
        } else {
            // A decoy challenge, the same for the same unknown login, so that a stranger cannot
            // tell which logins exist; its proof can never verify.
            salt = decoySalt(start.login());
            byte[] random = new byte[256];
            RANDOM.nextBytes(random);
            random[0] &= 0x7f; // below the group modulus, like a real verifier
            verifier = Bytes.of(random);
            kdf = KdfParams.DEFAULT;
        }
        pendingLogin = start.login();
        pendingLoginHandshake = Srp.server(start.login(), salt, verifier);
        reply(new Message.LoginChallenge(salt, kdf, pendingLoginHandshake.serverPublic()));
    }

    private void loginProof(Message.LoginProof proof) {
        ServerHandshake handshake = pendingLoginHandshake;
        String login = pendingLogin;
        pendingLoginHandshake = null;
        pendingLogin = null;
        if (handshake == null || state == State.LOGGED_IN) {
            reply(new Message.ErrorReply(ErrorCode.INVALID_REQUEST, "no login in progress"));
            return;
        }
        if (!srpSized(proof.clientPublic(), proof.clientEvidence())) {
            return;
        }
        try {
            Bytes serverEvidence = handshake.verify(proof.clientPublic(), proof.clientEvidence());
            services.throttle().forgive("login/" + login);
            connection.login(login);
            state = State.LOGGED_IN;
            reply(new Message.LoginOk(login, serverEvidence));
            services.listener().loggedIn(connection.id(), login);
            log.info("{}: logged in", connection);
        } catch (AuthenticationException e) {
            failedProof(login, LoginRefusal.BAD_LOGIN, "wrong login or password");
        }
    }

    private void listRooms() {
        List<Message.RoomInfo> rooms =
                services.store().listRooms().stream().map(room -> info(room.name())).toList();
        reply(new Message.RoomList(rooms));
    }

    private void createRoom(Message.CreateRoom create) {
        if (!srpSized(create.salt(), create.verifier(), create.keySalt())
                || !validVerifier(create.name(), create.salt(), create.verifier())) {
            return;
        }
        boolean created =
                services.store()
                        .createRoom(
                                new RoomRecord(
                                        create.name(),
                                        create.salt(),
                                        create.verifier(),
                                        create.kdf(),
                                        create.keySalt(),
                                        connection.login(),
                                        now(),
                                        services.config().retention()));
        if (created) {
            log.info("{}: created room {}", connection, create.name());
            services.listener().roomCreated(create.name(), connection.login());
            reply(new Message.RoomCreated(info(create.name())));
        } else {
            reply(new Message.ErrorReply(ErrorCode.ROOM_EXISTS, "a room with that name exists"));
        }
    }

    private void joinStart(Message.JoinStart start) {
        var room = services.store().findRoom(start.room());
        if (room.isEmpty()) {
            reply(new Message.ErrorReply(ErrorCode.NO_SUCH_ROOM, "no room named " + start.room()));
            return;
        }
        // counted as failed until its proof verifies (see LoginThrottle)
        if (throttled("room/" + start.room() + "/" + connection.login(), connection.login())) {
            return;
        }
        RoomRecord record = room.get();
        ServerHandshake handshake = Srp.server(record.name(), record.salt(), record.verifier());
        if (pendingJoins.size() >= 16 && !pendingJoins.containsKey(start.room())) {
            pendingJoins.clear();
        }
        pendingJoins.put(start.room(), handshake);
        reply(
                new Message.JoinChallenge(
                        record.name(),
                        record.salt(),
                        record.kdf(),
                        record.keySalt(),
                        handshake.serverPublic()));
    }

    private void joinProof(Message.JoinProof proof) {
        ServerHandshake handshake = pendingJoins.remove(proof.room());
        if (handshake == null) {
            reply(
                    new Message.ErrorReply(
                            ErrorCode.INVALID_REQUEST, "no join in progress for that room"));
            return;
        }
        if (!srpSized(proof.clientPublic(), proof.clientEvidence())) {
            return;
        }
        try {
            Bytes serverEvidence = handshake.verify(proof.clientPublic(), proof.clientEvidence());
            services.throttle().forgive("room/" + proof.room() + "/" + connection.login());
            services.rooms().grant(proof.room(), connection);
            services.rooms()
                    .offer(
                            proof.room(),
                            new RoomEvent.Join(connection, proof.lastSeq(), serverEvidence));
        } catch (AuthenticationException e) {
            failedProof(connection.login(), LoginRefusal.BAD_ROOM_PASSWORD, "wrong room password");
        }
    }

    private RoomEvent.Posted posted(Message.Post post) {
        return new RoomEvent.Posted(connection, post.counter(), post.sealed());
    }

    private Message.RoomInfo info(String room) {
        Rooms rooms = services.rooms();
        return new Message.RoomInfo(
                room, rooms.isActive(room), rooms.holders(room), services.store().latestSeq(room));
    }

    private boolean loggedIn() {
        if (state == State.LOGGED_IN) {
            return true;
        }
        reply(new Message.ErrorReply(ErrorCode.NOT_AUTHENTICATED, "log in first"));
        return false;
    }

    private boolean member(String room) {
        if (!loggedIn()) {
            return false;
        }
        if (services.rooms().holds(room, connection)) {
            return true;
        }
        reply(new Message.ErrorReply(ErrorCode.NOT_A_MEMBER, "join " + room + " first"));
        return false;
    }

    private String addressKey() {
        return "address/" + connection.remote().getAddress().getHostAddress();
    }

    /// Starts a login or join attempt for `accountKey` (by `login`) from this address; `true`
    /// (after answering RATE_LIMITED) if either is over the failed-attempt limit.
    private boolean throttled(String accountKey, String login) {
        if (!services.throttle().tryAttempt(accountKey, addressKey())) {
            if (!throttleLogged) {
                // once per connection: a flood of refused attempts must not flood the log
                throttleLogged = true;
                log.info("{}: throttled {}: too many failed attempts", connection, accountKey);
            }
            services.listener().loginFailed(connection.remote(), login, LoginRefusal.THROTTLED);
            reply(
                    new Message.ErrorReply(
                            ErrorCode.RATE_LIMITED, "too many failed attempts; try again later"));
            return true;
        }
        return false;
    }

    /// A proof that did not verify: its account has it counted since the attempt started, its
    /// address gets it now.
    private void failedProof(String login, LoginRefusal why, String text) {
        services.throttle().failed(addressKey());
        services.listener().loginFailed(connection.remote(), login, why);
        log.info("{}: {} for {}", connection, text, login);
        reply(new Message.ErrorReply(ErrorCode.BAD_CREDENTIALS, text));
    }

    private boolean srpSized(Bytes... values) {
        if (Arrays.stream(values).allMatch(v -> v.size() > 0 && v.size() <= MAX_SRP_BYTES)) {
            return true;
        }
        reply(
                new Message.ErrorReply(
                        ErrorCode.INVALID_REQUEST, "a salt or SRP value has a bad size"));
        return false;
    }

    /// Refuses SRP data that could never verify, before it is stored.
    private boolean validVerifier(String identity, Bytes salt, Bytes verifier) {
        try {
            Srp.server(identity, salt, verifier);
            return true;
        } catch (IllegalArgumentException e) {
            reply(
                    new Message.ErrorReply(
                            ErrorCode.INVALID_REQUEST, "invalid SRP data: " + e.getMessage()));
            return false;
        }
    }

    private boolean notFromClient(Message message) {
        refuse(
                ErrorCode.MALFORMED,
                "a client may not send " + MessageCodec.typeName(message.getClass()));
        return false;
    }

    private Bytes decoySalt(String login) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(services.decoySecret(), "HmacSHA256"));
            return Bytes.of(
                    Arrays.copyOf(
                            mac.doFinal(login.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                            16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /// Logs a defence that fired (`detail` for the log) and tells the listener.
    private void defended(Defence what, String detail) {
        log.info("{}: {}", connection, detail);
        services.listener().defended(connection.remote(), what);
    }

    private void reply(Message message) {
        connection.send(codec.encodeFrame(message));
    }

    /// Sends a typed error, then closes once it is written.
    private void refuse(ErrorCode code, String text) {
        connection.sendAndClose(codec.encodeFrame(new Message.ErrorReply(code, text)));
    }

    private long now() {
        return services.config().clock().millis();
    }
}
