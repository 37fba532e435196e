package confab.bench.jmh;

import confab.crypto.wire.FrameDecoder;
import confab.crypto.wire.Frames;
import confab.crypto.wire.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/// Framing alone: building 277-byte frames (the size of a `delivered` frame of a 200-byte
/// message) and splitting a 64 KiB read of them back into payloads. Scores are frames per
/// second; times 277 gives bytes per second.
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FrameBenchmark {
    static final int PAYLOAD = 273;
    static final int FRAMES_PER_READ = 64 * 1024 / (PAYLOAD + Frames.HEADER_BYTES);

    private byte[] payload;
    private byte[] read;

    @Setup
    public void setUp() throws ProtocolException {
        payload = new byte[PAYLOAD];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < FRAMES_PER_READ; i++) {
            out.writeBytes(Frames.frame(payload, Frames.DEFAULT_MAX_PAYLOAD));
        }
        read = out.toByteArray();
    }

    @Benchmark
    public byte[] frame() throws ProtocolException {
        return Frames.frame(payload, Frames.DEFAULT_MAX_PAYLOAD);
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES_PER_READ)
    public List<byte[]> decodeRead() throws ProtocolException {
        return new FrameDecoder(Frames.DEFAULT_MAX_PAYLOAD).feed(read, 0, read.length);
    }
}
