package confab.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
    @TempDir Path dir;

    @Test
    void missingFileGivesDefaults() {
        SettingsStore store = SettingsStore.open(dir.resolve("none/settings.properties"));

        assertThat(store.get()).isEqualTo(Settings.defaults());
    }

    @Test
    void everySettingSurvivesARestart() {
        Path file = dir.resolve("sub/settings.properties");
        WindowBounds bounds = new WindowBounds(10.5, 20, 900, 640, true);
        SettingsStore.open(file)
                .update(
                        s ->
                                s.withTheme(ThemeMode.DARK)
                                        .withLanguage(LanguageMode.RUSSIAN)
                                        .withLastLogin("Анна")
                                        .withRecentHost("10.0.0.2:7331")
                                        .withRecentHost("host.lan")
                                        .withHostPort(40000)
                                        .withLastRoom("семья 家族 👪")
                                        .withWindow(bounds));

        Settings read = SettingsStore.open(file).get();

        assertThat(read.theme()).isEqualTo(ThemeMode.DARK);
        assertThat(read.language()).isEqualTo(LanguageMode.RUSSIAN);
        assertThat(read.lastLogin()).isEqualTo("Анна");
        assertThat(read.recentHosts()).containsExactly("host.lan", "10.0.0.2:7331");
        assertThat(read.hostPort()).isEqualTo(40000);
        assertThat(read.lastRoom()).isEqualTo("семья 家族 👪");
        assertThat(read.window()).isEqualTo(bounds);
    }

    @Test
    void invalidValuesFallBackOneByOne() throws IOException {
        Path file = dir.resolve("settings.properties");
        Files.writeString(
                file,
                "theme=PURPLE\nlanguage=ENGLISH\nhostPort=99999\nwindow.x=abc\nlastLogin=bob\n",
                StandardCharsets.UTF_8);

        Settings read = SettingsStore.open(file).get();

        assertThat(read.theme()).isEqualTo(ThemeMode.SYSTEM);
        assertThat(read.language()).isEqualTo(LanguageMode.ENGLISH);
        assertThat(read.hostPort()).isEqualTo(Settings.DEFAULT_HOST_PORT);
        assertThat(read.window()).isNull();
        assertThat(read.lastLogin()).isEqualTo("bob");
    }

    @Test
    void recentHostMovesToTheFrontOnceIgnoringCase() {
        Settings s =
                Settings.defaults()
                        .withRecentHost("a.lan")
                        .withRecentHost("b.lan")
                        .withRecentHost("A.LAN");

        assertThat(s.recentHosts()).containsExactly("A.LAN", "b.lan");
    }

    @Test
    void recentHostsAreCapped() {
        Settings s = Settings.defaults();
        for (int i : IntStream.range(0, 20).toArray()) {
            s = s.withRecentHost("10.0.0." + i);
        }

        assertThat(s.recentHosts()).hasSize(Settings.MAX_RECENT_HOSTS).startsWith("10.0.0.19");
    }

    @Test
    void saveLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("settings.properties");
        SettingsStore store = SettingsStore.open(file);
        store.update(s -> s.withLastLogin("ann"));
        store.update(s -> s.withLastLogin("bob"));

        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .isEqualTo(List.of("settings.properties"));
        }
    }
}
