package confab.host;

import static org.assertj.core.api.Assertions.assertThat;

import confab.crypto.ClientHandshake;
import confab.crypto.RoomCipher;
import confab.crypto.RoomKey;
import confab.crypto.Srp;
import confab.crypto.wire.FrameReader;
import confab.crypto.wire.Frames;
import confab.crypto.wire.KdfParams;
import confab.crypto.wire.Message;
import confab.crypto.wire.MessageCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/// A bare protocol client over a real socket, for host tests: every step is explicit so a
/// test can stop anywhere, misbehave, or stop reading.
final class TestClient implements AutoCloseable {
    /// The cheapest Argon2id the protocol allows: these tests are about the host, not the KDF.
    static final KdfParams FAST = new KdfParams(8 * 1024, 1, 1);

    private static final MessageCodec CODEC = new MessageCodec();

    final Socket socket;
    private final FrameReader reader;
    private final OutputStream out;
    private final Map<String, RoomCipher> ciphers = new HashMap<>();
    /// Shared by every client of the test JVM, so that no two posts of one login ever carry the
    /// same counter: the host stores a repeated (sender, counter) once, as a resend.
    private static final java.util.concurrent.atomic.AtomicLong COUNTERS =
            new java.util.concurrent.atomic.AtomicLong();
    String login;
    confab.crypto.wire.Bytes lastKeySalt;
    KdfParams lastKdf;
    confab.crypto.wire.Bytes lastLoginSalt;
    confab.crypto.wire.Bytes lastRoomSalt;

    private TestClient(Socket socket) throws IOException {
        this.socket = socket;
        this.reader = new FrameReader(socket.getInputStream(), Frames.DEFAULT_MAX_PAYLOAD);
        this.out = socket.getOutputStream();
    }

    static TestClient connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(20_000);
        socket.setTcpNoDelay(true);
        return new TestClient(socket);
    }

    /// Connects, says hello, registers (if new) and logs in.
    static TestClient loggedIn(int port, String login, String password, boolean register)
            throws Exception {
        TestClient client = connect(port);
        client.hello();
        if (register) {
            client.register(login, password);
        }
        client.login(login, password);
        return client;
    }

    void send(Message message) throws IOException {
        out.write(CODEC.encodeFrame(message));
        out.flush();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /// The next message; fails the test on end of stream.
    Message receive() throws Exception {
        byte[] payload = reader.read();
        assertThat(payload).as("connection closed by host").isNotNull();
        return CODEC.decode(payload);
    }

    /// The next message of `type`, skipping others (member notices, pings).
    <T extends Message> T await(Class<T> type) throws Exception {
        while (true) {
            Message message = receive();
            if (type.isInstance(message)) {
                return type.cast(message);
            }
            if (message instanceof Message.ErrorReply error && type != Message.ErrorReply.class) {
                throw new AssertionError("expected " + type.getSimpleName() + ", got " + error);
            }
        }
    }

    /// `true` if the host closed the connection (end of stream or reset) within the timeout.
    boolean closedByHost() throws Exception {
        try {
            while (reader.read() != null) {
                // drain whatever was queued before the close
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    void hello() throws Exception {
        send(new Message.Hello(Message.PROTOCOL_VERSION, "test"));
        await(Message.Welcome.class);
    }

    void register(String name, String password) throws Exception {
        Srp.Verifier v = Srp.createVerifier(name, password.toCharArray(), FAST);
        send(new Message.Register(name, v.salt(), v.verifier(), v.kdf()));
        await(Message.Registered.class);
    }

    void login(String name, String password) throws Exception {
        Message reply = tryLogin(name, password);
        assertThat(reply).isInstanceOf(Message.LoginOk.class);
    }

    /// Runs the SRP login and returns the host's last answer (LoginOk or ErrorReply).
    Message tryLogin(String name, String password) throws Exception {
        ClientHandshake handshake = Srp.client(name, password.toCharArray());
        send(new Message.LoginStart(name));
        Message first = receive();
        if (!(first instanceof Message.LoginChallenge challenge)) {
            return first;
        }
        lastLoginSalt = challenge.salt();
        ClientHandshake.Proof proof =
                handshake.respond(challenge.salt(), challenge.kdf(), challenge.serverPublic());
        send(new Message.LoginProof(proof.clientPublic(), proof.clientEvidence()));
        Message reply = receive();
        if (reply instanceof Message.LoginOk ok) {
            handshake.verifyServer(ok.serverEvidence());
            login = name;
        }
        return reply;
    }

    void createRoom(String room, String password) throws Exception {
        Srp.Verifier v = Srp.createVerifier(room, password.toCharArray(), FAST);
        send(new Message.CreateRoom(room, v.salt(), v.verifier(), v.kdf(), RoomKey.newSalt()));
        await(Message.RoomCreated.class);
    }

    Message.Joined join(String room, String password, long lastSeq) throws Exception {
        Message reply = tryJoin(room, password, lastSeq);
        assertThat(reply).isInstanceOf(Message.Joined.class);
        return (Message.Joined) reply;
    }

    /// Runs the SRP room join; returns Joined or the host's ErrorReply.
    Message tryJoin(String room, String password, long lastSeq) throws Exception {
        ClientHandshake handshake = Srp.client(room, password.toCharArray());
        send(new Message.JoinStart(room));
        Message first = receive();
        if (!(first instanceof Message.JoinChallenge challenge)) {
            return first;
        }
        ClientHandshake.Proof proof =
                handshake.respond(challenge.salt(), challenge.kdf(), challenge.serverPublic());
        send(new Message.JoinProof(room, proof.clientPublic(), proof.clientEvidence(), lastSeq));
        Message reply = receive();
        while (!(reply instanceof Message.Joined) && !(reply instanceof Message.ErrorReply)) {
            reply = receive();
        }
        lastKeySalt = challenge.keySalt();
        lastRoomSalt = challenge.salt();
        lastKdf = challenge.kdf();
        if (reply instanceof Message.Joined joined) {
            handshake.verifyServer(joined.serverEvidence());
            RoomKey key =
                    RoomKey.derive(password.toCharArray(), challenge.keySalt(), challenge.kdf());
            ciphers.put(room, new RoomCipher(key, room));
        }
        return reply;
    }

    /// Seals and posts `text`; returns the counter used.
    long post(String room, String text) throws IOException {
        long next = COUNTERS.incrementAndGet();
        send(
                new Message.Post(
                        room,
                        next,
                        ciphers.get(room)
                                .seal(login, next, text.getBytes(StandardCharsets.UTF_8))));
        return next;
    }

    /// Opens a delivered message with this client's room key.
    String open(Message.Delivered delivered) throws Exception {
        byte[] plain =
                ciphers.get(delivered.room())
                        .open(delivered.sender(), delivered.counter(), delivered.sealed());
        return new String(plain, StandardCharsets.UTF_8);
    }

    InputStream rawInput() throws IOException {
        return socket.getInputStream();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
