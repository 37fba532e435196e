package confab.app.settings;

/// Light or dark look, or whatever the OS prefers.
public enum ThemeMode {
    SYSTEM,
    LIGHT,
    DARK
}
