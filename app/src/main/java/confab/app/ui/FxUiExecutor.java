package confab.app.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// [UiExecutor] for JavaFX: work runs on virtual threads, outcomes come back through
/// [Platform#runLater].
public final class FxUiExecutor implements UiExecutor, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FxUiExecutor.class);

    private final ExecutorService workers;

    private FxUiExecutor(ExecutorService workers) {
        this.workers = workers;
    }

    /// One worker: jobs run one after another in the order they were submitted (what a chat
    /// session needs, so that messages leave in the order they were typed).
    public static FxUiExecutor serial(String name) {
        return new FxUiExecutor(
                Executors.newSingleThreadExecutor(Thread.ofVirtual().name(name).factory()));
    }

    /// A fresh virtual thread per job: a stuck job (a connection attempt the user cancelled)
    /// never holds up the next one.
    public static FxUiExecutor concurrent(String name) {
        return new FxUiExecutor(
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name, 1).factory()));
    }

    @Override
    public <T> Job submit(
            Work<T> work, Consumer<? super T> onDone, Consumer<? super Exception> onFailed) {
        var job = new FxJob();
        job.future.set(
                workers.submit(
                        () -> {
                            if (job.isCancelled()) {
                                return;
                            }
                            try {
                                T result = work.call();
                                deliver(job, result, () -> onDone.accept(result));
                            } catch (Exception e) {
                                deliver(job, null, () -> onFailed.accept(e));
                            } catch (Error e) {
                                LOG.error("background work failed", e);
                                throw e;
                            }
                        }));
        return job;
    }

    private static void deliver(FxJob job, Object result, Runnable callback) {
        Platform.runLater(
                () -> {
                    if (job.isCancelled()) {
                        closeQuietly(result);
                    } else {
                        callback.run();
                    }
                });
    }

    static void closeQuietly(Object result) {
        if (result instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("closing an abandoned result failed", e);
            }
        }
    }

    @Override
    public void onUi(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    /// Stops taking work and interrupts what runs.
    @Override
    public void close() {
        workers.shutdownNow();
    }

    private static final class FxJob implements Job {
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final AtomicReference<Future<?>> future = new AtomicReference<>();

        @Override
        public void cancel() {
            if (cancelled.compareAndSet(false, true)) {
                Future<?> running = future.get();
                if (running != null) {
                    running.cancel(true);
                }
            }
        }

        @Override
        public boolean isCancelled() {
            return cancelled.get();
        }
    }
}
