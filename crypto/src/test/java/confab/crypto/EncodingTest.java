package confab.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EncodingTest {
    @Test
    void lengthPrefixingKeepsPartBoundaries() {
        assertThat(Encoding.lengthPrefixed("ab", "c"))
                .isNotEqualTo(Encoding.lengthPrefixed("a", "bc"));
    }

    @Test
    void lengthPrefixIsFourBytesBigEndianOfTheUtf8Length() {
        assertThat(Encoding.lengthPrefixed("é"))
                .containsExactly(0, 0, 0, 2, (byte) 0xc3, (byte) 0xa9);
    }

    @Test
    void passwordBytesAreUtf8() {
        assertThat(Encoding.passwordBytes("ж😀".toCharArray()))
                .containsExactly(
                        (byte) 0xd0,
                        (byte) 0xb6,
                        (byte) 0xf0,
                        (byte) 0x9f,
                        (byte) 0x98,
                        (byte) 0x80);
    }
}
