package confab.crypto;

import java.security.SecureRandom;

/// The one source of randomness for salts, nonces and SRP secrets.
final class Entropy {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Entropy() {}

    static SecureRandom random() {
        return RANDOM;
    }

    static byte[] bytes(int length) {
        byte[] out = new byte[length];
        RANDOM.nextBytes(out);
        return out;
    }
}
