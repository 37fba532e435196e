package confab.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import confab.app.i18n.I18n;
import confab.app.session.HostAddress;
import confab.app.session.SessionException;
import confab.app.session.SessionException.Kind;
import confab.app.ui.Problems.Step;
import confab.crypto.wire.ErrorCode;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProblemsTest {
    private final I18n i18n = I18n.forLocale(Locale.ENGLISH);
    private final Problems problems = new Problems(i18n);
    private final HostAddress at = new HostAddress("10.0.0.9", 7400);

    @Test
    void everySessionFailureHasItsOwnSentence() {
        Set<String> texts =
                Arrays.stream(Kind.values())
                        .map(
                                k ->
                                        problems.describe(
                                                new SessionException(k, "detail"),
                                                Step.CONNECT,
                                                at))
                        .collect(Collectors.toSet());

        assertThat(texts).hasSize(Kind.values().length);
        assertThat(texts).noneMatch(t -> t.startsWith(i18n.get("error.unexpected", "")));
    }

    @Test
    void everyHostErrorCodeHasATranslatedSentence() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(i18n.has("code." + code.name())).as(code.name()).isTrue();
            assertThat(I18n.forLocale(Locale.of("ru")).has("code." + code.name())).isTrue();
        }
    }

    @Test
    void aWrongPasswordMeansTheRoomPasswordWhileJoiningARoom() {
        SessionException wrong = new SessionException(Kind.BAD_CREDENTIALS, "no");

        assertThat(problems.describe(wrong, Step.ROOM, at))
                .isEqualTo(i18n.get("error.badRoomPassword"));
        assertThat(problems.describe(wrong, Step.ACCOUNT, at))
                .isEqualTo(i18n.get("error.badLogin"));
    }

    @Test
    void noSentenceRepeatsTheSessionsEnglishMessage() {
        Problems russian = new Problems(I18n.forLocale(Locale.of("ru")));
        for (Kind kind : Kind.values()) {
            for (Step step : Step.values()) {
                assertThat(
                                russian.describe(
                                        new SessionException(kind, "English words here"), step, at))
                        .as(kind + " " + step)
                        .doesNotContain("English");
            }
        }
    }

    @Test
    void anInvalidRequestIsSaidAsTheHostWouldHaveSaidIt() {
        I18n ru = I18n.forLocale(Locale.of("ru"));
        Problems russian = new Problems(ru);

        assertThat(
                        russian.describe(
                                new SessionException(
                                        Kind.INVALID, ErrorCode.NOT_A_MEMBER, "You are not in x."),
                                Step.SEND,
                                at))
                .isEqualTo(ru.get("code.NOT_A_MEMBER"));
        assertThat(
                        russian.describe(
                                new SessionException(Kind.INVALID, "A broken character."),
                                Step.SEND,
                                at))
                .isEqualTo(ru.get("error.INVALID"));
    }

    @Test
    void aSessionThatGaveUpIsExplainedByItsKind() {
        assertThat(problems.describe(Kind.INCOMPATIBLE_VERSION, Step.ACCOUNT, at))
                .isEqualTo(i18n.get("error.INCOMPATIBLE_VERSION"));
        assertThat(problems.describe(Kind.BAD_CREDENTIALS, Step.ACCOUNT, at))
                .isEqualTo(i18n.get("error.badLogin"));
    }

    @Test
    void theHostsFilesAreNamedWhenItCannotUseThem() {
        assertThat(problems.describe(new AccessDeniedException("/data/host"), Step.CONNECT, at))
                .isEqualTo(i18n.get("error.hostFilesDenied", "/data/host"));
        assertThat(
                        problems.describe(
                                new FileSystemException("/data/host/db", null, "read-only"),
                                Step.CONNECT,
                                at))
                .isEqualTo(i18n.get("error.hostFiles", "/data/host/db"));
    }

    @Test
    void aTakenPortIsNamedAsSuch() {
        assertThat(problems.describe(new BindException("in use"), Step.CONNECT, at))
                .isEqualTo(i18n.get("error.portTaken"));
        assertThat(problems.describe(new IOException("disk full"), Step.CONNECT, at))
                .isEqualTo(i18n.get("error.hostStart", "disk full"));
    }
}
