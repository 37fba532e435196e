package confab.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class LanguageModeTest {
    @Test
    void systemFollowsARussianOs() {
        assertThat(LanguageMode.SYSTEM.resolve(Locale.of("ru", "RU")).getLanguage())
                .isEqualTo("ru");
    }

    @Test
    void systemFallsBackToEnglishForLanguagesConfabDoesNotSpeak() {
        assertThat(LanguageMode.SYSTEM.resolve(Locale.JAPAN)).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void aChosenLanguageOverridesTheOs() {
        assertThat(LanguageMode.ENGLISH.resolve(Locale.of("ru"))).isEqualTo(Locale.ENGLISH);
        assertThat(LanguageMode.RUSSIAN.resolve(Locale.US).getLanguage()).isEqualTo("ru");
    }
}
