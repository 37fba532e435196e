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
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/// Talks to a running `confab-host` the way the app does, with the project's own protocol
/// and crypto code (module `confab.crypto`): handshake, register, SRP login, create a room,
/// SRP join, post a sealed message and open the echo the host delivers back. Used by
/// `.ci/installer-check` against the installed package.
///
/// ```
/// java --module-path <confab-crypto.jar, gson, bcprov> --add-modules confab.crypto \
///      packaging/src/probe/HostProbe.java 127.0.0.1 <port>
/// ```
///
/// Prints one `probe: ...` line per step; exits 0 when every step passed, 1 otherwise.
public final class HostProbe {

    /// The cheapest Argon2id the protocol accepts: this checks the install, not the KDF.
    private static final KdfParams FAST = new KdfParams(8 * 1024, 1, 1);

    private static final MessageCodec CODEC = new MessageCodec();

    private final FrameReader in;
    private final OutputStream out;

    private HostProbe(Socket socket) throws IOException {
        this.in = new FrameReader(socket.getInputStream(), Frames.DEFAULT_MAX_PAYLOAD);
        this.out = socket.getOutputStream();
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: HostProbe <address> <port>");
            System.exit(2);
        }
        String suffix = HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
        String login = "probe" + suffix;
        String room = "room" + suffix;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(args[0], Integer.parseInt(args[1])), 5_000);
            socket.setSoTimeout(20_000);
            socket.setTcpNoDelay(true);
            new HostProbe(socket).run(login, "login password " + suffix, room, "room " + suffix);
            System.out.println("probe: PASS");
        } catch (Exception e) {
            System.out.println("probe: FAIL: " + e);
            System.exit(1);
        }
    }

    private void run(String login, String password, String room, String roomPassword)
            throws Exception {
        send(new Message.Hello(Message.PROTOCOL_VERSION, "confab-installer-check"));
        Message.Welcome welcome = expect(Message.Welcome.class);
        step("handshake: host speaks protocol " + welcome.version() + " (" + welcome.agent() + ")");

        Srp.Verifier account = Srp.createVerifier(login, password.toCharArray(), FAST);
        send(new Message.Register(login, account.salt(), account.verifier(), account.kdf()));
        expect(Message.Registered.class);
        step("registered " + login);

        ClientHandshake loginSrp = Srp.client(login, password.toCharArray());
        send(new Message.LoginStart(login));
        Message.LoginChallenge challenge = expect(Message.LoginChallenge.class);
        ClientHandshake.Proof proof =
                loginSrp.respond(challenge.salt(), challenge.kdf(), challenge.serverPublic());
        send(new Message.LoginProof(proof.clientPublic(), proof.clientEvidence()));
        Message.LoginOk ok = expect(Message.LoginOk.class);
        loginSrp.verifyServer(ok.serverEvidence());
        step("logged in with SRP-6a, host evidence verified");

        Srp.Verifier roomVerifier = Srp.createVerifier(room, roomPassword.toCharArray(), FAST);
        send(
                new Message.CreateRoom(
                        room,
                        roomVerifier.salt(),
                        roomVerifier.verifier(),
                        roomVerifier.kdf(),
                        RoomKey.newSalt()));
        expect(Message.RoomCreated.class);
        step("created room " + room);

        ClientHandshake joinSrp = Srp.client(room, roomPassword.toCharArray());
        send(new Message.JoinStart(room));
        Message.JoinChallenge join = expect(Message.JoinChallenge.class);
        ClientHandshake.Proof joinProof =
                joinSrp.respond(join.salt(), join.kdf(), join.serverPublic());
        send(new Message.JoinProof(room, joinProof.clientPublic(), joinProof.clientEvidence(), 0));
        Message.Joined joined = expect(Message.Joined.class);
        joinSrp.verifyServer(joined.serverEvidence());
        RoomCipher cipher =
                new RoomCipher(
                        RoomKey.derive(roomPassword.toCharArray(), join.keySalt(), join.kdf()),
                        room);
        step("joined " + room + " (members " + joined.members() + ")");

        String text = "hello from the installer check";
        send(
                new Message.Post(
                        room, 1, cipher.seal(login, 1, text.getBytes(StandardCharsets.UTF_8))));
        Message.Delivered echo = expect(Message.Delivered.class);
        String opened =
                new String(
                        cipher.open(echo.sender(), echo.counter(), echo.sealed()),
                        StandardCharsets.UTF_8);
        if (!login.equals(echo.sender()) || echo.counter() != 1 || !text.equals(opened)) {
            throw new IllegalStateException("wrong echo: " + echo + " -> " + opened);
        }
        step("posted; echo seq " + echo.seq() + " opened to the same text");
    }

    private void send(Message message) throws IOException {
        out.write(CODEC.encodeFrame(message));
        out.flush();
    }

    /// The next message of `type`, skipping notices the host may interleave (members, pings).
    private <T extends Message> T expect(Class<T> type) throws Exception {
        while (true) {
            byte[] payload = in.read();
            if (payload == null) {
                throw new IOException(
                        "host closed the connection, expected " + type.getSimpleName());
            }
            Message message = CODEC.decode(payload);
            if (type.isInstance(message)) {
                return type.cast(message);
            }
            if (message instanceof Message.ErrorReply error) {
                throw new IllegalStateException(
                        "expected " + type.getSimpleName() + ", got " + error);
            }
            if (message instanceof Message.Ping ping) {
                send(new Message.Pong(ping.token()));
            }
        }
    }

    private static void step(String text) {
        System.out.println("probe: ok: " + text);
    }
}
