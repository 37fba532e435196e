package confab.app.settings;

import java.util.Locale;

/// The language of the UI: the OS's when it is one Confab speaks, or a fixed one.
public enum LanguageMode {
    SYSTEM(null),
    ENGLISH(Locale.ENGLISH),
    RUSSIAN(Locale.of("ru"));

    private final Locale locale;

    LanguageMode(Locale locale) {
        this.locale = locale;
    }

    /// The locale to show the UI in, given the OS locale: English unless Russian is chosen or
    /// the OS speaks Russian.
    public Locale resolve(Locale os) {
        if (locale != null) {
            return locale;
        }
        return os != null && "ru".equals(os.getLanguage()) ? RUSSIAN.locale : ENGLISH.locale;
    }
}
