package confab.app.connect;

import java.io.IOException;
import java.util.List;

/// Starts a host inside the app.
@FunctionalInterface
public interface HostLauncher {

    /// A host that runs until closed.
    interface RunningHost extends AutoCloseable {
        /// The port it listens on.
        int port();

        /// Addresses friends can type ("ip:port"), one per LAN address of this machine.
        List<String> joinAddresses();

        /// Stops the host; never throws.
        @Override
        void close();
    }

    /// Starts listening on `port` (blocking until it listens). `activity` is told about
    /// connections, logins and rooms.
    RunningHost start(int port, HostActivity activity) throws IOException;
}
