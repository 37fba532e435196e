package confab.app.ui;

import java.util.function.Consumer;

/// Runs work at once on the calling thread, which also plays the UI thread: view-model tests
/// see every outcome as soon as the call returns.
public final class DirectUiExecutor implements UiExecutor {
    @Override
    public <T> Job submit(
            Work<T> work, Consumer<? super T> onDone, Consumer<? super Exception> onFailed) {
        T result;
        try {
            result = work.call();
        } catch (Exception e) {
            onFailed.accept(e);
            return DONE;
        }
        onDone.accept(result);
        return DONE;
    }

    @Override
    public void onUi(Runnable action) {
        action.run();
    }

    private static final Job DONE =
            new Job() {
                @Override
                public void cancel() {}

                @Override
                public boolean isCancelled() {
                    return false;
                }
            };
}
