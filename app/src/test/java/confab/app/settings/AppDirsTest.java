package confab.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppDirsTest {
    private static final Path HOME = Path.of("/home/ann");

    @Test
    void linuxUsesXdgDirectories() {
        AppDirs dirs =
                AppDirs.forOs(
                        "Linux", Map.of("XDG_CONFIG_HOME", "/cfg", "XDG_DATA_HOME", "/data"), HOME);

        assertThat(dirs.config()).isEqualTo(Path.of("/cfg/confab"));
        assertThat(dirs.data()).isEqualTo(Path.of("/data/confab"));
    }

    @Test
    void linuxFallsBackToDotConfigAndDotLocalShare() {
        AppDirs dirs = AppDirs.forOs("Linux", Map.of(), HOME);

        assertThat(dirs.config()).isEqualTo(HOME.resolve(".config/confab"));
        assertThat(dirs.hostData()).isEqualTo(HOME.resolve(".local/share/confab/host"));
    }

    @Test
    void linuxIgnoresRelativeXdgPaths() {
        AppDirs dirs = AppDirs.forOs("Linux", Map.of("XDG_CONFIG_HOME", "relative"), HOME);

        assertThat(dirs.config()).isEqualTo(HOME.resolve(".config/confab"));
    }

    @Test
    void windowsUsesRoamingForSettingsAndLocalForData() {
        AppDirs dirs =
                AppDirs.forOs(
                        "Windows 11",
                        Map.of("APPDATA", "/w/Roaming", "LOCALAPPDATA", "/w/Local"),
                        HOME);

        assertThat(dirs.config()).isEqualTo(Path.of("/w/Roaming/Confab"));
        assertThat(dirs.data()).isEqualTo(Path.of("/w/Local/Confab"));
    }

    @Test
    void macUsesApplicationSupport() {
        AppDirs dirs = AppDirs.forOs("Mac OS X", Map.of(), HOME);

        assertThat(dirs.config()).isEqualTo(HOME.resolve("Library/Application Support/Confab"));
        assertThat(dirs.settingsFile().getFileName()).hasToString("settings.properties");
    }
}
