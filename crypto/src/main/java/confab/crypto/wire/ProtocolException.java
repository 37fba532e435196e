package confab.crypto.wire;

/// A peer broke the protocol: a frame, its JSON (or binary form) or a value in it is not
/// acceptable.
///
/// Checked, so that every reader of the network has to decide what a violation means (for the
/// host: close the connection). The codec and the framers throw nothing else for bad input.
public final class ProtocolException extends Exception {
    /// What was wrong, for programs; the message says it for people.
    public enum Kind {
        /// A frame announces more than the maximum payload, or a negative length.
        FRAME_TOO_LARGE,
        /// The stream ended inside a frame.
        TRUNCATED,
        /// Not JSON (RFC 8259, strictly), not UTF-8, an escaped lone surrogate (`"\ud800"`), or
        /// an object with a duplicate member name.
        MALFORMED_JSON,
        /// The `type` member names no message that has a JSON form.
        UNKNOWN_TYPE,
        /// A member the message needs is absent.
        MISSING_FIELD,
        /// A member the message does not have.
        UNKNOWN_FIELD,
        /// A value of the wrong JSON type, `null` included.
        WRONG_TYPE,
        /// A value of the right JSON type that the message does not accept: a number that is not
        /// an integer in range, bad Base64, an unknown enum name, a bad login or room name.
        INVALID_VALUE,
        /// Something follows the JSON value.
        TRAILING_DATA,
        /// A binary payload (only `delivered` has one, see `MessageCodec`) ends before its fields
        /// do, or a name in it is not UTF-8.
        MALFORMED_BINARY
    }

    private final Kind kind;

    public ProtocolException(Kind kind, String message) {
        this(kind, message, null);
    }

    public ProtocolException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public String toString() {
        return "ProtocolException[" + kind + "]: " + getMessage();
    }
}
