package confab.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.KDF;
import javax.crypto.SecretKey;
import javax.crypto.spec.HKDFParameterSpec;

/// HKDF-SHA256 (RFC 5869) through the JDK's `javax.crypto.KDF`, with no salt (RFC 5869 then
/// uses a string of zeros): the input is already a uniformly random key.
final class Hkdf {
    private static final String ALGORITHM = "HKDF-SHA256";

    private Hkdf() {}

    /// A 256-bit AES key.
    static SecretKey aesKey(SecretKey inputKey, byte[] info) {
        try {
            return KDF.getInstance(ALGORITHM)
                    .deriveKey(
                            "AES",
                            HKDFParameterSpec.ofExtract().addIKM(inputKey).thenExpand(info, 32));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HKDF-SHA256 is not available", e);
        }
    }

    /// `length` bytes that are not a key (key identifiers).
    static byte[] bytes(SecretKey inputKey, byte[] info, int length) {
        try {
            return KDF.getInstance(ALGORITHM)
                    .deriveData(
                            HKDFParameterSpec.ofExtract()
                                    .addIKM(inputKey)
                                    .thenExpand(info, length));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HKDF-SHA256 is not available", e);
        }
    }
}
