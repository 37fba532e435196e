package confab.crypto;

/// The sealed message has a format version this build does not know (a newer client sent it, or
/// the version byte was changed).
public final class UnsupportedFormatException extends MessageRejectedException {
    UnsupportedFormatException(String message) {
        super(message);
    }
}
