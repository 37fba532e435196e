package confab.crypto.wire;

import java.util.regex.Pattern;

/// Rules for logins and room names, shared by client, host and codec so that all three refuse
/// the same things with the same words.
public final class Names {
    /// Longest login, in code points.
    public static final int MAX_LOGIN = 32;

    /// Longest room name, in code points.
    public static final int MAX_ROOM = 64;

    private static final Pattern LOGIN = Pattern.compile("[\\p{L}\\p{N}._-]+");

    private Names() {}

    /// Why `login` is not acceptable, or `null` when it is.
    public static String loginProblem(String login) {
        if (login == null || login.isEmpty()) {
            return "login is empty";
        }
        if (login.codePointCount(0, login.length()) > MAX_LOGIN) {
            return "login is longer than " + MAX_LOGIN + " characters";
        }
        if (!LOGIN.matcher(login).matches()) {
            return "login may contain only letters, digits, '.', '_' and '-'";
        }
        return null;
    }

    /// Why `room` is not an acceptable room name, or `null` when it is.
    public static String roomProblem(String room) {
        if (room == null || room.isBlank()) {
            return "room name is empty";
        }
        if (room.codePointCount(0, room.length()) > MAX_ROOM) {
            return "room name is longer than " + MAX_ROOM + " characters";
        }
        if (!room.strip().equals(room)) {
            return "room name starts or ends with a space";
        }
        if (room.codePoints().anyMatch(Character::isISOControl)) {
            return "room name contains a control character";
        }
        // an unpaired surrogate is no character at all, and has no UTF-8 form
        if (room.codePoints()
                .anyMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
            return "room name contains a broken character";
        }
        return null;
    }

    static String requireLogin(String login) {
        String problem = loginProblem(login);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return login;
    }

    static String requireRoom(String room) {
        String problem = roomProblem(room);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return room;
    }
}
