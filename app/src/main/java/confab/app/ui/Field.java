package confab.app.ui;

import java.util.function.UnaryOperator;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/// A text input of a form with its check. The check runs on every change; its message shows
/// once the field was typed in (an empty form does not greet anyone with errors) or when the
/// form is submitted ([#touch()]).
public final class Field {
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final UnaryOperator<String> check;
    private boolean touched;

    /// @param check the problem with a text, or `""` when it is fine
    public Field(UnaryOperator<String> check) {
        this.check = check;
        text.addListener(
                (obs, old, now) -> {
                    if (now != null && !now.isEmpty()) {
                        touched = true;
                    }
                    refresh();
                });
    }

    public StringProperty textProperty() {
        return text;
    }

    public String text() {
        return text.get() == null ? "" : text.get();
    }

    /// The problem to show under the field, `""` for none.
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public String problem() {
        return check.apply(text());
    }

    public boolean isValid() {
        return problem().isEmpty();
    }

    /// Shows the field's problem even if nobody typed in it yet.
    public void touch() {
        touched = true;
        refresh();
    }

    /// Runs the check again.
    public void refresh() {
        message.set(touched ? problem() : "");
    }
}
