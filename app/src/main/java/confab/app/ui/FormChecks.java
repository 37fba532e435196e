package confab.app.ui;

import confab.app.connect.AddressCheck;
import confab.app.i18n.I18n;
import confab.crypto.wire.Names;

/// The checks of the start screen's fields, with their explanations in the UI language. Each
/// returns `""` when the text is fine.
public final class FormChecks {
    private final I18n i18n;

    public FormChecks(I18n i18n) {
        this.i18n = i18n;
    }

    public String address(String text) {
        AddressCheck.Problem problem = AddressCheck.problem(text);
        if (problem == null) {
            return AddressCheck.parse(text) == null ? i18n.get("check.address.badHost") : "";
        }
        return switch (problem) {
            case EMPTY -> i18n.get("check.address.empty");
            case BAD_PORT -> i18n.get("check.address.badPort");
            case BAD_HOST -> i18n.get("check.address.badHost");
        };
    }

    public String port(String text) {
        if (text.isBlank()) {
            return i18n.get("check.port.empty");
        }
        return AddressCheck.isPort(text) ? "" : i18n.get("check.port.bad");
    }

    public String login(String text) {
        if (text.isEmpty()) {
            return i18n.get("check.login.empty");
        }
        if (text.codePointCount(0, text.length()) > Names.MAX_LOGIN) {
            return i18n.get("check.login.tooLong", Integer.toString(Names.MAX_LOGIN));
        }
        return Names.loginProblem(text) == null ? "" : i18n.get("check.login.badChars");
    }

    public String password(String text) {
        return text.isEmpty() ? i18n.get("check.password.empty") : "";
    }

    public String room(String text) {
        if (text.isBlank()) {
            return i18n.get("check.room.empty");
        }
        if (text.codePointCount(0, text.length()) > Names.MAX_ROOM) {
            return i18n.get("check.room.tooLong", Integer.toString(Names.MAX_ROOM));
        }
        if (!text.strip().equals(text)) {
            return i18n.get("check.room.spaces");
        }
        return Names.roomProblem(text) == null ? "" : i18n.get("check.room.control");
    }

    public String roomPassword(String text) {
        return text.isEmpty() ? i18n.get("check.roomPassword.empty") : "";
    }
}
