package confab.app.ui;

import atlantafx.base.theme.Styles;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/// Small building blocks the views share.
public final class Ui {
    private Ui() {}

    public static FontIcon icon(Ikon ikon) {
        return new FontIcon(ikon);
    }

    /// A label that takes no room while its text is empty.
    public static Label collapsing(ObservableValue<String> text, String... styles) {
        Label label = new Label();
        label.textProperty().bind(text);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.getStyleClass().addAll(styles);
        hideWhenEmpty(label, text);
        return label;
    }

    /// Hides `node` (and frees its room) while `text` is empty.
    public static void hideWhenEmpty(Node node, ObservableValue<String> text) {
        node.visibleProperty()
                .bind(Bindings.createBooleanBinding(() -> !isEmpty(text.getValue()), text));
        node.managedProperty().bind(node.visibleProperty());
    }

    /// Shows `node` (and gives it room) only while `shown` holds.
    public static void showWhen(Node node, ObservableValue<Boolean> shown) {
        node.visibleProperty().bind(Bindings.createBooleanBinding(() -> shown.getValue(), shown));
        node.managedProperty().bind(node.visibleProperty());
    }

    /// A form row: caption, input and the input's problem under it; the input turns red while
    /// there is a problem.
    public static VBox field(String caption, TextInputControl input, Field field, String hint) {
        input.textProperty().bindBidirectional(field.textProperty());
        return field(caption, (Node) input, field.messageProperty(), hint);
    }

    /// A form row for any input whose problem is `message`.
    public static VBox field(
            String caption, Node input, ObservableValue<String> message, String hint) {
        Label label = new Label(caption);
        label.getStyleClass().add("field-caption");
        label.setLabelFor(input);
        Label problem = collapsing(message, "field-problem");
        if (input.getId() != null) {
            problem.setId(input.getId() + "-problem");
        }
        message.addListener(
                (obs, old, now) ->
                        input.pseudoClassStateChanged(Styles.STATE_DANGER, !isEmpty(now)));
        VBox box = new VBox(4, label, input, problem);
        if (hint != null) {
            Label hintLabel = new Label(hint);
            hintLabel.getStyleClass().addAll("field-hint", Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            hintLabel.setWrapText(true);
            hintLabel.setMinHeight(Region.USE_PREF_SIZE);
            hintLabel
                    .visibleProperty()
                    .bind(
                            Bindings.createBooleanBinding(
                                    () -> isEmpty(message.getValue()), message));
            hintLabel.managedProperty().bind(hintLabel.visibleProperty());
            box.getChildren().add(hintLabel);
        }
        return box;
    }

    /// Two form rows side by side, sharing the width equally.
    public static GridPane pair(Node left, Node right) {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        ColumnConstraints half = new ColumnConstraints();
        half.setPercentWidth(50);
        half.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(half, half);
        grid.add(left, 0, 0);
        grid.add(right, 1, 0);
        GridPane.setValignment(left, javafx.geometry.VPos.TOP);
        GridPane.setValignment(right, javafx.geometry.VPos.TOP);
        return grid;
    }

    /// A flat icon button with a tooltip.
    public static Button iconButton(Ikon ikon, String tooltip) {
        Button button = new Button(null, icon(ikon));
        button.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        button.setTooltip(tip(tooltip));
        button.setAccessibleText(tooltip);
        return button;
    }

    public static Tooltip tip(String text) {
        Tooltip tooltip = new Tooltip(text);
        tooltip.setShowDelay(Duration.millis(400));
        return tooltip;
    }

    public static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    /// A list of addresses, each with a copy button; the rows follow `addresses`.
    public static VBox addressList(
            ObservableList<String> addresses, String copyTip, String copiedTip) {
        VBox box = new VBox(4);
        box.getStyleClass().add("address-list");
        Runnable fill =
                () ->
                        box.getChildren()
                                .setAll(
                                        addresses.stream()
                                                .map(a -> addressRow(a, copyTip, copiedTip))
                                                .toList());
        addresses.addListener((javafx.collections.ListChangeListener<String>) c -> fill.run());
        fill.run();
        return box;
    }

    /// One address with its copy button.
    public static HBox addressRow(String address, String copyTip, String copiedTip) {
        Label text = new Label(address);
        text.getStyleClass().add("address");
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        Button copy = iconButton(org.kordamp.ikonli.feather.Feather.COPY, copyTip);
        copy.getStyleClass().add(Styles.SMALL);
        copy.setOnAction(
                e -> {
                    copy(address);
                    copy.getTooltip().setText(copiedTip);
                });
        copy.setOnMouseExited(e -> copy.getTooltip().setText(copyTip));
        HBox row = new HBox(6, text, copy);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("address-row");
        return row;
    }

    /// Sets `styleClass` on `node` exactly while `on` holds.
    public static void styleWhen(Node node, String styleClass, ObservableValue<Boolean> on) {
        Runnable apply =
                () -> {
                    List<String> classes = node.getStyleClass();
                    boolean wanted = Boolean.TRUE.equals(on.getValue());
                    if (wanted && !classes.contains(styleClass)) {
                        classes.add(styleClass);
                    } else if (!wanted) {
                        classes.removeAll(List.of(styleClass));
                    }
                };
        on.addListener((obs, old, now) -> apply.run());
        apply.run();
    }

    private static boolean isEmpty(String text) {
        return text == null || text.isEmpty();
    }
}
