package confab.crypto;

/// A message with this sender and counter was accepted before, or its counter is too old for the
/// replay window to tell.
public final class ReplayedMessageException extends MessageRejectedException {
    ReplayedMessageException(String message) {
        super(message);
    }
}
