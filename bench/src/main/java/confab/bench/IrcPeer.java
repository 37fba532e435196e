package confab.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/// IRC (RFC 2812) to ngIRCd: every connection registers a nick and joins one channel; senders
/// send `PRIVMSG #bench :<the same 200-byte text>`, receivers compare the text byte for byte.
/// IRC does not echo to the sender, so it has exactly the deliveries counted for Confab.
final class IrcPeer extends Peer {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IrcPeer.class);

    static final String CHANNEL = "#bench";
    private static final byte[] PRIVMSG = ascii(" PRIVMSG ");
    private static final byte[] TEXT_START = ascii(" :");
    private static final byte[] PING = ascii("PING ");
    private static final byte[] PREFIX = ascii("PRIVMSG " + CHANNEL + " :");

    /// Connections from this index on only register (no JOIN): holding 10,000 idle clients
    /// without the O(N^2) join announcements.
    private final int joinLimit;

    IrcPeer(String name, InetSocketAddress address, long pid, int joinLimit) {
        super(name, address, pid);
        this.joinLimit = joinLimit;
    }

    @Override
    void grow(int n, int senders, Readers readers, int parallel) throws Exception {
        // ngIRCd listens with a backlog of 10: a few connects at a time
        openUpTo(n, senders, readers, Math.min(parallel, 6));
    }

    @Override
    Conn open(int index, int senders, Readers readers) throws Exception {
        SocketChannel channel = SocketChannel.open();
        channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
        channel.connect(address);
        Conn conn = new Conn(index, channel);
        if (index < senders) {
            conn.sender = index;
        }
        String nick = "u" + index;
        LineReader in = new LineReader(channel);
        write(channel, "NICK " + nick + "\r\nUSER " + nick + " 0 * :confab bench\r\n");
        in.until(" 001 ");
        if (index < joinLimit) {
            write(channel, "JOIN " + CHANNEL + "\r\n");
            in.until(" 366 ");
        } else {
            conn.inRoom = false;
        }
        conn.pending = in.rest();
        channel.configureBlocking(false);
        readers.add(this, conn);
        return conn;
    }

    @Override
    void prepare(Step st, int sender, int k, long counter) {
        byte[] text = BenchText.text(sender, counter);
        byte[] line = new byte[PREFIX.length + text.length + 2];
        System.arraycopy(PREFIX, 0, line, 0, PREFIX.length);
        System.arraycopy(text, 0, line, PREFIX.length, text.length);
        line[line.length - 2] = '\r';
        line[line.length - 1] = '\n';
        st.wire[sender][k] = line;
        st.expected[sender][k] = text;
    }

    @Override
    int parse(Conn conn, byte[] buf, int off, int end, long now) throws IOException {
        int p = off;
        long[] number = new long[1];
        while (p < end) {
            int nl = p;
            while (nl < end && buf[nl] != '\n') {
                nl++;
            }
            if (nl == end) {
                break;
            }
            int lineEnd = nl > p && buf[nl - 1] == '\r' ? nl - 1 : nl;
            line(conn, buf, p, lineEnd, now, number);
            p = nl + 1;
        }
        return p;
    }

    private void line(Conn conn, byte[] buf, int from, int to, long now, long[] number)
            throws IOException {
        int cmd = indexOf(buf, from, Math.min(to, from + 80), PRIVMSG);
        if (cmd >= 0) {
            int text = indexOf(buf, cmd + PRIVMSG.length, to, TEXT_START);
            if (text < 0) {
                return;
            }
            text += TEXT_START.length;
            digits(buf, text, to, number);
            int sender = (int) number[0];
            digits(buf, text + 6, to, number);
            deliver(conn, sender, number[0], buf, text, to - text, now);
            return;
        }
        if (to - from >= PING.length
                && Arrays.equals(buf, from, from + PING.length, PING, 0, PING.length)) {
            String token =
                    new String(
                            buf,
                            from + PING.length,
                            to - from - PING.length,
                            StandardCharsets.US_ASCII);
            conn.writeFully(ascii("PONG " + token + "\r\n"));
            return;
        }
        String line = new String(buf, from, to - from, StandardCharsets.UTF_8);
        if (line.startsWith("ERROR") || line.contains(" KICK ")) {
            if (errors.sum() < 5) {
                LOG.warn(name + ": connection " + conn.index + ": " + line);
            }
            errors.increment();
        }
    }

    private static void write(SocketChannel channel, String text) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(ascii(text));
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /// Reads lines on a blocking channel during registration; keeps what came after.
    private static final class LineReader {
        private final SocketChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);

        LineReader(SocketChannel channel) {
            this.channel = channel;
        }

        /// Reads until a line containing `marker` has been consumed.
        void until(String marker) throws IOException {
            byte[] want = ascii(marker);
            while (true) {
                byte[] arr = buffer.array();
                int end = buffer.position();
                int p = 0;
                while (true) {
                    int nl = p;
                    while (nl < end && arr[nl] != '\n') {
                        nl++;
                    }
                    if (nl == end) {
                        break;
                    }
                    boolean found = indexOf(arr, p, nl, want) >= 0;
                    boolean error =
                            nl - p >= 5
                                    && new String(arr, p, 5, StandardCharsets.US_ASCII)
                                            .equals("ERROR");
                    if (error) {
                        throw new IOException(new String(arr, p, nl - p, StandardCharsets.UTF_8));
                    }
                    p = nl + 1;
                    if (found) {
                        compact(p);
                        return;
                    }
                }
                compact(p);
                if (!buffer.hasRemaining()) {
                    buffer.clear();
                }
                if (channel.read(buffer) < 0) {
                    throw new IOException("ngircd closed the connection waiting for" + marker);
                }
            }
        }

        private void compact(int consumed) {
            buffer.flip();
            buffer.position(consumed);
            buffer.compact();
        }

        byte[] rest() {
            return buffer.position() == 0 ? null : Arrays.copyOf(buffer.array(), buffer.position());
        }
    }
}
