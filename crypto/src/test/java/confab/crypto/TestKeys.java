package confab.crypto;

import confab.crypto.wire.Bytes;
import confab.crypto.wire.KdfParams;
import java.util.HexFormat;

/// Shared fixtures: the cheapest Argon2id costs `KdfParams` allows, so tests stay fast.
final class TestKeys {
    static final KdfParams FAST = new KdfParams(8 * 1024, 1, 1);

    private TestKeys() {}

    static RoomKey roomKey(String password, Bytes salt) {
        return RoomKey.derive(password.toCharArray(), salt, FAST);
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    /// Whether `needle` occurs in `haystack` as a run of bytes.
    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
