package confab.app.session;

import confab.crypto.wire.ErrorCode;
import java.util.Objects;
import java.util.Optional;

/// Everything that can go wrong in a {@link ClientSession}, typed, with a message fit to show
/// the user as it is.
public final class SessionException extends Exception {
    /// What went wrong, for programs; the message says it for people.
    public enum Kind {
        /// No route to the host, or its name does not resolve.
        UNREACHABLE,
        /// The host machine answered but nothing listens on that port.
        REFUSED,
        /// No answer within the time allowed.
        TIMED_OUT,
        /// The host speaks another protocol version.
        INCOMPATIBLE_VERSION,
        /// The host takes no more connections right now.
        HOST_FULL,
        /// Wrong login, login password or room password.
        BAD_CREDENTIALS,
        /// Registration with a login that exists.
        LOGIN_TAKEN,
        /// Room creation with a name that exists.
        ROOM_EXISTS,
        /// Join of a room that does not exist.
        NO_SUCH_ROOM,
        /// Too many attempts; wait and retry.
        RATE_LIMITED,
        /// The host could not prove it holds the verifier (SRP evidence M2 failed): it is not the
        /// host the account or room was created on.
        HOST_IMPERSONATION,
        /// The host sent something the protocol does not allow.
        PROTOCOL,
        /// Not connected (or the connection dropped while waiting for an answer).
        DISCONNECTED,
        /// The session was closed or the waiting thread interrupted.
        CANCELLED,
        /// The request itself is not acceptable (a bad name, a message too long, not in the room).
        INVALID
    }

    private final Kind kind;
    private final ErrorCode code;

    public SessionException(Kind kind, String message) {
        this(kind, null, message);
    }

    /// @param code the protocol's name for the refusal (the host's answer, or what the host
    ///     would have answered), so that a UI can say it in its own language; `null` for none
    public SessionException(Kind kind, ErrorCode code, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.code = code;
    }

    public SessionException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.code = null;
    }

    public Kind kind() {
        return kind;
    }

    /// The protocol's name for the refusal, when there is one: an [Kind#INVALID] request says
    /// here whether it was not logged in, not in the room or refused as such.
    public Optional<ErrorCode> code() {
        return Optional.ofNullable(code);
    }
}
