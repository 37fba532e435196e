package confab.app.ui;

import confab.app.connect.HostActivity;
import confab.app.connect.HostLauncher;
import java.io.IOException;
import java.util.List;

/// A [HostLauncher] whose host only remembers whether it runs.
public final class FakeHost implements HostLauncher, HostLauncher.RunningHost {
    public IOException failure;
    public int port;
    public boolean running;
    public int starts;
    public HostActivity activity;
    public List<String> joinAddresses = List.of("192.168.1.20");

    @Override
    public RunningHost start(int wanted, HostActivity activity) throws IOException {
        starts++;
        if (failure != null) {
            throw failure;
        }
        this.port = wanted;
        this.activity = activity;
        running = true;
        return this;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public List<String> joinAddresses() {
        return joinAddresses.stream().map(a -> a + ":" + port).toList();
    }

    @Override
    public void close() {
        running = false;
    }
}
