package confab.bench.jmh;

import confab.crypto.wire.Bytes;
import confab.crypto.wire.Message;
import confab.crypto.wire.MessageCodec;
import confab.crypto.wire.ProtocolException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/// The codec on the two messages of the hot path, each carrying a 237-byte sealed envelope (a
/// 200-byte message): the client's `post` (JSON) and the host's `delivered` (its binary form).
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBenchmark {
    private final MessageCodec codec = new MessageCodec();
    private Message.Post post;
    private Message.Delivered delivered;
    private byte[] postJson;
    private byte[] deliveredJson;

    @Setup
    public void setUp() {
        byte[] sealed = new byte[237];
        new Random(7).nextBytes(sealed);
        post = new Message.Post("bench", 12345, Bytes.of(sealed));
        delivered =
                new Message.Delivered(
                        "bench", 987654, "s12", 12345, Bytes.of(sealed), 1_780_000_000_000L);
        postJson = codec.encode(post);
        deliveredJson = codec.encode(delivered);
    }

    @Benchmark
    public byte[] encodePost() {
        return codec.encode(post);
    }

    @Benchmark
    public Message decodePost() throws ProtocolException {
        return codec.decode(postJson);
    }

    @Benchmark
    public byte[] encodeDeliveredFrame() {
        return codec.encodeFrame(delivered);
    }

    @Benchmark
    public Message decodeDelivered() throws ProtocolException {
        return codec.decode(deliveredJson);
    }
}
