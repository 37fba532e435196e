/// Everything that crosses the wire and how it is protected: protocol records, framing, the
/// JSON codec, key derivation, message sealing and SRP-6a login. No sockets, no threads.
module confab.crypto {
    requires com.google.gson;
    requires org.bouncycastle.provider;

    exports confab.crypto;
    exports confab.crypto.wire;
}
