package confab.app.ui;

import confab.app.settings.LanguageMode;
import confab.app.settings.SettingsStore;
import confab.app.settings.ThemeMode;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;

/// The settings menu: theme and language, saved as soon as they change. The theme changes at
/// once; the language on the next start (the open windows keep theirs).
public final class SettingsViewModel {
    private final ObjectProperty<ThemeMode> theme;
    private final ObjectProperty<LanguageMode> language;
    private final ReadOnlyBooleanWrapper restartNeeded =
            new ReadOnlyBooleanWrapper(this, "restart");

    /// @param running the language the UI was built in
    public SettingsViewModel(SettingsStore store, LanguageMode running) {
        theme = new SimpleObjectProperty<>(this, "theme", store.get().theme());
        language = new SimpleObjectProperty<>(this, "language", store.get().language());
        theme.addListener((obs, old, now) -> store.update(s -> s.withTheme(now)));
        language.addListener(
                (obs, old, now) -> {
                    store.update(s -> s.withLanguage(now));
                    restartNeeded.set(now != running);
                });
    }

    public ObjectProperty<ThemeMode> themeProperty() {
        return theme;
    }

    public ObjectProperty<LanguageMode> languageProperty() {
        return language;
    }

    /// Whether the chosen language differs from the one shown until the app restarts.
    public ReadOnlyBooleanProperty restartNeededProperty() {
        return restartNeeded.getReadOnlyProperty();
    }
}
