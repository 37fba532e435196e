package confab.app.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChatLineTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "שלום עולם|true",
                "مرحبا بالعالم|true",
                "123 שלום|true",
                "hello שלום|false",
                "Привет|false",
                "你好|false",
                "👋 🙂|false",
            })
    void directionFollowsTheFirstStrongLetter(String text, boolean rtl) {
        ChatLine line =
                new ChatLine(ChatLine.Kind.MESSAGE, 1, "bob", text, Instant.EPOCH, false, true);

        assertThat(line.rightToLeft()).isEqualTo(rtl);
    }

    private static ChatLine line(String text) {
        return new ChatLine(ChatLine.Kind.MESSAGE, 1, "bob", text, Instant.EPOCH, false, true);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "مرحبا!|!مرحبا",
                "שלום?!|!?שלום",
                "(שלום)|(שלום)",
                "hello (world)!|hello (world)!",
                "Привет!|Привет!",
            })
    void rightToLeftTextPutsItsEndPunctuationWhereAnRtlLayoutWould(String text, String shown) {
        assertThat(line(text).displayText()).isEqualTo(shown);
    }

    @org.junit.jupiter.api.Test
    void eachLineOfARightToLeftMessageIsArrangedOnItsOwn() {
        assertThat(line("שלום!\nמה נשמע?").displayText()).isEqualTo("!שלום\n?מה נשמע");
    }
}
