package confab.app.ui.host;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import confab.app.i18n.I18n;
import confab.app.ui.Ui;
import confab.app.ui.host.HostDashboardViewModel.Connection;
import confab.app.ui.host.HostDashboardViewModel.Event;
import confab.app.ui.host.HostDashboardViewModel.Room;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/// The host dashboard: addresses to share, connections, rooms, and the host's activity log.
public final class HostDashboardView {
    private final I18n i18n;
    private final HostDashboardViewModel vm;
    private final DateTimeFormatter time;
    private final VBox root;

    /// @param stopHosting asks for confirmation, then stops the host
    /// @param backToStart leaves for the start screen once the host stopped
    public HostDashboardView(
            I18n i18n, HostDashboardViewModel vm, Runnable stopHosting, Runnable backToStart) {
        this.i18n = i18n;
        this.vm = vm;
        this.time =
                DateTimeFormatter.ofLocalizedTime(FormatStyle.MEDIUM)
                        .withLocale(i18n.locale())
                        .withZone(ZoneId.systemDefault());

        Label title = new Label();
        title.setId("host-status");
        title.getStyleClass().add(Styles.TITLE_3);
        title.textProperty()
                .bind(
                        Bindings.createStringBinding(
                                () ->
                                        vm.runningProperty().get()
                                                ? i18n.get(
                                                        "dashboard.running",
                                                        Integer.toString(vm.port()))
                                                : i18n.get("dashboard.stopped"),
                                vm.runningProperty()));
        title.graphicProperty()
                .bind(
                        Bindings.createObjectBinding(
                                () ->
                                        Ui.icon(
                                                vm.runningProperty().get()
                                                        ? Feather.RADIO
                                                        : Feather.SLASH),
                                vm.runningProperty()));
        Button stop = new Button(i18n.get("host.stop"), Ui.icon(Feather.POWER));
        stop.setId("dashboard-stop");
        stop.setTooltip(Ui.tip(i18n.get("host.stop.tooltip")));
        stop.getStyleClass().add(Styles.DANGER);
        stop.disableProperty().bind(vm.runningProperty().not().or(vm.stoppingProperty()));
        stop.setOnAction(e -> stopHosting.run());
        Ui.showWhen(stop, vm.runningProperty());
        Button back = new Button(i18n.get("chat.backToStart"), Ui.icon(Feather.ARROW_LEFT));
        back.setId("dashboard-back");
        back.setOnAction(e -> backToStart.run());
        Ui.showWhen(back, vm.runningProperty().not());
        HBox header = new HBox(12, title, new Spacer(), stop, back);
        header.setAlignment(Pos.CENTER_LEFT);

        Label shareCaption = new Label(i18n.get("dashboard.share"));
        shareCaption.getStyleClass().add(Styles.TEXT_BOLD);
        VBox addresses =
                Ui.addressList(vm.addresses(), i18n.get("common.copy"), i18n.get("common.copied"));
        addresses.setId("dashboard-addresses");
        Label noLan = new Label(i18n.get("host.addresses.none"));
        noLan.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        Ui.showWhen(noLan, Bindings.isEmpty(vm.addresses()));
        Label local = new Label(i18n.get("host.addresses.local", vm.localAddress()));
        local.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        VBox share = new VBox(6, shareCaption, addresses, noLan, local);
        share.getStyleClass().add("share-box");

        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(16);
        grid.add(
                section(countTitle("dashboard.connections", vm.connections()), connections()),
                0,
                0);
        grid.add(section(countTitle("dashboard.rooms", vm.rooms()), rooms()), 1, 0);
        Node activity =
                section(new ReadOnlyStringWrapper(i18n.get("dashboard.activity")), activity());
        grid.add(activity, 0, 1, 2, 1);
        var half = new javafx.scene.layout.ColumnConstraints();
        half.setPercentWidth(50);
        grid.getColumnConstraints().addAll(half, half);
        VBox.setVgrow(grid, Priority.ALWAYS);

        root = new VBox(16, header, share, grid);
        root.setPadding(new Insets(16));
        root.getStyleClass().add("host-dashboard");
    }

    public Parent root() {
        ScrollPane scroll = new ScrollPane(root);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        return scroll;
    }

    private ObservableValue<String> countTitle(
            String key, javafx.collections.ObservableList<?> list) {
        return Bindings.createStringBinding(
                () -> i18n.get(key, Integer.toString(list.size())), list);
    }

    private static Node section(ObservableValue<String> title, Node body) {
        Label caption = new Label();
        caption.textProperty().bind(title);
        caption.getStyleClass().add(Styles.TEXT_BOLD);
        VBox.setVgrow(body, Priority.ALWAYS);
        VBox box = new VBox(6, caption, body);
        box.setMinHeight(160);
        return box;
    }

    private Node connections() {
        TableView<Connection> table = new TableView<>(vm.connections());
        table.setId("dashboard-connections");
        table.getColumns()
                .add(
                        column(
                                i18n.get("dashboard.col.login"),
                                c ->
                                        c.login() == null
                                                ? i18n.get("dashboard.notLoggedIn")
                                                : c.login()));
        table.getColumns().add(column(i18n.get("dashboard.col.address"), Connection::remote));
        table.getColumns()
                .add(column(i18n.get("dashboard.col.since"), c -> time.format(c.since())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label(i18n.get("dashboard.connections.none")));
        table.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        return table;
    }

    private Node rooms() {
        TableView<Room> table = new TableView<>(vm.rooms());
        table.setId("dashboard-rooms");
        table.getColumns().add(column(i18n.get("dashboard.col.room"), Room::name));
        table.getColumns()
                .add(
                        column(
                                i18n.get("dashboard.col.state"),
                                r -> i18n.get(r.active() ? "dashboard.active" : "dashboard.idle")));
        table.getColumns()
                .add(
                        column(
                                i18n.get("dashboard.col.members"),
                                r -> String.join(", ", r.members())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label(i18n.get("dashboard.rooms.none")));
        table.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        return table;
    }

    private Node activity() {
        ListView<Event> list = new ListView<>(vm.events());
        list.setId("dashboard-activity");
        list.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        list.setPlaceholder(new Label(i18n.get("dashboard.activity.none")));
        list.setCellFactory(
                l ->
                        new ListCell<>() {
                            @Override
                            protected void updateItem(Event event, boolean empty) {
                                super.updateItem(event, empty);
                                getStyleClass().removeAll("warning-event");
                                if (empty || event == null) {
                                    setText(null);
                                    setGraphic(null);
                                    return;
                                }
                                setText(time.format(event.time()) + "  " + event.text());
                                setGraphic(
                                        Ui.icon(
                                                event.warning()
                                                        ? Feather.ALERT_TRIANGLE
                                                        : Feather.INFO));
                                if (event.warning()) {
                                    getStyleClass().add("warning-event");
                                }
                            }
                        });
        vm.events()
                .addListener(
                        (ListChangeListener<Event>)
                                c -> list.scrollTo(Math.max(0, vm.events().size() - 1)));
        return list;
    }

    private static <T> TableColumn<T, String> column(String title, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setSortable(false);
        return column;
    }
}
