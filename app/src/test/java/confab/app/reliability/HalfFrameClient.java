package confab.app.reliability;

import confab.crypto.wire.Bytes;
import confab.crypto.wire.Message;
import java.io.IOException;
import java.util.Arrays;

/// A client process for {@link ClientKillTest}: it registers, logs in and joins a room like any
/// member, keeps reading what the host sends, then writes the first half of a post and waits to
/// be killed. Prints `half-frame-sent` on standard output once the half frame is out.
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
        // bounded: if nobody kills it, it leaves by itself
        Thread.sleep(120_000);
        System.exit(3);
    }
}
