package confab.app.reliability;

import confab.crypto.ClientHandshake;
import confab.crypto.Srp;
import confab.crypto.wire.Bytes;
import confab.crypto.wire.FrameReader;
import confab.crypto.wire.Frames;
import confab.crypto.wire.KdfParams;
import confab.crypto.wire.Message;
import confab.crypto.wire.MessageCodec;
import confab.crypto.wire.ProtocolException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;

/// A bare protocol client on a real socket, for the offenders of these tests (a client killed
/// mid-frame, a silent one, a slow one, a flood): each step is explicit, so it can stop or
/// misbehave anywhere. Well-behaved members use the real `ClientSession`.
final class RawClient implements AutoCloseable {
    static final KdfParams FAST = new KdfParams(8 * 1024, 1, 1);
    static final MessageCodec CODEC = new MessageCodec();

    private final Socket socket;
    private final FrameReader reader;
    private final OutputStream out;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.reader = new FrameReader(socket.getInputStream(), Frames.DEFAULT_MAX_PAYLOAD);
        this.out = socket.getOutputStream();
    }

    /// Connects from `localAddress` (any of 127.0.0.0/8 on loopback), or from the default
    /// address when it is `null`.
    static RawClient connect(String host, int port, String localAddress, Duration readTimeout)
            throws IOException {
        Socket socket = new Socket();
        try {
            if (localAddress != null) {
                socket.bind(new InetSocketAddress(localAddress, 0));
            }
            socket.connect(new InetSocketAddress(host, port), 10_000);
            socket.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
            socket.setTcpNoDelay(true);
            return new RawClient(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    static RawClient connect(int port) throws IOException {
        return connect("127.0.0.1", port, null, Duration.ofSeconds(30));
    }

    void send(Message message) throws IOException {
        sendRaw(CODEC.encodeFrame(message));
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /// The next message, or `null` at the end of the stream.
    Message receive() throws IOException {
        try {
            byte[] payload = reader.read();
            return payload == null ? null : CODEC.decode(payload);
        } catch (ProtocolException e) {
            // a frame cut short by the host's close, or one this client cannot read
            throw new IOException(e.getMessage(), e);
        }
    }

    /// The next message of `type` (or an error reply), skipping the rest; `null` at the end.
    Message await(Class<? extends Message> type) throws IOException {
        while (true) {
            Message message = receive();
            if (message == null
                    || type.isInstance(message)
                    || message instanceof Message.ErrorReply) {
                return message;
            }
        }
    }

    /// Reads until the host closes the connection; returns the last error it sent, or `null`.
    /// `SocketTimeoutException` if it does not close within the read timeout.
    Message.ErrorReply lastWordsBeforeClose() throws IOException {
        Message.ErrorReply last = null;
        try {
            Message message;
            while ((message = receive()) != null) {
                if (message instanceof Message.ErrorReply error) {
                    last = error;
                }
            }
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            // reset by the host, or cut in the middle of a frame: closed all the same
        }
        return last;
    }

    void hello() throws IOException {
        send(new Message.Hello(Message.PROTOCOL_VERSION, "reliability test"));
        expect(Message.Welcome.class);
    }

    void register(String login, String password) throws IOException {
        Srp.Verifier v = Srp.createVerifier(login, password.toCharArray(), FAST);
        send(new Message.Register(login, v.salt(), v.verifier(), v.kdf()));
        expect(Message.Registered.class);
    }

    void login(String login, String password) throws Exception {
        ClientHandshake handshake = Srp.client(login, password.toCharArray());
        send(new Message.LoginStart(login));
        Message.LoginChallenge challenge = expect(Message.LoginChallenge.class);
        ClientHandshake.Proof proof =
                handshake.respond(challenge.salt(), challenge.kdf(), challenge.serverPublic());
        send(new Message.LoginProof(proof.clientPublic(), proof.clientEvidence()));
        handshake.verifyServer(expect(Message.LoginOk.class).serverEvidence());
    }

    /// A login attempt with a made-up proof: the host's answer (BAD_CREDENTIALS, or
    /// RATE_LIMITED straight after `LoginStart` once throttled).
    Message guessLogin(String login, SecureRandom random) throws IOException {
        Message challenge = startGuess(login);
        return challenge instanceof Message.LoginChallenge ? finishGuess(random) : challenge;
    }

    /// The first half of a login attempt: the host's challenge, or its refusal.
    Message startGuess(String login) throws IOException {
        send(new Message.LoginStart(login));
        return await(Message.LoginChallenge.class);
    }

    /// The second half: a made-up proof; the host's answer.
    Message finishGuess(SecureRandom random) throws IOException {
        byte[] clientPublic = new byte[256];
        byte[] evidence = new byte[32];
        random.nextBytes(clientPublic);
        random.nextBytes(evidence);
        clientPublic[0] &= 0x7f;
        send(new Message.LoginProof(Bytes.of(clientPublic), Bytes.of(evidence)));
        return await(Message.LoginOk.class);
    }

    void join(String room, String password, long lastSeq) throws Exception {
        ClientHandshake handshake = Srp.client(room, password.toCharArray());
        send(new Message.JoinStart(room));
        Message.JoinChallenge challenge = expect(Message.JoinChallenge.class);
        ClientHandshake.Proof proof =
                handshake.respond(challenge.salt(), challenge.kdf(), challenge.serverPublic());
        send(new Message.JoinProof(room, proof.clientPublic(), proof.clientEvidence(), lastSeq));
        handshake.verifyServer(expect(Message.Joined.class).serverEvidence());
    }

    private <T extends Message> T expect(Class<T> type) throws IOException {
        Message message = await(type);
        if (!type.isInstance(message)) {
            throw new IOException("expected " + type.getSimpleName() + ", got " + message);
        }
        return type.cast(message);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
