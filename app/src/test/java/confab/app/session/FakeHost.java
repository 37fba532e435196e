package confab.app.session;

import confab.crypto.wire.FrameReader;
import confab.crypto.wire.Frames;
import confab.crypto.wire.Message;
import confab.crypto.wire.MessageCodec;
import confab.crypto.wire.ProtocolException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/// A loopback server that plays a host by script, for what a real host never does (a wrong
/// version, silence). Each accepted connection runs `script` on its own thread.
final class FakeHost implements AutoCloseable {
    /// One side of a scripted conversation.
    interface Script {
        void run(Peer peer) throws Exception;
    }

    /// The client as the fake host sees it.
    static final class Peer {
        private final Socket socket;
        private final FrameReader frames;
        private final OutputStream out;
        private final MessageCodec codec = new MessageCodec();
        private final BlockingQueue<Object> recorded;

        Peer(Socket socket, BlockingQueue<Object> recorded) throws IOException {
            this.socket = socket;
            this.recorded = recorded;
            this.frames = new FrameReader(socket.getInputStream(), Frames.DEFAULT_MAX_PAYLOAD);
            this.out = socket.getOutputStream();
        }

        /// The next message from the client, or `null` at its end of stream.
        Message receive() throws IOException, ProtocolException {
            byte[] payload = frames.read();
            return payload == null ? null : codec.decode(payload);
        }

        void send(Message message) throws IOException {
            out.write(codec.encodeFrame(message));
            out.flush();
        }

        void close() throws IOException {
            socket.close();
        }

        /// Hands something the script saw to the test ({@link FakeHost#nextRecorded}).
        void record(Object seen) {
            recorded.add(seen);
        }
    }

    private final ServerSocket server;
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();

    FakeHost(Script script) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual()
                .name("fake-host")
                .start(
                        () -> {
                            while (!server.isClosed()) {
                                Socket socket;
                                try {
                                    socket = server.accept();
                                } catch (IOException e) {
                                    return;
                                }
                                Thread.ofVirtual().start(() -> serve(socket, script));
                            }
                        });
    }

    private void serve(Socket socket, Script script) {
        try (socket) {
            script.run(new Peer(socket, received));
        } catch (Exception e) {
            // the client went away, or the test closed the host
        }
    }

    HostAddress address() {
        return new HostAddress("127.0.0.1", server.getLocalPort());
    }

    /// The next thing a script recorded, waiting up to the tests' patience.
    Object nextRecorded() throws InterruptedException {
        return received.poll(Recorder.PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
