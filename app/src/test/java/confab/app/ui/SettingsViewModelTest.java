package confab.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import confab.app.settings.LanguageMode;
import confab.app.settings.Settings;
import confab.app.settings.SettingsStore;
import confab.app.settings.ThemeMode;
import org.junit.jupiter.api.Test;

class SettingsViewModelTest {
    private final SettingsStore store = SettingsStore.inMemory(Settings.defaults());
    private final SettingsViewModel vm = new SettingsViewModel(store, LanguageMode.SYSTEM);

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
    void goingBackToTheRunningLanguageNeedsNoRestart() {
        vm.languageProperty().set(LanguageMode.RUSSIAN);
        vm.languageProperty().set(LanguageMode.SYSTEM);

        assertThat(vm.restartNeededProperty().get()).isFalse();
    }
}
