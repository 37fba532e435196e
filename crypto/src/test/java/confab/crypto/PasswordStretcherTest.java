package confab.crypto;

import static confab.crypto.TestKeys.FAST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import confab.crypto.wire.Bytes;
import org.junit.jupiter.api.Test;

class PasswordStretcherTest {
    private static final Bytes SALT = PasswordStretcher.newSalt();

    @Test
    void stretchGives32Bytes() {
        assertThat(PasswordStretcher.stretch("secret".toCharArray(), SALT, FAST)).hasSize(32);
    }

    @Test
    void stretchIsDeterministic() {
        assertThat(PasswordStretcher.stretch("secret".toCharArray(), SALT, FAST))
                .isEqualTo(PasswordStretcher.stretch("secret".toCharArray(), SALT, FAST));
    }

    @Test
    void anotherSaltGivesAnotherResult() {
        assertThat(PasswordStretcher.stretch("secret".toCharArray(), SALT, FAST))
                .isNotEqualTo(
                        PasswordStretcher.stretch(
                                "secret".toCharArray(), PasswordStretcher.newSalt(), FAST));
    }

    @Test
    void otherCostsGiveAnotherResult() {
        assertThat(PasswordStretcher.stretch("secret".toCharArray(), SALT, FAST))
                .isNotEqualTo(
                        PasswordStretcher.stretch(
                                "secret".toCharArray(),
                                SALT,
                                new confab.crypto.wire.KdfParams(8 * 1024, 2, 1)));
    }

    @Test
    void composedAndDecomposedAccentsAreTheSamePassword() {
        assertThat(PasswordStretcher.stretch("caf\u00e9".toCharArray(), SALT, FAST))
                .isEqualTo(PasswordStretcher.stretch("cafe\u0301".toCharArray(), SALT, FAST));
    }

    @Test
    void callersPasswordArrayIsLeftAsItWas() {
        char[] password = "secret".toCharArray();

        PasswordStretcher.stretch(password, SALT, FAST);

        assertThat(password).containsExactly('s', 'e', 'c', 'r', 'e', 't');
    }

    @Test
    void newSaltIs16RandomBytes() {
        Bytes first = PasswordStretcher.newSalt();

        assertThat(first.size()).isEqualTo(16);
        assertThat(first).isNotEqualTo(PasswordStretcher.newSalt());
    }

    @Test
    void shortSaltIsRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> PasswordStretcher.stretch("x".toCharArray(), Bytes.of(new byte[15]), FAST));
    }

    @Test
    void unpairedSurrogateIsRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> PasswordStretcher.stretch(new char[] {'a', '\ud800'}, SALT, FAST));
    }

    @Test
    void roomKeyDiffersFromTheStretchedPasswordWithTheSameSalt() {
        RoomKey key = RoomKey.derive("secret".toCharArray(), SALT, FAST);

        assertThat(key.exposeSecretKey().getEncoded())
                .isNotEqualTo(PasswordStretcher.stretch("secret".toCharArray(), SALT, FAST));
    }
}
