package confab.app.reliability;

import confab.crypto.wire.Bytes;
import confab.crypto.wire.Message;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/// A client process for {@link ClientKillTest}: it registers, logs in and joins a room like any
/// member, keeps reading what the host sends, then writes the first half of a post and waits to
/// be killed (or for the test to be gone). Prints `half-frame-sent` on standard output once the
// half frame is out.
///
/// Arguments: port login password room roomPassword
public final class HalfFrameClient {
    private HalfFrameClient() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        RawClient client = RawClient.connect(port);
        client.hello();
        client.register(args[1], args[2]);
        client.login(args[1], args[2]);
        client.join(args[3], args[4], 0);
        Thread.ofPlatform()
                .daemon()
                .start(
                        () -> {
                            try {
                                while (client.receive() != null) {
                                    // keep the receive buffer empty, as a live client does
                                }
                            } catch (IOException e) {
                                // killed, or the host closed
                            }
                        });
        byte[] post =
                RawClient.CODEC.encodeFrame(new Message.Post(args[3], 1, Bytes.of(new byte[200])));
        client.sendRaw(Arrays.copyOf(post, post.length / 2));
        System.out.println("half-frame-sent");
        System.out.flush();
        // waits to be killed; leaves by itself when the test's JVM is gone (its standard input
        // closes) or, bounded, after two minutes
        CountDownLatch parentGone = new CountDownLatch(1);
        Thread.ofPlatform()
                .daemon()
                .start(
                        () -> {
                            try {
                                while (System.in.read() >= 0) {
                                    // the test writes nothing; only the end matters
                                }
                            } catch (IOException e) {
                                // as good as the end
                            }
                            parentGone.countDown();
                        });
        parentGone.await(2, TimeUnit.MINUTES);
        System.exit(3);
    }
}
