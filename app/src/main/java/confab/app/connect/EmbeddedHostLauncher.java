package confab.app.connect;

import confab.app.ui.UiExecutor;
import confab.crypto.wire.EvictionReason;
import confab.host.Defence;
import confab.host.HostConfig;
import confab.host.HostEngine;
import confab.host.HostListener;
import confab.host.LoginRefusal;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/// [HostLauncher] that runs a [HostEngine] in this process, with its data in `dataDir`.
/// The engine's events are moved to the UI thread before they reach the [HostActivity].
public final class EmbeddedHostLauncher implements HostLauncher {
    private final Path dataDir;
    private final String bindAddress;
    private final UiExecutor ui;

    /// @param bindAddress `0.0.0.0` so that friends on the network can connect, `127.0.0.1` for
    ///     a host only this machine reaches (tests)
    public EmbeddedHostLauncher(Path dataDir, String bindAddress, UiExecutor ui) {
        this.dataDir = dataDir;
        this.bindAddress = bindAddress;
        this.ui = ui;
    }

    @Override
    public RunningHost start(int port, HostActivity activity) throws IOException {
        HostEngine engine =
                HostEngine.start(
                        HostConfig.builder(dataDir).bind(bindAddress, port).build(),
                        new ToUiThread(activity, ui));
        return new RunningHost() {
            @Override
            public int port() {
                return engine.port();
            }

            @Override
            public List<String> joinAddresses() {
                return engine.joinAddresses();
            }

            @Override
            public void close() {
                engine.close();
            }
        };
    }

    private record ToUiThread(HostActivity activity, UiExecutor ui) implements HostListener {
        @Override
        public void connectionOpened(long id, InetSocketAddress remote) {
            ui.onUi(() -> activity.connectionOpened(id, remote));
        }

        @Override
        public void connectionClosed(long id, InetSocketAddress remote, String why) {
            ui.onUi(() -> activity.connectionClosed(id, remote, why));
        }

        @Override
        public void loggedIn(long id, String login) {
            ui.onUi(() -> activity.loggedIn(id, login));
        }

        @Override
        public void loginFailed(InetSocketAddress remote, String login, LoginRefusal why) {
            ui.onUi(() -> activity.loginFailed(remote, login, why));
        }

        @Override
        public void roomCreated(String room, String by) {
            ui.onUi(() -> activity.roomCreated(room, by));
        }

        @Override
        public void roomActive(String room) {
            ui.onUi(() -> activity.roomActive(room));
        }

        @Override
        public void roomIdle(String room) {
            ui.onUi(() -> activity.roomIdle(room));
        }

        @Override
        public void memberJoined(String room, String login) {
            ui.onUi(() -> activity.memberJoined(room, login));
        }

        @Override
        public void memberLeft(String room, String login) {
            ui.onUi(() -> activity.memberLeft(room, login));
        }

        @Override
        public void memberEvicted(String room, String login, EvictionReason reason) {
            ui.onUi(() -> activity.memberEvicted(room, login, reason));
        }

        @Override
        public void defended(InetSocketAddress remote, Defence what) {
            ui.onUi(() -> activity.defended(remote, what));
        }
    }
}
