package confab.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;

/// Byte encodings shared by the key derivations: unambiguous concatenation and password bytes.
final class Encoding {
    private Encoding() {}

    /// Each part as a 4-byte big-endian length followed by its UTF-8 bytes, so that
    /// `("ab", "c")` and `("a", "bc")` never encode alike.
    static byte[] lengthPrefixed(String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String part : parts) {
            byte[] utf8 = part.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(utf8.length).array());
            out.writeBytes(utf8);
        }
        return out.toByteArray();
    }

    /// The password as UTF-8 after Unicode NFC normalization, so that "é" typed as one code
    /// point or as "e" plus a combining accent is the same password. The caller wipes the result.
    ///
    /// An already normalized password (the usual case) is encoded without an intermediate
    /// `String`; one that needs normalizing passes through a `String` that cannot be wiped.
    ///
    /// @throws IllegalArgumentException if the password holds an unpaired surrogate
    static byte[] passwordBytes(char[] password) {
        CharSequence chars = CharBuffer.wrap(password);
        if (!Normalizer.isNormalized(chars, Normalizer.Form.NFC)) {
            chars = Normalizer.normalize(chars, Normalizer.Form.NFC);
        }
        CharsetEncoder encoder =
                StandardCharsets.UTF_8
                        .newEncoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer encoded;
        try {
            encoded = encoder.encode(CharBuffer.wrap(chars));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("password is not valid Unicode text", e);
        }
        byte[] out = new byte[encoded.remaining()];
        encoded.get(out);
        Arrays.fill(encoded.array(), (byte) 0);
        return out;
    }
}
