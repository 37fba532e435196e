package confab.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/// AES-GCM with a 96-bit nonce and a 128-bit tag, through the JDK. The nonce is the caller's
/// duty here; `RoomCipher` draws a fresh random one for every message.
final class Aead {
    static final int NONCE_LENGTH = 12;
    static final int TAG_LENGTH = 16;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private Aead() {}

    /// `plaintext` encrypted, followed by the tag.
    static byte[] encrypt(SecretKey key, byte[] nonce, byte[] associatedData, byte[] plaintext) {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /// The plaintext of `ciphertext[offset..]` (ciphertext then tag).
    ///
    /// @throws AEADBadTagException if the tag does not verify
    static byte[] decrypt(
            SecretKey key, byte[] nonce, byte[] associatedData, byte[] ciphertext, int offset)
            throws AEADBadTagException {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(ciphertext, offset, ciphertext.length - offset);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }
}
