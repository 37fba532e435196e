package confab.bench.jmh;

import confab.crypto.AuthenticationException;
import confab.crypto.ClientHandshake;
import confab.crypto.ServerHandshake;
import confab.crypto.Srp;
import confab.crypto.wire.Bytes;
import confab.crypto.wire.KdfParams;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/// What one login costs with the default Argon2id costs (64 MiB, 3 passes): the client's side
/// (stretch the password, SRP-6a A and M1) and the host's side (SRP-6a B, then verify and M2),
/// in milliseconds per login.
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LoginCostBenchmark {
    private static final String LOGIN = "alice";
    private static final char[] PASSWORD = "correct horse battery staple".toCharArray();

    private Srp.Verifier stored;
    private ClientHandshake.Proof proof;
    private ServerHandshake pendingServer;

    @Setup
    public void setUp() throws AuthenticationException {
        stored = Srp.createVerifier(LOGIN, PASSWORD, KdfParams.DEFAULT);
        pendingServer = Srp.server(LOGIN, stored.salt(), stored.verifier());
        proof =
                Srp.client(LOGIN, PASSWORD)
                        .respond(stored.salt(), stored.kdf(), pendingServer.serverPublic());
    }

    /// Client: Argon2id (`KdfParams.DEFAULT`) plus SRP-6a; the part a user waits for.
    @Benchmark
    public ClientHandshake.Proof clientLogin() throws AuthenticationException {
        ServerHandshake server = Srp.server(LOGIN, stored.salt(), stored.verifier());
        return Srp.client(LOGIN, PASSWORD)
                .respond(stored.salt(), stored.kdf(), server.serverPublic());
    }

    /// Host: SRP-6a only (the host never runs Argon2id): challenge, then a failed verify of a
    /// proof made for another challenge (the same arithmetic as a successful one).
    @Benchmark
    public Object hostLogin() {
        ServerHandshake server = Srp.server(LOGIN, stored.salt(), stored.verifier());
        Bytes b = server.serverPublic();
        try {
            return server.verify(proof.clientPublic(), proof.clientEvidence());
        } catch (AuthenticationException expected) {
            return b;
        }
    }
}
