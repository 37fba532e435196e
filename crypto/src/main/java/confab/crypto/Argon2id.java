package confab.crypto;

import confab.crypto.wire.KdfParams;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/// Argon2id version 1.3 (RFC 9106) through BouncyCastle.
final class Argon2id {
    static final int OUTPUT_LENGTH = 32;

    private Argon2id() {}

    /// A 32-byte tag of `password` under `params`, with `context` as Argon2's associated data
    /// (empty for none). The caller wipes the result.
    static byte[] derive(byte[] password, byte[] salt, KdfParams params, byte[] context) {
        return derive(
                password,
                salt,
                new byte[0],
                context,
                params.memoryKiB(),
                params.iterations(),
                params.parallelism(),
                OUTPUT_LENGTH);
    }

    /// Every Argon2id input, including the ones Confab leaves empty (`secret`), so that the RFC
    /// 9106 test vector can check this path.
    static byte[] derive(
            byte[] password,
            byte[] salt,
            byte[] secret,
            byte[] associatedData,
            int memoryKiB,
            int iterations,
            int parallelism,
            int length) {
        Argon2Parameters.Builder builder =
                new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                        .withSalt(salt)
                        .withMemoryAsKB(memoryKiB)
                        .withIterations(iterations)
                        .withParallelism(parallelism);
        if (secret.length > 0) {
            builder.withSecret(secret);
        }
        if (associatedData.length > 0) {
            builder.withAdditional(associatedData);
        }
        Argon2Parameters parameters = builder.build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        parameters.clear();
        return out;
    }
}
