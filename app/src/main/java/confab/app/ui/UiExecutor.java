package confab.app.ui;

import java.util.function.Consumer;

/// Runs blocking work off the UI thread and hands its outcome back on the UI thread.
///
/// View-models do all network and disk work through this interface, so they never block the
/// UI and can be tested without a UI toolkit: [FxUiExecutor] is the JavaFX implementation, tests
/// use one that runs everything at once on the calling thread.
public interface UiExecutor {

    /// Blocking work that may fail.
    @FunctionalInterface
    interface Work<T> {
        T call() throws Exception;
    }

    /// A started piece of work that the user may give up on.
    interface Job {
        /// Stops waiting for the work: neither callback runs after this returns, the worker is
        /// interrupted, and a result that arrives anyway is closed if it is [AutoCloseable].
        void cancel();

        boolean isCancelled();
    }

    /// Starts `work` in the background; then runs `onDone` with its result or `onFailed` with
    /// its exception on the UI thread, unless the job was cancelled first.
    <T> Job submit(Work<T> work, Consumer<? super T> onDone, Consumer<? super Exception> onFailed);

    /// Runs `action` on the UI thread: now when called there, soon otherwise.
    void onUi(Runnable action);
}
