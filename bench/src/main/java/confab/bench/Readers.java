package confab.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/// The generator's receive side: a few platform threads, each with a selector over its share
/// of the connections, reading whatever arrived and handing it to the peer's parser. A read
/// takes one timestamp for everything it brought.
final class Readers implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Readers.class);

    private static final int BUFFER_BYTES = 256 * 1024;

    private final Reader[] readers;
    private final AtomicInteger nextReader = new AtomicInteger();
    private volatile boolean stopping;

    Readers(int threads) throws IOException {
        readers = new Reader[threads];
        for (int i = 0; i < threads; i++) {
            readers[i] = new Reader(Selector.open());
            Thread t = new Thread(readers[i], "bench-reader-" + i);
            t.setDaemon(true);
            t.start();
        }
    }

    /// Starts reading `conn` (already non-blocking) for `peer`.
    void add(Peer peer, Conn conn) {
        Reader r = readers[Math.floorMod(nextReader.getAndIncrement(), readers.length)];
        r.incoming.add(new Object[] {peer, conn});
        r.selector.wakeup();
    }

    @Override
    public void close() {
        stopping = true;
        for (Reader r : readers) {
            r.selector.wakeup();
        }
    }

    private final class Reader implements Runnable {
        final Selector selector;
        final ConcurrentLinkedQueue<Object[]> incoming = new ConcurrentLinkedQueue<>();
        final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);

        Reader(Selector selector) {
            this.selector = selector;
        }

        @Override
        public void run() {
            try {
                while (!stopping) {
                    // the consumer form: no selected-key set to fill and empty per read
                    selector.select(this::ready, 100);
                    Object[] added;
                    while ((added = incoming.poll()) != null) {
                        Conn conn = (Conn) added[1];
                        try {
                            conn.key = conn.channel.register(selector, SelectionKey.OP_READ, added);
                        } catch (ClosedChannelException e) {
                            ((Peer) added[0]).closed.increment();
                        }
                    }
                }
            } catch (IOException e) {
                LOG.warn("reader failed: " + e);
            } finally {
                try {
                    selector.close();
                } catch (IOException ignored) {
                    // exiting
                }
            }
        }

        private void ready(SelectionKey key) {
            Object[] att = (Object[]) key.attachment();
            read((Peer) att[0], (Conn) att[1], key);
        }

        private void read(Peer peer, Conn conn, SelectionKey key) {
            byte[] arr = buffer.array();
            int start = 0;
            if (conn.pending != null) {
                start = conn.pending.length;
                System.arraycopy(conn.pending, 0, arr, 0, start);
                conn.pending = null;
            }
            buffer.limit(arr.length).position(start);
            int n;
            try {
                n = conn.channel.read(buffer);
            } catch (IOException e) {
                n = -1;
            }
            if (n < 0) {
                key.cancel();
                if (!conn.closedByPeer) {
                    conn.closedByPeer = true;
                    peer.closed.increment();
                }
                return;
            }
            int end = buffer.position();
            long now = System.nanoTime();
            int used;
            try {
                used = peer.parse(conn, arr, 0, end, now);
            } catch (IOException | RuntimeException e) {
                LOG.warn(peer.name + ": connection " + conn.index + ": " + e);
                key.cancel();
                return;
            }
            if (used < end) {
                conn.pending = Arrays.copyOfRange(arr, used, end);
            }
            Step st = peer.step;
            if (st != null) {
                st.lastReceipt.accumulate(now);
            }
        }
    }
}
