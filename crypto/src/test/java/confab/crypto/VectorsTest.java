package confab.crypto;

import static confab.crypto.TestKeys.hex;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import confab.crypto.wire.KdfParams;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.KDF;
import javax.crypto.SecretKey;
import javax.crypto.spec.HKDFParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/// Published test vectors for the primitives under the API: Argon2id (RFC 9106 and the
/// reference implementation), HKDF-SHA256 (RFC 5869) and AES-256-GCM (the GCM specification).
class VectorsTest {
    private static final byte[] RFC5869_IKM = hex("0b".repeat(22));

    @Test
    void argon2idMatchesRfc9106Vector() {
        byte[] tag =
                Argon2id.derive(
                        filled(32, 0x01),
                        filled(16, 0x02),
                        filled(8, 0x03),
                        filled(12, 0x04),
                        32,
                        3,
                        4,
                        32);

        assertThat(tag)
                .isEqualTo(
                        hex(
                                "0d 64 0d f5 8d 78 76 6c 08 c0 37 a3 4a 8b 53 c9"
                                        + "d0 1e f0 45 2d 75 b6 5e b5 25 20 e9 6b 01 e6 59"));
    }

    /// phc-winner-argon2 `src/test.c`: Argon2id v1.3, t=2, m=2^16 KiB, p=1.
    @Test
    void argon2idMatchesReferenceImplementationVector() {
        byte[] tag =
                Argon2id.derive(
                        "password".getBytes(UTF_8),
                        "somesalt".getBytes(UTF_8),
                        new KdfParams(64 * 1024, 2, 1),
                        new byte[0]);

        assertThat(tag)
                .isEqualTo(hex("09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7"));
    }

    /// Expected value from the reference `argon2` command (Debian package 0~20171227):
    /// `printf %s 'пароль-密码-🔑' | argon2 confab-test-salt -id -t 1 -k 8192 -p 1 -l 32 -r`.
    @Test
    void stretchOfNonAsciiPasswordMatchesReferenceImplementation() {
        byte[] stretched =
                PasswordStretcher.stretch(
                        "пароль-密码-🔑".toCharArray(),
                        confab.crypto.wire.Bytes.of("confab-test-salt".getBytes(UTF_8)),
                        TestKeys.FAST);

        assertThat(stretched)
                .isEqualTo(hex("72d02bd5ae8b88e1dc2b74c5955066148981bb40b0a6691ac44f4b1d438b2f2f"));
    }

    @Test
    void jdkHkdfMatchesRfc5869TestCase1() throws Exception {
        byte[] okm =
                KDF.getInstance("HKDF-SHA256")
                        .deriveData(
                                HKDFParameterSpec.ofExtract()
                                        .addIKM(RFC5869_IKM)
                                        .addSalt(hex("000102030405060708090a0b0c"))
                                        .thenExpand(hex("f0f1f2f3f4f5f6f7f8f9"), 42));

        assertThat(okm)
                .isEqualTo(
                        hex(
                                "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
                                        + "34007208d5b887185865"));
    }

    /// Test case 3 has no salt, as Confab's HKDF calls do.
    @Test
    void hkdfMatchesRfc5869TestCase3() {
        byte[] okm = Hkdf.bytes(new SecretKeySpec(RFC5869_IKM, "HKDF-IKM"), new byte[0], 42);

        assertThat(okm).isEqualTo(rfc5869TestCase3Okm());
    }

    @Test
    void hkdfAesKeyIsTheFirst32BytesOfTheOutput() {
        SecretKey key = Hkdf.aesKey(new SecretKeySpec(RFC5869_IKM, "HKDF-IKM"), new byte[0]);

        assertThat(key.getAlgorithm()).isEqualTo("AES");
        assertThat(key.getEncoded()).isEqualTo(Arrays.copyOf(rfc5869TestCase3Okm(), 32));
    }

    /// Test case 16 of the GCM specification (McGrew and Viega): AES-256 with associated data.
    @Test
    void aesGcmMatchesSpecificationTestCase16() throws Exception {
        SecretKey key =
                new SecretKeySpec(
                        hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308"),
                        "AES");
        byte[] nonce = hex("cafebabefacedbaddecaf888");
        byte[] associatedData = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        byte[] plaintext =
                hex(
                        "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                                + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
        byte[] expected =
                hex(
                        "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                                + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
                                + "76fc6ece0f4e1768cddf8853bb2d551b");

        assertThat(Aead.encrypt(key, nonce, associatedData, plaintext)).isEqualTo(expected);
        assertThat(Aead.decrypt(key, nonce, associatedData, expected, 0)).isEqualTo(plaintext);
    }

    @Test
    void aesGcmRejectsChangedAssociatedData() {
        SecretKey key = new SecretKeySpec(new byte[32], "AES");
        byte[] nonce = new byte[12];
        byte[] sealed = Aead.encrypt(key, nonce, hex("01"), new byte[16]);

        assertThrows(
                AEADBadTagException.class, () -> Aead.decrypt(key, nonce, hex("02"), sealed, 0));
    }

    private static byte[] rfc5869TestCase3Okm() {
        return hex(
                "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d"
                        + "9d201395faa4b61a96c8");
    }

    private static byte[] filled(int length, int value) {
        byte[] out = new byte[length];
        Arrays.fill(out, (byte) value);
        return out;
    }
}
