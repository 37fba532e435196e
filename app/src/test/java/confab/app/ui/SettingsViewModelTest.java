package confab.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import confab.app.i18n.I18n;
import confab.app.settings.LanguageMode;
import confab.app.settings.Settings;
import confab.app.settings.SettingsStore;
import confab.app.settings.ThemeMode;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SettingsViewModelTest {
    private static final I18n EN = I18n.forLocale(Locale.ENGLISH);
    private static final I18n RU = I18n.forLocale(Locale.of("ru"));

    private final SettingsStore store = SettingsStore.inMemory(Settings.defaults());
    // shown in English because the system is English
    private final SettingsViewModel vm = new SettingsViewModel(store, EN, Locale.ENGLISH);

    @Test
    void aChosenThemeIsSavedAtOnce() {
        vm.themeProperty().set(ThemeMode.DARK);

        assertThat(store.get().theme()).isEqualTo(ThemeMode.DARK);
    }

    @Test
    void anotherLanguageIsSavedAndAsksForARestart() {
        vm.languageProperty().set(LanguageMode.RUSSIAN);

        assertThat(store.get().language()).isEqualTo(LanguageMode.RUSSIAN);
        assertThat(vm.restartNeededProperty().get()).isTrue();
    }

    @Test
    void theRestartIsAnnouncedInTheShownAndInTheChosenLanguage() {
        vm.languageProperty().set(LanguageMode.RUSSIAN);

        assertThat(vm.restartNoticeProperty().get())
                .isEqualTo(
                        EN.get("settings.language.restart")
                                + "\n"
                                + RU.get("settings.language.restart"));
    }

    @Test
    void goingBackToTheRunningLanguageNeedsNoRestart() {
        vm.languageProperty().set(LanguageMode.RUSSIAN);
        vm.languageProperty().set(LanguageMode.SYSTEM);

        assertThat(vm.restartNeededProperty().get()).isFalse();
        assertThat(vm.restartNoticeProperty().get()).isEmpty();
    }

    @Test
    void namingTheLanguageTheSystemAlreadyShowsNeedsNoRestart() {
        vm.languageProperty().set(LanguageMode.ENGLISH);

        assertThat(store.get().language()).isEqualTo(LanguageMode.ENGLISH);
        assertThat(vm.restartNeededProperty().get()).isFalse();
    }
}
