package confab.app.ui;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/// Holds submitted work until the test runs it, so that a test can act (cancel, type) while
/// work is "in flight". UI actions run at once.
public final class ManualUiExecutor implements UiExecutor {
    private final Deque<Runnable> pending = new ArrayDeque<>();

    @Override
    public <T> Job submit(
            Work<T> work, Consumer<? super T> onDone, Consumer<? super Exception> onFailed) {
        var job =
                new Job() {
                    boolean cancelled;

                    @Override
                    public void cancel() {
                        cancelled = true;
                    }

                    @Override
                    public boolean isCancelled() {
                        return cancelled;
                    }
                };
        pending.add(
                () -> {
                    T result;
                    try {
                        result = work.call();
                    } catch (Exception e) {
                        if (!job.cancelled) {
                            onFailed.accept(e);
                        }
                        return;
                    }
                    if (job.cancelled) {
                        FxUiExecutor.closeQuietly(result);
                    } else {
                        onDone.accept(result);
                    }
                });
        return job;
    }

    @Override
    public void onUi(Runnable action) {
        action.run();
    }

    /// Whether work waits to be run.
    public boolean hasPending() {
        return !pending.isEmpty();
    }

    /// Runs the oldest waiting work and delivers its outcome.
    public void runNext() {
        pending.remove().run();
    }
}
