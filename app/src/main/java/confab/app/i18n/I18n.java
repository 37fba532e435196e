package confab.app.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/// Every string the UI shows, from the `confab/app/i18n/messages*.properties` bundles
/// (UTF-8; English is the base bundle, Russian is `_ru`).
///
/// A text with arguments is a [MessageFormat] pattern; the bundles write apostrophes as `’`
/// so that no text needs MessageFormat's quote doubling.
public final class I18n {
    /// Base name of the bundles.
    public static final String BUNDLE = "confab.app.i18n.messages";

    private final Locale locale;
    private final ResourceBundle bundle;

    private I18n(Locale locale, ResourceBundle bundle) {
        this.locale = locale;
        this.bundle = bundle;
    }

    /// The texts for `locale`: Russian for any Russian locale, English for every other.
    public static I18n forLocale(Locale locale) {
        boolean russian = "ru".equals(locale.getLanguage());
        // Asking for ROOT finds the English base bundle without falling back to the JVM's
        // default locale (ResourceBundle.Control cannot be used from a named module).
        Locale wanted = russian ? Locale.of("ru") : Locale.ROOT;
        return new I18n(
                russian ? wanted : Locale.ENGLISH, ResourceBundle.getBundle(BUNDLE, wanted));
    }

    /// The locale the texts are in; dates and numbers use it too.
    public Locale locale() {
        return locale;
    }

    /// The text for `key`, with `args` put into its `{0}`, `{1}`, … places. A missing key
    /// shows as itself in brackets rather than failing: a test checks that none is missing.
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "[" + key + "]";
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    /// Whether the bundle has `key`.
    public boolean has(String key) {
        return bundle.containsKey(key);
    }
}
