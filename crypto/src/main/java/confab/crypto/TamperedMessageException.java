package confab.crypto;

/// The message was changed on the way, cut short, or is not a sealed message at all: its
/// authentication tag does not verify.
public final class TamperedMessageException extends MessageRejectedException {
    TamperedMessageException(String message) {
        super(message);
    }
}
