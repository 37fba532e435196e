package confab.app.ui;

import confab.app.i18n.I18n;
import confab.app.session.HostAddress;
import confab.app.session.SessionException;
import confab.crypto.wire.ErrorCode;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.Locale;

/// Turns failures into sentences a person can act on: each kind of failure has its own text.
public final class Problems {
    /// What the user was doing when it failed: the same refusal means a wrong login password in
    /// one place and a wrong room password in another.
    public enum Step {
        CONNECT,
        ACCOUNT,
        ROOM,
        SEND
    }

    private final I18n i18n;

    public Problems(I18n i18n) {
        this.i18n = i18n;
    }

    /// The text for `e`, raised while doing `step` against `address`.
    public String describe(Exception e, Step step, HostAddress address) {
        if (e instanceof SessionException se) {
            return session(se, step, address);
        }
        if (e instanceof BindException) {
            return i18n.get("error.portTaken");
        }
        if (e instanceof AccessDeniedException denied && denied.getFile() != null) {
            return i18n.get("error.hostFilesDenied", denied.getFile());
        }
        if (e instanceof FileSystemException files && files.getFile() != null) {
            return i18n.get("error.hostFiles", files.getFile());
        }
        if (e instanceof IOException) {
            return i18n.get("error.hostStart", detail(e));
        }
        if (e instanceof InterruptedException) {
            return i18n.get("error.CANCELLED");
        }
        return i18n.get("error.unexpected", detail(e));
    }

    /// The text for an [ErrorCode] the host sent on its own.
    public String describe(ErrorCode code, String text) {
        String key = "code." + code.name();
        return i18n.has(key) ? i18n.get(key) : text;
    }

    /// The text for a failure of `kind` (a session that gave up reconnecting, say): the
    /// session's own message is English, for the log.
    public String describe(SessionException.Kind kind, Step step, HostAddress address) {
        String host = address == null ? "" : address.host();
        String port = address == null ? "" : Integer.toString(address.port());
        if (kind == SessionException.Kind.BAD_CREDENTIALS) {
            return i18n.get(step == Step.ROOM ? "error.badRoomPassword" : "error.badLogin");
        }
        String key = "error." + kind.name();
        return i18n.has(key)
                ? i18n.get(key, host, port)
                : i18n.get("error.unexpected", kind.name());
    }

    private String session(SessionException e, Step step, HostAddress address) {
        if (e.kind() == SessionException.Kind.INVALID) {
            // the message is English: say it as the host would (not logged in, not in the
            // room, refused), or that it cannot be done
            return e.code()
                    .map(code -> describe(code, i18n.get("error.INVALID")))
                    .orElseGet(() -> i18n.get("error.INVALID"));
        }
        return describe(e.kind(), step, address);
    }

    private static String detail(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank()
                ? e.getClass().getSimpleName().toLowerCase(Locale.ROOT)
                : message;
    }
}
