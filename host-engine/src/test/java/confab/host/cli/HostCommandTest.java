package confab.host.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HostCommandTest {
    private final HostCommand.DurationConverter durations = new HostCommand.DurationConverter();

    @Test
    void versionNamesTheCommandAndTheBuildVersion() {
        StringWriter out = new StringWriter();
        int code =
                new CommandLine(new HostCommand())
                        .setOut(new PrintWriter(out))
                        .execute("--version");
        assertThat(code).isZero();
        assertThat(out.toString().strip()).matches("confab-host \\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void helpListsEveryOption() {
        StringWriter out = new StringWriter();
        new CommandLine(new HostCommand()).setOut(new PrintWriter(out)).execute("--help");
        assertThat(out.toString())
                .contains("--bind", "--port", "--data-dir", "--idle-timeout", "--max-connections");
    }

    @Test
    void durationsReadShortFormsAndIso() {
        assertThat(durations.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(durations.convert("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(durations.convert("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(durations.convert("PT15M")).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void durationWithoutAUnitIsRefusedWithAHint() {
        var e =
                assertThrows(
                        CommandLine.TypeConversionException.class, () -> durations.convert("15x"));
        assertThat(e.getMessage()).contains("90s, 15m, 2h or 1d");
    }

    @Test
    void badPortIsAUsageErrorNotACrash() {
        StringWriter err = new StringWriter();
        int code =
                new CommandLine(new HostCommand())
                        .setErr(new PrintWriter(err))
                        .execute("--port", "seventy");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--port");
    }

    @Test
    void portOutOfRangeIsRefusedWithAClearMessage() {
        StringWriter err = new StringWriter();
        int code =
                new CommandLine(new HostCommand())
                        .setErr(new PrintWriter(err))
                        .execute("--port", "70000");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("confab-host: port out of range: 70000");
    }
}
