package confab.bench.jmh;

import confab.crypto.MessageRejectedException;
import confab.crypto.RoomCipher;
import confab.crypto.RoomKey;
import confab.crypto.wire.Bytes;
import confab.crypto.wire.KdfParams;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/// Sealing and opening one 200-byte chat message (AES-256-GCM under a per-sender key, the
/// sender key cached as in a running client): operations per second.
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SealBenchmark {
    private RoomCipher cipher;
    private byte[] plaintext;
    private Bytes sealed;
    private long counter;

    @Setup
    public void setUp() {
        RoomKey key =
                RoomKey.derive(
                        "room password".toCharArray(),
                        RoomKey.newSalt(),
                        new KdfParams(8 * 1024, 1, 1));
        cipher = new RoomCipher(key, "bench");
        plaintext = "x".repeat(200).getBytes(StandardCharsets.UTF_8);
        sealed = cipher.seal("alice", 1, plaintext);
    }

    @Benchmark
    public Bytes seal200() {
        return cipher.seal("alice", ++counter, plaintext);
    }

    @Benchmark
    public byte[] open200() throws MessageRejectedException {
        return cipher.open("alice", 1, sealed);
    }
}
