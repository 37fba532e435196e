package confab.app.ui;

import confab.app.i18n.I18n;
import confab.app.settings.LanguageMode;
import confab.app.settings.SettingsStore;
import confab.app.settings.ThemeMode;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/// The settings menu: theme and language, saved as soon as they change. The theme changes at
/// once; the language on the next start (the open windows keep theirs), which the
/// [#restartNoticeProperty()] says.
public final class SettingsViewModel {
    private final ObjectProperty<ThemeMode> theme;
    private final ObjectProperty<LanguageMode> language;
    private final ReadOnlyBooleanWrapper restartNeeded =
            new ReadOnlyBooleanWrapper(this, "restart");
    private final ReadOnlyStringWrapper restartNotice =
            new ReadOnlyStringWrapper(this, "restartNotice", "");

    /// @param shown the texts the UI was built with
    /// @param os the operating system's locale, which [LanguageMode#SYSTEM] follows
    public SettingsViewModel(SettingsStore store, I18n shown, Locale os) {
        theme = new SimpleObjectProperty<>(this, "theme", store.get().theme());
        language = new SimpleObjectProperty<>(this, "language", store.get().language());
        theme.addListener((obs, old, now) -> store.update(s -> s.withTheme(now)));
        language.addListener(
                (obs, old, now) -> {
                    store.update(s -> s.withLanguage(now));
                    Locale chosen = now.resolve(os);
                    boolean other = !chosen.getLanguage().equals(shown.locale().getLanguage());
                    restartNeeded.set(other);
                    restartNotice.set(other ? notice(shown, I18n.forLocale(chosen)) : "");
                });
    }

    // in the language shown now, and in the chosen one: its reader may not read this one
    private static String notice(I18n shown, I18n chosen) {
        return shown.get("settings.language.restart")
                + "\n"
                + chosen.get("settings.language.restart");
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

    /// What to tell the user when the chosen language differs from the one shown: it applies
    /// when Confab starts again (said in both languages); empty otherwise.
    public ReadOnlyStringProperty restartNoticeProperty() {
        return restartNotice.getReadOnlyProperty();
    }
}
