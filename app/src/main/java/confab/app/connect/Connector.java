package confab.app.connect;

import confab.app.session.HostAddress;
import confab.app.session.SessionException;
import confab.app.session.SessionListener;

/// Opens connections to hosts.
@FunctionalInterface
public interface Connector {
    /// Connects to `address` (blocking, up to the connector's timeout); `listener` receives the
    /// connection's events on the connection's own thread.
    ChatConnection connect(HostAddress address, SessionListener listener) throws SessionException;
}
