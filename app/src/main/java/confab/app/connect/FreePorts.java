package confab.app.connect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/// Finds a TCP port nothing listens on right now.
public final class FreePorts {
    private FreePorts() {}

    /// A port the OS just handed out as free; another program may still take it before the
    /// host binds it, in which case starting the host reports the port as taken.
    public static int pick() {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
