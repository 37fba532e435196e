package confab.app.ui.start;

import atlantafx.base.controls.Card;
import atlantafx.base.controls.Message;
import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import confab.app.i18n.I18n;
import confab.app.ui.Ui;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/// The start screen: "Host a room" and "Join a room" side by side. Binds the two form
/// view-models and nothing else.
public final class StartView {
    private final BorderPane root = new BorderPane();

    public StartView(
            I18n i18n, HostFormViewModel host, JoinFormViewModel join, MenuButton settings) {
        Label title = new Label(i18n.get("app.name"), Ui.icon(Feather.MESSAGE_SQUARE));
        title.getStyleClass().addAll(Styles.TITLE_3, "app-title");
        HBox header = new HBox(8, title, new Spacer(), settings);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("app-header");

        Label intro = new Label(i18n.get("start.intro"));
        intro.getStyleClass().addAll(Styles.TEXT_MUTED, "start-intro");
        intro.setWrapText(true);

        Node hostCard = hostCard(i18n, host);
        Node joinCard = joinCard(i18n, join);
        HBox cards = new HBox(24, hostCard, joinCard);
        HBox.setHgrow(hostCard, Priority.ALWAYS);
        HBox.setHgrow(joinCard, Priority.ALWAYS);
        cards.setAlignment(Pos.TOP_CENTER);

        VBox content = new VBox(16, intro, cards);
        content.setPadding(new Insets(8, 24, 24, 24));
        content.setMaxWidth(1100);
        BorderPane centered = new BorderPane(content);
        ScrollPane scroll = new ScrollPane(centered);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");

        root.setTop(header);
        root.setCenter(scroll);
        root.getStyleClass().add("start-view");
        root.setOnKeyPressed(
                e -> {
                    if (e.getCode() == KeyCode.ESCAPE) {
                        host.cancel();
                        join.cancel();
                    }
                });
    }

    public Parent root() {
        return root;
    }

    private static Node hostCard(I18n i18n, HostFormViewModel vm) {
        TextField login = new TextField();
        login.setId("host-login");
        PasswordField password = new PasswordField();
        password.setId("host-password");
        TextField room = new TextField();
        room.setId("host-room");
        room.setPromptText(i18n.get("host.room.prompt"));
        PasswordField roomPassword = new PasswordField();
        roomPassword.setId("host-room-password");
        TextField port = new TextField();
        port.setId("host-port");
        port.setPrefColumnCount(6);
        Button pick = new Button(i18n.get("host.port.pick"), Ui.icon(Feather.SHUFFLE));
        pick.setId("host-pick-port");
        pick.setTooltip(Ui.tip(i18n.get("host.port.pick.tooltip")));
        pick.setOnAction(e -> vm.pickFreePort());
        port.textProperty().bindBidirectional(vm.port().textProperty());
        HBox portRow = new HBox(8, port, pick);
        portRow.setAlignment(Pos.CENTER_LEFT);

        VBox addresses =
                Ui.addressList(vm.addresses(), i18n.get("common.copy"), i18n.get("common.copied"));
        addresses.setId("host-addresses");
        Label noLan = new Label(i18n.get("host.addresses.none"));
        noLan.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        noLan.setWrapText(true);
        noLan.visibleProperty().bind(Bindings.isEmpty(vm.addresses()));
        noLan.managedProperty().bind(noLan.visibleProperty());
        Label local = new Label();
        local.textProperty()
                .bind(
                        Bindings.createStringBinding(
                                () ->
                                        vm.localAddressProperty().get().isEmpty()
                                                ? ""
                                                : i18n.get(
                                                        "host.addresses.local",
                                                        vm.localAddressProperty().get()),
                                vm.localAddressProperty()));
        local.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        Label addressesCaption = new Label(i18n.get("host.addresses"));
        addressesCaption.getStyleClass().add("field-caption");
        VBox share = new VBox(4, addressesCaption, addresses, noLan, local);
        share.getStyleClass().add("share-box");

        Button start = new Button(i18n.get("host.start"), Ui.icon(Feather.PLAY));
        start.setId("host-start");
        start.getStyleClass().add(Styles.ACCENT);
        start.setOnAction(e -> vm.start());
        for (TextField f : new TextField[] {login, password, room, roomPassword, port}) {
            f.setOnAction(e -> vm.start());
        }

        VBox body =
                new VBox(
                        12,
                        Ui.pair(
                                Ui.field(i18n.get("host.login"), login, vm.login(), null),
                                Ui.field(i18n.get("host.password"), password, vm.password(), null)),
                        hint(i18n.get("host.login.hint")),
                        Ui.pair(
                                Ui.field(i18n.get("host.room"), room, vm.room(), null),
                                Ui.field(
                                        i18n.get("host.roomPassword"),
                                        roomPassword,
                                        vm.roomPassword(),
                                        null)),
                        hint(i18n.get("host.roomPassword.hint")),
                        Ui.field(
                                i18n.get("host.port"),
                                portRow,
                                vm.port().messageProperty(),
                                i18n.get("host.port.hint")),
                        share);
        vm.port()
                .messageProperty()
                .addListener(
                        (obs, old, now) ->
                                port.pseudoClassStateChanged(Styles.STATE_DANGER, !now.isEmpty()));
        return card(
                i18n,
                Feather.SERVER,
                i18n.get("host.title"),
                i18n.get("host.subtitle"),
                body,
                start,
                vm.busyProperty(),
                vm.progressProperty(),
                vm.failureProperty(),
                vm::cancel,
                "host");
    }

    private static Node joinCard(I18n i18n, JoinFormViewModel vm) {
        ComboBox<String> host = new ComboBox<>(vm.recentHosts());
        host.setId("join-host");
        host.setEditable(true);
        host.setMaxWidth(Double.MAX_VALUE);
        host.setPromptText(i18n.get("join.host.prompt"));
        host.getEditor().textProperty().bindBidirectional(vm.host().textProperty());
        host.valueProperty()
                .addListener(
                        (obs, old, now) -> {
                            if (now != null) {
                                vm.host().textProperty().set(now);
                            }
                        });
        TextField login = new TextField();
        login.setId("join-login");
        PasswordField password = new PasswordField();
        password.setId("join-password");

        ToggleGroup mode = new ToggleGroup();
        ToggleButton existing = new ToggleButton(i18n.get("join.mode.login"));
        existing.setId("join-mode-login");
        existing.getStyleClass().add(Styles.LEFT_PILL);
        ToggleButton create = new ToggleButton(i18n.get("join.mode.create"));
        create.setId("join-mode-create");
        create.getStyleClass().add(Styles.RIGHT_PILL);
        existing.setToggleGroup(mode);
        create.setToggleGroup(mode);
        (vm.createAccountProperty().get() ? create : existing).setSelected(true);
        mode.selectedToggleProperty()
                .addListener(
                        (obs, old, now) -> {
                            if (now == null) {
                                old.setSelected(true); // one of the two is always chosen
                            } else {
                                vm.createAccountProperty().set(now == create);
                            }
                        });
        HBox modes = new HBox(existing, create);
        Label modeHint = new Label();
        modeHint.textProperty()
                .bind(
                        Bindings.when(vm.createAccountProperty())
                                .then(i18n.get("join.mode.create.hint"))
                                .otherwise(i18n.get("join.mode.login.hint")));
        modeHint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        modeHint.setWrapText(true);

        Button connect = new Button(i18n.get("join.connect"), Ui.icon(Feather.LOG_IN));
        connect.setId("join-connect");
        connect.getStyleClass().add(Styles.ACCENT);
        connect.setOnAction(e -> vm.connect());
        host.getEditor().setOnAction(e -> vm.connect());
        login.setOnAction(e -> vm.connect());
        password.setOnAction(e -> vm.connect());

        VBox body =
                new VBox(
                        12,
                        Ui.field(
                                i18n.get("join.host"),
                                host,
                                vm.host().messageProperty(),
                                i18n.get("join.host.hint")),
                        new VBox(6, modes, modeHint),
                        Ui.pair(
                                Ui.field(i18n.get("join.login"), login, vm.login(), null),
                                Ui.field(i18n.get("join.password"), password, vm.password(), null)),
                        tip(i18n.get("join.tip")));
        vm.host()
                .messageProperty()
                .addListener(
                        (obs, old, now) ->
                                host.getEditor()
                                        .pseudoClassStateChanged(
                                                Styles.STATE_DANGER, !now.isEmpty()));
        return card(
                i18n,
                Feather.LOG_IN,
                i18n.get("join.title"),
                i18n.get("join.subtitle"),
                body,
                connect,
                vm.busyProperty(),
                vm.progressProperty(),
                vm.failureProperty(),
                vm::cancel,
                "join");
    }

    private static Node tip(String text) {
        Label tip = new Label(text, Ui.icon(Feather.INFO));
        tip.getStyleClass().addAll(Styles.TEXT_MUTED, "join-tip");
        tip.setWrapText(true);
        tip.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return tip;
    }

    private static Label hint(String text) {
        Label hint = new Label(text);
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        hint.setWrapText(true);
        hint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return hint;
    }

    // The frame both choices share: title, form, failure, progress with cancel, main button.
    private static Node card(
            I18n i18n,
            Feather icon,
            String title,
            String subtitle,
            VBox body,
            Button action,
            ReadOnlyBooleanProperty busy,
            ReadOnlyStringProperty progress,
            ReadOnlyStringProperty failure,
            Runnable cancel,
            String id) {
        Label heading = new Label(title, Ui.icon(icon));
        heading.getStyleClass().addAll(Styles.TITLE_3, "card-title");
        Label sub = new Label(subtitle);
        sub.getStyleClass().add(Styles.TEXT_MUTED);
        sub.setWrapText(true);
        sub.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);

        Message problem =
                new Message(i18n.get("common.failed"), "", Ui.icon(Feather.ALERT_TRIANGLE));
        problem.getStyleClass().add(Styles.DANGER);
        problem.descriptionProperty().bind(failure);
        problem.setId(id + "-failure");
        Ui.hideWhenEmpty(problem, failure);
        body.getChildren().add(problem);

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(20, 20);
        Label doing = new Label();
        doing.textProperty().bind(progress);
        doing.setId(id + "-progress");
        doing.setWrapText(true);
        Button stop = new Button(i18n.get("common.cancel"));
        stop.setId(id + "-cancel");
        stop.setCancelButton(false);
        stop.setOnAction(e -> cancel.run());
        stop.setTooltip(Ui.tip(i18n.get("common.cancel.tooltip")));
        HBox working = new HBox(10, spinner, doing, new Spacer(), stop);
        working.setAlignment(Pos.CENTER_LEFT);
        Ui.showWhen(working, busy);

        action.disableProperty().bind(busy);
        action.setMaxWidth(Double.MAX_VALUE);
        action.setDefaultButton(false);
        VBox footer = new VBox(10, working, action);

        Card card = new Card();
        card.setHeader(new VBox(4, heading, sub));
        card.setBody(body);
        card.setFooter(footer);
        card.getStyleClass().addAll("start-card", Styles.ELEVATED_1);
        card.setId(id + "-card");
        card.setMinWidth(340);
        card.setMaxWidth(520);
        body.disableProperty().bind(busy);
        return card;
    }
}
