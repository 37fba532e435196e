package confab.crypto;

/// The message was sealed under another sender's key than the one it claims: for example a
/// message sealed by alice presented as bob's.
public final class MisattributedMessageException extends MessageRejectedException {
    MisattributedMessageException(String message) {
        super(message);
    }
}
