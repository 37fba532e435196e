package confab.bench;

import confab.crypto.ClientHandshake;
import confab.crypto.MessageRejectedException;
import confab.crypto.RoomCipher;
import confab.crypto.RoomKey;
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
import java.net.StandardSocketOptions;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/// The Confab protocol: every connection logs in (SRP-6a) and joins the room (SRP-6a), senders
/// post pre-sealed 200-byte messages, receivers check each `delivered` (its binary form, see
/// `MessageCodec`) against the envelope that was sealed (byte for byte) and one receiver per
/// message decrypts it.
final class ConfabPeer extends Peer {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConfabPeer.class);

    /// The cheapest Argon2id the protocol accepts: the benchmark is about the host.
    static final KdfParams KDF = new KdfParams(8 * 1024, 1, 1);

    static final String ROOM = "bench";
    private static final int RECEIVER_ACCOUNTS = 8;
    private static final char[] PASSWORD = "bench-password".toCharArray();
    private static final char[] ROOM_PASSWORD = "bench-room-password".toCharArray();
    /// First byte of a binary `delivered` payload (JSON payloads start with `{`).
    private static final byte DELIVERED_MARKER = 0x01;

    private static final byte[] MEMBER_JOINED = ascii("{\"type\":\"member_joined\",");
    private static final byte[] MEMBER_LEFT = ascii("{\"type\":\"member_left\",");

    private final MessageCodec codec = new MessageCodec();
    private final Map<String, Srp.Stretched> accounts = new HashMap<>();
    private final ThreadLocal<RoomCipher> ciphers;
    private final RoomCipher sealer;
    private final boolean openAll;
    private Srp.Stretched roomSecret;
    private final RoomKey roomKey;

    ConfabPeer(String name, InetSocketAddress address, long pid, boolean openAll) throws Exception {
        super(name, address, pid);
        this.openAll = openAll;
        try (SocketChannel admin = SocketChannel.open(address)) {
            FrameReader in = new FrameReader(Channels.newInputStream(admin), 1 << 16);
            OutputStream out = Channels.newOutputStream(admin);
            send(out, new Message.Hello(Message.PROTOCOL_VERSION, "confab-bench"));
            await(in, Message.Welcome.class);
            String first = receiverLogin(0);
            register(in, out, first);
            login(in, out, first);
            Srp.Verifier room = Srp.createVerifier(ROOM, ROOM_PASSWORD, KDF);
            Bytes keySalt = RoomKey.newSalt();
            send(
                    out,
                    new Message.CreateRoom(
                            ROOM, room.salt(), room.verifier(), room.kdf(), keySalt));
            await(in, Message.RoomCreated.class);
            roomSecret = Srp.stretch(ROOM_PASSWORD, room.salt(), KDF);
            roomKey = RoomKey.derive(ROOM_PASSWORD, keySalt, KDF);
            for (int i = 1; i < RECEIVER_ACCOUNTS; i++) {
                register(in, out, receiverLogin(i));
            }
        }
        this.sealer = new RoomCipher(roomKey, ROOM);
        this.ciphers = ThreadLocal.withInitial(() -> new RoomCipher(roomKey, ROOM));
    }

    static String senderLogin(int s) {
        return "s" + s;
    }

    static String receiverLogin(int r) {
        return "r" + r;
    }

    private void register(FrameReader in, OutputStream out, String login) throws Exception {
        Srp.Verifier v = Srp.createVerifier(login, PASSWORD, KDF);
        send(out, new Message.Register(login, v.salt(), v.verifier(), v.kdf()));
        await(in, Message.Registered.class);
        accounts.put(login, Srp.stretch(PASSWORD, v.salt(), KDF));
    }

    private void login(FrameReader in, OutputStream out, String login) throws Exception {
        ClientHandshake handshake = Srp.client(login, accounts.get(login));
        send(out, new Message.LoginStart(login));
        Message.LoginChallenge challenge = await(in, Message.LoginChallenge.class);
        ClientHandshake.Proof proof =
                handshake.respond(challenge.salt(), challenge.kdf(), challenge.serverPublic());
        send(out, new Message.LoginProof(proof.clientPublic(), proof.clientEvidence()));
        handshake.verifyServer(await(in, Message.LoginOk.class).serverEvidence());
    }

    @Override
    void grow(int n, int senders, Readers readers, int parallel) throws Exception {
        // sender accounts first (one Argon2id each, once per run)
        try (SocketChannel admin = SocketChannel.open(address)) {
            FrameReader in = new FrameReader(Channels.newInputStream(admin), 1 << 16);
            OutputStream out = Channels.newOutputStream(admin);
            send(out, new Message.Hello(Message.PROTOCOL_VERSION, "confab-bench"));
            await(in, Message.Welcome.class);
            for (int s = 0; s < senders; s++) {
                if (!accounts.containsKey(senderLogin(s))) {
                    register(in, out, senderLogin(s));
                }
            }
        }
        openUpTo(n, senders, readers, parallel);
    }

    @Override
    Conn open(int index, int senders, Readers readers) throws Exception {
        SocketChannel channel = SocketChannel.open();
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.connect(address);
        Conn conn = new Conn(index, channel);
        String login;
        if (index < senders) {
            conn.sender = index;
            login = senderLogin(index);
        } else {
            login = receiverLogin(index % RECEIVER_ACCOUNTS);
        }
        FrameReader in = new FrameReader(Channels.newInputStream(channel), 1 << 16);
        OutputStream out = Channels.newOutputStream(channel);
        send(out, new Message.Hello(Message.PROTOCOL_VERSION, "confab-bench"));
        await(in, Message.Welcome.class);
        login(in, out, login);
        ClientHandshake handshake = Srp.client(ROOM, roomSecret);
        send(out, new Message.JoinStart(ROOM));
        Message.JoinChallenge challenge = await(in, Message.JoinChallenge.class);
        ClientHandshake.Proof proof =
                handshake.respond(challenge.salt(), challenge.kdf(), challenge.serverPublic());
        // lastSeq beyond the end: no replay, live from now on
        send(
                out,
                new Message.JoinProof(
                        ROOM, proof.clientPublic(), proof.clientEvidence(), Long.MAX_VALUE));
        handshake.verifyServer(await(in, Message.Joined.class).serverEvidence());
        channel.configureBlocking(false);
        readers.add(this, conn);
        return conn;
    }

    @Override
    void prepare(Step st, int sender, int k, long counter) {
        byte[] text = BenchText.text(sender, counter);
        Bytes sealed = sealer.seal(senderLogin(sender), counter, text);
        st.wire[sender][k] = codec.encodeFrame(new Message.Post(ROOM, counter, sealed));
        st.expected[sender][k] = sealed.toArray();
    }

    @Override
    int parse(Conn conn, byte[] buf, int off, int end, long now) throws IOException {
        int p = off;
        while (end - p >= Frames.HEADER_BYTES) {
            int len =
                    (buf[p] & 0xff) << 24
                            | (buf[p + 1] & 0xff) << 16
                            | (buf[p + 2] & 0xff) << 8
                            | (buf[p + 3] & 0xff);
            if (len < 0 || len > Frames.DEFAULT_MAX_PAYLOAD) {
                throw new IOException("bad frame length " + len);
            }
            if (end - p - Frames.HEADER_BYTES < len) {
                break;
            }
            int start = p + Frames.HEADER_BYTES;
            int stop = start + len;
            if (len > 0 && buf[start] == DELIVERED_MARKER) {
                delivered(conn, buf, start, stop, now);
            } else if (!startsWith(buf, start, stop, MEMBER_JOINED)
                    && !startsWith(buf, start, stop, MEMBER_LEFT)) {
                // joins and leaves of others (N of them per join) need no decoding
                other(conn, java.util.Arrays.copyOfRange(buf, start, stop));
            }
            p = stop;
        }
        return p;
    }

    /// One binary `delivered`: marker, seq, counter, storedAt (8 bytes each), then room and
    /// sender each after a 2-byte length, then the sealed envelope to the end.
    private void delivered(Conn conn, byte[] buf, int start, int stop, long now)
            throws IOException {
        int at = start + 1 + 8;
        long counter = longAt(buf, at);
        at += 16;
        at += 2 + shortAt(buf, at);
        int senderLength = shortAt(buf, at);
        at += 2;
        int sealedFrom = at + senderLength;
        if (sealedFrom > stop) {
            throw new IOException("delivered frame shorter than its fields");
        }
        if (senderLength < 2 || buf[at] != 's') {
            Step st = step;
            if (st != null) {
                st.stray.increment();
            }
            return;
        }
        int sender = 0;
        for (int i = at + 1; i < sealedFrom; i++) {
            sender = sender * 10 + (buf[i] - '0');
        }
        if (openAll || isChecker(conn, sender)) {
            open(sender, counter, buf, sealedFrom, stop);
        }
        deliver(conn, sender, counter, buf, sealedFrom, stop - sealedFrom, now);
    }

    private static long longAt(byte[] buf, int at) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | (buf[at + i] & 0xff);
        }
        return value;
    }

    private static int shortAt(byte[] buf, int at) {
        return (buf[at] & 0xff) << 8 | (buf[at + 1] & 0xff);
    }

    /// Decrypts one delivery and checks it holds the text that was sealed.
    private void open(int sender, long counter, byte[] buf, int from, int to) throws IOException {
        Step st = step;
        byte[] sealed = java.util.Arrays.copyOfRange(buf, from, to);
        try {
            byte[] plain = ciphers.get().open(senderLogin(sender), counter, Bytes.of(sealed));
            if (!java.util.Arrays.equals(plain, BenchText.text(sender, counter))) {
                throw new IOException("decrypted text differs from what was sealed");
            }
            if (st != null) {
                st.opened.increment();
            }
        } catch (MessageRejectedException e) {
            if (st != null) {
                st.mismatched.increment();
            }
        }
    }

    private void other(Conn conn, byte[] payload) throws IOException {
        Message message;
        try {
            message = codec.decode(payload);
        } catch (ProtocolException e) {
            throw new IOException("undecodable frame: " + e.getMessage(), e);
        }
        switch (message) {
            case Message.MemberEvicted evicted -> evictions.increment();
            case Message.ErrorReply error -> {
                if (errors.sum() < 5) {
                    LOG.warn(name + ": connection " + conn.index + ": " + error);
                }
                errors.increment();
            }
            case Message.Ping ping ->
                    conn.writeFully(codec.encodeFrame(new Message.Pong(ping.token())));
            default -> {
                // joins and leaves of others
            }
        }
    }

    private void send(OutputStream out, Message message) throws IOException {
        out.write(codec.encodeFrame(message));
        out.flush();
    }

    private <T extends Message> T await(FrameReader in, Class<T> type) throws Exception {
        while (true) {
            byte[] payload = in.read();
            if (payload == null) {
                throw new IOException("host closed the connection while waiting for " + type);
            }
            Message message = codec.decode(payload);
            if (type.isInstance(message)) {
                return type.cast(message);
            }
            if (message instanceof Message.ErrorReply error) {
                throw new IOException("expected " + type.getSimpleName() + ", got " + error);
            }
        }
    }

    private static boolean startsWith(byte[] buf, int start, int stop, byte[] prefix) {
        return stop - start >= prefix.length
                && java.util.Arrays.equals(
                        buf, start, start + prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
