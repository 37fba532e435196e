package confab.app.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class I18nTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");
    private static final Pattern KEY_IN_CODE =
            Pattern.compile(
                    "\"((?:app|window|common|settings|start|host|join|check|error|code|eviction|chat|dashboard)\\.[A-Za-z0-9_.]*[A-Za-z0-9_])\"");

    private static Properties bundle(String suffix) throws IOException {
        Properties p = new Properties();
        try (InputStream in =
                I18n.class.getResourceAsStream(
                        "/confab/app/i18n/messages" + suffix + ".properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void englishAndRussianHaveTheSameKeys() throws IOException {
        assertThat(new TreeSet<>(bundle("_ru").stringPropertyNames()))
                .isEqualTo(new TreeSet<>(bundle("").stringPropertyNames()));
    }

    @Test
    void translationsUseTheSamePlaceholders() throws IOException {
        Properties en = bundle("");
        Properties ru = bundle("_ru");
        for (String key : en.stringPropertyNames()) {
            assertThat(placeholders(ru.getProperty(key)))
                    .as(key)
                    .isEqualTo(placeholders(en.getProperty(key)));
        }
    }

    @Test
    void noTextIsEmptyOrHasAQuoteThatMessageFormatWouldEat() throws IOException {
        for (Properties p : new Properties[] {bundle(""), bundle("_ru")}) {
            for (String key : p.stringPropertyNames()) {
                assertThat(p.getProperty(key)).as(key).isNotBlank().doesNotContain("'");
            }
        }
    }

    @Test
    void everyKeyTheCodeUsesExists() throws IOException {
        Properties en = bundle("");
        Set<String> missing = new TreeSet<>();
        Path sources = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(I18nTest::showsTexts).toList()) {
                Matcher m = KEY_IN_CODE.matcher(Files.readString(file));
                while (m.find()) {
                    if (!en.containsKey(m.group(1))) {
                        missing.add(m.group(1) + " in " + file.getFileName());
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyTextIsUsed() throws IOException {
        StringBuilder code = new StringBuilder();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(I18nTest::showsTexts).toList()) {
                code.append(Files.readString(file));
            }
        }
        // keys built from an enum's name: error.<Kind>, code.<ErrorCode>, eviction.<reason>, …
        List<String> built =
                List.of("error.", "code.", "eviction.", "settings.theme.", "settings.language.");
        Set<String> unused = new TreeSet<>();
        for (String key : bundle("").stringPropertyNames()) {
            if (code.indexOf("\"" + key + "\"") < 0 && built.stream().noneMatch(key::startsWith)) {
                unused.add(key);
            }
        }
        assertThat(unused).isEmpty();
    }

    @Test
    void russianLocaleGetsRussianTexts() {
        I18n ru = I18n.forLocale(Locale.of("ru", "RU"));

        assertThat(ru.get("join.connect")).isEqualTo("Подключиться");
        assertThat(ru.locale().getLanguage()).isEqualTo("ru");
    }

    @Test
    void englishIsChosenEvenWhenTheJvmDefaultIsRussian() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.of("ru"));
        try {
            assertThat(I18n.forLocale(Locale.ENGLISH).get("join.connect")).isEqualTo("Connect");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void argumentsAreFilledInWithoutNumberFormatting() {
        I18n en = I18n.forLocale(Locale.ENGLISH);

        assertThat(en.get("host.progress.starting", "7331"))
                .isEqualTo("Starting the host on port 7331…");
    }

    @Test
    void missingKeyShowsItselfInsteadOfFailing() {
        assertThat(I18n.forLocale(Locale.ENGLISH).get("no.such.key")).isEqualTo("[no.such.key]");
    }

    // the settings package names files and properties, not texts
    private static boolean showsTexts(Path file) {
        return file.toString().endsWith(".java") && !file.toString().contains("/settings/");
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new HashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
