package confab.app.ui.chat;

import atlantafx.base.controls.Message;
import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import confab.app.i18n.I18n;
import confab.app.ui.Ui;
import confab.app.ui.chat.ChatViewModel.ConnectionState;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.NodeOrientation;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.PasswordField;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.kordamp.ikonli.feather.Feather;

/// The chat window: rooms on the left, the shown room's messages and composer in the middle,
/// its members on the right; the host dashboard in a second tab when this app hosts.
public final class ChatView {
    private final I18n i18n;
    private final ChatViewModel vm;
    private final BorderPane root = new BorderPane();
    private final ListView<RoomViewModel> roomList = new ListView<>();
    private final ListView<ChatLine> messageList = new ListView<>();
    private final TextArea composer = new TextArea();
    private final ToggleButton newRoomToggle;
    private final TextField newRoomName = new TextField();
    private final TabPane tabs = new TabPane();

    // what the shown room is like; rebound when another room is shown
    private final BooleanProperty shownJoined = new SimpleBooleanProperty();
    private final BooleanProperty shownIdle = new SimpleBooleanProperty();
    private final ObservableList<String> noMembers = FXCollections.observableArrayList();

    /// @param dashboard the host dashboard when this app hosts, else `null`
    /// @param backToStart leaves the chat for the start screen
    public ChatView(
            I18n i18n,
            ChatViewModel vm,
            Node dashboard,
            MenuButton settings,
            Runnable backToStart) {
        this.i18n = i18n;
        this.vm = vm;
        this.newRoomToggle = new ToggleButton(null, Ui.icon(Feather.PLUS));

        Node chat = chatPane(backToStart);
        if (dashboard == null) {
            root.setCenter(chat);
        } else {
            Tab chatTab = new Tab(i18n.get("chat.tab.chat"), chat);
            chatTab.setGraphic(Ui.icon(Feather.MESSAGE_SQUARE));
            Tab hostTab = new Tab(i18n.get("chat.tab.host"), dashboard);
            hostTab.setGraphic(Ui.icon(Feather.SERVER));
            hostTab.setId("tab-host");
            tabs.getTabs().addAll(chatTab, hostTab);
            tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
            root.setCenter(tabs);
        }
        root.setTop(toolbar(settings, backToStart));
        root.getStyleClass().add("chat-view");
    }

    public Parent root() {
        return root;
    }

    /// Puts the cursor into the composer.
    public void focusComposer() {
        composer.requestFocus();
    }

    /// The window's keyboard shortcuts.
    public void installShortcuts(Scene scene) {
        var keys = scene.getAccelerators();
        keys.put(
                new KeyCodeCombination(KeyCode.PAGE_DOWN, KeyCombination.SHORTCUT_DOWN),
                () -> vm.selectNext(1));
        keys.put(
                new KeyCodeCombination(KeyCode.PAGE_UP, KeyCombination.SHORTCUT_DOWN),
                () -> vm.selectNext(-1));
        keys.put(
                new KeyCodeCombination(KeyCode.DOWN, KeyCombination.ALT_DOWN),
                () -> vm.selectNext(1));
        keys.put(
                new KeyCodeCombination(KeyCode.UP, KeyCombination.ALT_DOWN),
                () -> vm.selectNext(-1));
        keys.put(
                new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN),
                () -> {
                    newRoomToggle.setSelected(true);
                    newRoomName.requestFocus();
                });
        keys.put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), vm::refreshRooms);
        keys.put(
                new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN),
                this::focusComposer);
    }

    private Node toolbar(MenuButton settings, Runnable backToStart) {
        Label app = new Label(i18n.get("app.name"), Ui.icon(Feather.MESSAGE_SQUARE));
        app.getStyleClass().addAll(Styles.TITLE_4, "app-title");
        Label who =
                new Label(i18n.get("chat.who", vm.login(), vm.address()), Ui.icon(Feather.USER));
        who.getStyleClass().add(Styles.TEXT_MUTED);
        who.setId("chat-who");
        Label badge = new Label(i18n.get("chat.encrypted"), Ui.icon(Feather.LOCK));
        badge.getStyleClass().addAll("encryption-badge", Styles.SUCCESS);
        badge.setTooltip(Ui.tip(i18n.get("chat.encrypted.tooltip")));
        badge.setId("encryption-badge");

        HBox bar = new HBox(12, app, new Separator(Orientation.VERTICAL), who, badge, new Spacer());
        if (vm.hosting()) {
            Button hosting =
                    new Button(
                            i18n.get("chat.hosting", Integer.toString(vm.port())),
                            Ui.icon(Feather.RADIO));
            hosting.getStyleClass().addAll(Styles.FLAT, "hosting-chip");
            hosting.setId("hosting-chip");
            hosting.setTooltip(Ui.tip(i18n.get("chat.hosting.tooltip")));
            hosting.setOnAction(e -> tabs.getSelectionModel().select(1));
            bar.getChildren().add(hosting);
        } else {
            Button leave = new Button(i18n.get("chat.disconnect"), Ui.icon(Feather.LOG_OUT));
            leave.setId("disconnect");
            leave.setTooltip(Ui.tip(i18n.get("chat.disconnect.tooltip")));
            leave.setOnAction(e -> backToStart.run());
            bar.getChildren().add(leave);
        }
        bar.getChildren().add(settings);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("app-header");
        return bar;
    }

    private Node chatPane(Runnable backToStart) {
        SplitPane split = new SplitPane(roomsPane(), conversationPane(backToStart), membersPane());
        split.setDividerPositions(0.22, 0.8);
        SplitPane.setResizableWithParent(split.getItems().get(0), false);
        SplitPane.setResizableWithParent(split.getItems().get(2), false);
        split.getStyleClass().add("chat-split");
        return split;
    }

    private Node roomsPane() {
        Label title = new Label(i18n.get("chat.rooms"));
        title.getStyleClass().addAll(Styles.TEXT_BOLD, "pane-title");
        Button refresh = Ui.iconButton(Feather.REFRESH_CW, i18n.get("chat.rooms.refresh"));
        refresh.setId("rooms-refresh");
        refresh.setOnAction(e -> vm.refreshRooms());
        newRoomToggle.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        newRoomToggle.setTooltip(Ui.tip(i18n.get("chat.rooms.new.tooltip")));
        newRoomToggle.setId("rooms-new");
        HBox header = new HBox(4, title, new Spacer(), refresh, newRoomToggle);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("pane-header");

        roomList.setItems(vm.rooms());
        roomList.setCellFactory(list -> new RoomCell());
        roomList.setId("room-list");
        roomList.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE, "room-list");
        roomList.setPlaceholder(new Label(i18n.get("chat.rooms.none")));
        VBox.setVgrow(roomList, Priority.ALWAYS);
        roomList.getSelectionModel()
                .selectedItemProperty()
                .addListener(
                        (obs, old, now) -> {
                            if (now != null) {
                                vm.selectedProperty().set(now);
                            }
                        });
        vm.selectedProperty()
                .addListener((obs, old, now) -> roomList.getSelectionModel().select(now));
        roomList.getSelectionModel().select(vm.selectedProperty().get());

        newRoomName.setId("new-room-name");
        newRoomName.setPromptText(i18n.get("chat.rooms.new.name"));
        newRoomName.textProperty().bindBidirectional(vm.newRoomName().textProperty());
        PasswordField newRoomPassword = new PasswordField();
        newRoomPassword.setId("new-room-password");
        newRoomPassword.setPromptText(i18n.get("chat.rooms.new.password"));
        newRoomPassword.textProperty().bindBidirectional(vm.newRoomPassword().textProperty());
        Button create = new Button(i18n.get("chat.rooms.new.create"));
        create.setId("new-room-create");
        create.getStyleClass().add(Styles.ACCENT);
        create.setMaxWidth(Double.MAX_VALUE);
        create.disableProperty().bind(vm.creatingProperty());
        create.setOnAction(e -> vm.createRoom());
        newRoomName.setOnAction(e -> vm.createRoom());
        newRoomPassword.setOnAction(e -> vm.createRoom());
        VBox form =
                new VBox(
                        6,
                        newRoomName,
                        Ui.collapsing(vm.newRoomName().messageProperty(), "field-problem"),
                        newRoomPassword,
                        Ui.collapsing(vm.newRoomPassword().messageProperty(), "field-problem"),
                        create,
                        Ui.collapsing(vm.createFailureProperty(), "field-problem"));
        form.getStyleClass().add("new-room-form");
        Ui.showWhen(form, newRoomToggle.selectedProperty());
        vm.selectedProperty()
                .addListener(
                        (obs, old, now) -> {
                            if (now != null
                                    && now.isJoined()
                                    && vm.newRoomName().text().isEmpty()) {
                                newRoomToggle.setSelected(false);
                            }
                        });

        VBox pane = new VBox(header, roomList, form);
        pane.getStyleClass().add("rooms-pane");
        pane.setMinWidth(180);
        pane.setPrefWidth(230);
        return pane;
    }

    private Node conversationPane(Runnable backToStart) {
        Label roomName = new Label();
        roomName.setGraphic(Ui.icon(Feather.HASH));
        roomName.getStyleClass().addAll(Styles.TITLE_4, "room-title");
        roomName.setId("room-title");
        roomName.textProperty()
                .bind(
                        Bindings.createStringBinding(
                                () ->
                                        vm.selectedProperty().get() == null
                                                ? ""
                                                : vm.selectedProperty().get().name(),
                                vm.selectedProperty()));
        Button leaveRoom = Ui.iconButton(Feather.LOG_OUT, i18n.get("chat.room.leave"));
        leaveRoom.setId("room-leave");
        leaveRoom.setOnAction(e -> vm.leave());
        Ui.showWhen(leaveRoom, shownJoined);
        HBox header = new HBox(8, roomName, new Spacer(), leaveRoom);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("pane-header");
        Ui.showWhen(header, Bindings.isNotNull(vm.selectedProperty()));

        // connection banner: reconnecting, host stopped, gave up
        Message connection = new Message("", "", Ui.icon(Feather.WIFI_OFF));
        connection.setId("connection-banner");
        connection
                .titleProperty()
                .bind(
                        Bindings.createStringBinding(
                                () -> bannerTitle(vm.stateProperty().get()), vm.stateProperty()));
        connection.descriptionProperty().bind(vm.bannerProperty());
        Ui.hideWhenEmpty(connection, vm.bannerProperty());
        Runnable styleBanner =
                () -> {
                    boolean over =
                            vm.stateProperty().get() == ConnectionState.HOST_STOPPED
                                    || vm.stateProperty().get() == ConnectionState.GAVE_UP;
                    connection.getStyleClass().removeAll(Styles.WARNING, Styles.DANGER);
                    connection.getStyleClass().add(over ? Styles.DANGER : Styles.WARNING);
                    connection.setActionHandler(over ? backToStart : null);
                };
        vm.stateProperty().addListener((obs, old, now) -> styleBanner.run());
        styleBanner.run();
        Button back = new Button(i18n.get("chat.backToStart"), Ui.icon(Feather.ARROW_LEFT));
        back.setId("back-to-start");
        back.setOnAction(e -> backToStart.run());
        Ui.showWhen(
                back,
                Bindings.createBooleanBinding(
                        () ->
                                vm.stateProperty().get() == ConnectionState.HOST_STOPPED
                                        || vm.stateProperty().get() == ConnectionState.GAVE_UP,
                        vm.stateProperty()));
        HBox backRow = new HBox(back);
        backRow.setAlignment(Pos.CENTER_RIGHT);
        Ui.showWhen(backRow, back.visibleProperty());

        Message problem = new Message(i18n.get("chat.problem"), "", Ui.icon(Feather.ALERT_CIRCLE));
        problem.getStyleClass().add(Styles.WARNING);
        problem.setId("problem-banner");
        problem.descriptionProperty().bind(vm.problemProperty());
        problem.setOnClose(e -> vm.dismissProblem());
        Ui.hideWhenEmpty(problem, vm.problemProperty());

        Label idle = new Label(i18n.get("chat.room.idle"), Ui.icon(Feather.MOON));
        idle.getStyleClass().addAll("idle-note", Styles.TEXT_MUTED);
        idle.setWrapText(true);
        idle.setId("idle-note");
        Ui.showWhen(idle, shownIdle);

        VBox banners = new VBox(8, connection, backRow, problem);
        banners.getStyleClass().add("banners");
        Ui.showWhen(
                banners,
                Bindings.createBooleanBinding(
                        () ->
                                !vm.bannerProperty().get().isEmpty()
                                        || !vm.problemProperty().get().isEmpty(),
                        vm.bannerProperty(),
                        vm.problemProperty()));

        StackPane content = new StackPane(messagesPane(), joinPane(), emptyPane());
        VBox.setVgrow(content, Priority.ALWAYS);

        VBox pane = new VBox(header, banners, content, idle, composerPane());
        pane.getStyleClass().add("conversation-pane");
        pane.setMinWidth(320);

        vm.selectedProperty().addListener((obs, old, now) -> show(now));
        show(vm.selectedProperty().get());
        return pane;
    }

    private Node messagesPane() {
        messageList.setId("message-list");
        messageList.setCellFactory(list -> new MessageCell(i18n, vm));
        messageList.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        messageList.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, "message-list");
        messageList.setPlaceholder(new Label(i18n.get("chat.messages.none")));
        MenuItem copy = new MenuItem(i18n.get("chat.messages.copy"), Ui.icon(Feather.COPY));
        copy.setAccelerator(new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN));
        copy.setOnAction(e -> copySelected());
        messageList.setContextMenu(new ContextMenu(copy));
        messageList.addEventHandler(
                KeyEvent.KEY_PRESSED,
                e -> {
                    if (e.isShortcutDown() && e.getCode() == KeyCode.C) {
                        copySelected();
                        e.consume();
                    }
                });
        Ui.showWhen(messageList, shownJoined);
        return messageList;
    }

    private void copySelected() {
        List<ChatLine> lines = List.copyOf(messageList.getSelectionModel().getSelectedItems());
        if (!lines.isEmpty()) {
            Ui.copy(vm.copyText(lines));
        }
    }

    private Node joinPane() {
        Label title = new Label();
        title.getStyleClass().add(Styles.TITLE_3);
        title.setGraphic(Ui.icon(Feather.LOCK));
        title.textProperty()
                .bind(
                        Bindings.createStringBinding(
                                () ->
                                        vm.selectedProperty().get() == null
                                                ? ""
                                                : i18n.get(
                                                        "chat.join.title",
                                                        vm.selectedProperty().get().name()),
                                vm.selectedProperty()));
        Label explain = new Label(i18n.get("chat.join.explain"));
        explain.getStyleClass().add(Styles.TEXT_MUTED);
        explain.setWrapText(true);
        PasswordField password = new PasswordField();
        password.setId("join-room-password");
        password.setPromptText(i18n.get("chat.join.password"));
        Button join = new Button(i18n.get("chat.join.button"), Ui.icon(Feather.LOG_IN));
        join.setId("join-room");
        join.getStyleClass().add(Styles.ACCENT);
        join.disableProperty().bind(vm.joiningProperty());
        join.setOnAction(e -> vm.join());
        password.setOnAction(e -> vm.join());
        HBox row = new HBox(8, password, join);
        HBox.setHgrow(password, Priority.ALWAYS);
        password.textProperty().bindBidirectional(vm.joinPassword().textProperty());
        Label problem = Ui.collapsing(vm.joinPassword().messageProperty(), "field-problem");
        Label failure = Ui.collapsing(vm.joinFailureProperty(), "field-problem");
        failure.setId("join-room-failure");
        VBox form = new VBox(10, title, explain, row, problem, failure);
        form.setMaxWidth(420);
        form.setMaxHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        form.getStyleClass().add("join-pane");
        StackPane pane = new StackPane(form);
        pane.setAlignment(Pos.CENTER);
        Ui.showWhen(
                pane,
                Bindings.createBooleanBinding(
                        () -> vm.selectedProperty().get() != null && !shownJoined.get(),
                        vm.selectedProperty(),
                        shownJoined));
        return pane;
    }

    private Node emptyPane() {
        Label hint = new Label(i18n.get("chat.pickRoom"), Ui.icon(Feather.MESSAGE_CIRCLE));
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, "empty-hint");
        hint.setWrapText(true);
        StackPane pane = new StackPane(hint);
        Ui.showWhen(pane, Bindings.isNull(vm.selectedProperty()));
        return pane;
    }

    private Node composerPane() {
        composer.setId("composer");
        unwrapShapedDrafts();
        composer.setPrefRowCount(2);
        composer.setPromptText(i18n.get("chat.composer.prompt"));
        composer.textProperty().bindBidirectional(vm.draftProperty());
        composer.addEventFilter(
                KeyEvent.KEY_PRESSED,
                e -> {
                    if (e.getCode() == KeyCode.ENTER) {
                        e.consume();
                        if (e.isShiftDown()) {
                            composer.replaceSelection("\n");
                        } else {
                            vm.send();
                        }
                    }
                });
        HBox.setHgrow(composer, Priority.ALWAYS);
        Button send = new Button(null, Ui.icon(Feather.SEND));
        send.setId("send");
        send.getStyleClass().addAll(Styles.ACCENT, Styles.BUTTON_ICON);
        send.setTooltip(Ui.tip(i18n.get("chat.composer.send")));
        send.setAccessibleText(i18n.get("chat.composer.send"));
        send.disableProperty().bind(vm.canSendProperty().not());
        send.setOnAction(
                e -> {
                    vm.send();
                    composer.requestFocus();
                });
        HBox row = new HBox(8, composer, send);
        row.setAlignment(Pos.BOTTOM_LEFT);

        Label hint = new Label(i18n.get("chat.composer.hint"));
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        Label counter = new Label();
        counter.setId("composer-counter");
        counter.textProperty().bind(vm.counterProperty());
        counter.getStyleClass().addAll(Styles.TEXT_SMALL, "composer-counter");
        Ui.styleWhen(counter, Styles.DANGER, vm.tooLongProperty());
        Ui.styleWhen(counter, Styles.TEXT_MUTED, vm.tooLongProperty().not());
        HBox under = new HBox(8, hint, new Spacer(), counter);

        VBox pane = new VBox(4, row, under);
        pane.getStyleClass().add("composer-pane");
        Ui.showWhen(pane, shownJoined);
        return pane;
    }

    /// JavaFX on Linux cannot wrap a line inside right-to-left or other Pango-shaped text (it
    /// throws while laying the line out, see [BidiLayout]), and a text area cannot be cut into
    /// pieces: a draft with such text scrolls sideways instead of wrapping.
    private void unwrapShapedDrafts() {
        composer.wrapTextProperty()
                .bind(
                        Bindings.createBooleanBinding(
                                () -> BidiLayout.wrapsSafely(composer.getText()),
                                composer.textProperty()));
    }

    private Node membersPane() {
        Label title = new Label();
        title.getStyleClass().addAll(Styles.TEXT_BOLD, "pane-title");
        title.setId("members-title");
        ListView<String> members = new ListView<>();
        members.setId("member-list");
        members.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE, "member-list");
        members.setPlaceholder(new Label(i18n.get("chat.members.none")));
        members.setCellFactory(
                list ->
                        new ListCell<>() {
                            @Override
                            protected void updateItem(String login, boolean empty) {
                                super.updateItem(login, empty);
                                if (empty || login == null) {
                                    setText(null);
                                    setGraphic(null);
                                } else {
                                    boolean me = login.equals(vm.login());
                                    setText(me ? i18n.get("chat.members.you", login) : login);
                                    setGraphic(Ui.icon(me ? Feather.USER_CHECK : Feather.USER));
                                }
                            }
                        });
        VBox.setVgrow(members, Priority.ALWAYS);
        Runnable showMembers =
                () -> {
                    RoomViewModel room = vm.selectedProperty().get();
                    members.setItems(room == null ? noMembers : room.members());
                    title.textProperty().unbind();
                    if (room == null) {
                        title.setText(i18n.get("chat.members"));
                    } else {
                        title.textProperty()
                                .bind(
                                        Bindings.createStringBinding(
                                                () ->
                                                        i18n.get(
                                                                "chat.members.count",
                                                                Integer.toString(
                                                                        room.members().size())),
                                                room.members()));
                    }
                };
        vm.selectedProperty().addListener((obs, old, now) -> showMembers.run());
        showMembers.run();
        HBox header = new HBox(title);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("pane-header");
        VBox pane = new VBox(header, members);
        pane.getStyleClass().add("members-pane");
        pane.setMinWidth(150);
        pane.setPrefWidth(190);
        return pane;
    }

    private final ListChangeListener<ChatLine> scrollToEnd =
            change -> {
                while (change.next()) {
                    if (change.wasAdded() && change.getTo() == change.getList().size()) {
                        messageList.scrollTo(change.getList().size() - 1);
                    }
                }
            };

    private RoomViewModel shown;

    private void show(RoomViewModel room) {
        if (shown != null) {
            shown.lines().removeListener(scrollToEnd);
        }
        shown = room;
        shownJoined.unbind();
        shownIdle.unbind();
        if (room == null) {
            shownJoined.set(false);
            shownIdle.set(false);
            messageList.setItems(FXCollections.observableArrayList());
            return;
        }
        shownJoined.bind(room.joinedProperty());
        shownIdle.bind(room.idleProperty().and(room.joinedProperty()));
        messageList.setItems(room.lines());
        room.lines().addListener(scrollToEnd);
        if (!room.lines().isEmpty()) {
            messageList.scrollTo(room.lines().size() - 1);
        }
    }

    private String bannerTitle(ConnectionState state) {
        return switch (state) {
            case RECONNECTING -> i18n.get("chat.banner.reconnecting.title");
            case HOST_STOPPED -> i18n.get("chat.banner.hostStopped.title");
            case GAVE_UP -> i18n.get("chat.banner.gaveUp.title");
            case ONLINE, CLOSED -> "";
        };
    }

    /// A room in the room list: name, how many are in it or that it is idle, unread count.
    private final class RoomCell extends ListCell<RoomViewModel> {
        private final Label name = new Label();
        private final Label status = new Label();
        private final Label unread = new Label();
        private final HBox box;

        RoomCell() {
            name.getStyleClass().add("room-name");
            status.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            unread.getStyleClass().add("unread-badge");
            VBox text = new VBox(1, name, status);
            box = new HBox(8, Ui.icon(Feather.HASH), text, new Spacer(), unread);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(RoomViewModel room, boolean empty) {
            super.updateItem(room, empty);
            name.textProperty().unbind();
            status.textProperty().unbind();
            unread.textProperty().unbind();
            unread.visibleProperty().unbind();
            if (empty || room == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            name.setText(room.name());
            status.textProperty()
                    .bind(
                            Bindings.createStringBinding(
                                    () -> status(room),
                                    room.joinedProperty(),
                                    room.activeProperty(),
                                    room.idleProperty(),
                                    room.memberCountProperty()));
            unread.textProperty().bind(room.unreadProperty().asString());
            unread.visibleProperty().bind(room.unreadProperty().greaterThan(0));
            setGraphic(box);
            setText(null);
        }

        private String status(RoomViewModel room) {
            if (room.isIdle()) {
                return i18n.get("chat.room.status.idle");
            }
            String count = Integer.toString(room.memberCountProperty().get());
            if (room.isJoined()) {
                return i18n.get("chat.room.status.joined", count);
            }
            return room.activeProperty().get()
                    ? i18n.get("chat.room.status.active", count)
                    : i18n.get("chat.room.status.quiet");
        }
    }

    /// One line of a message. It never lays its pieces out narrower than the widest stretch
    /// that JavaFX would otherwise have to wrap inside a Pango-shaped run, which it cannot do
    /// ([BidiLayout.Paragraph#keepWhole()]): such a word overflows instead.
    private static final class LineFlow extends TextFlow {
        private static final Text MEASURE = new Text();
        private static final double UNSIZED_WIDTH = 100_000;
        private final List<String> keepWhole;

        LineFlow(List<String> keepWhole) {
            this.keepWhole = keepWhole;
            // TextFlow leaves its text wrapped to its own width whenever it measures itself, and
            // until its first layout that width is 0 (it wraps at 1 pixel): start out wide
            resize(UNSIZED_WIDTH, 0);
        }

        @Override
        protected double computePrefHeight(double width) {
            return super.computePrefHeight(width == -1 ? -1 : Math.max(width, minWidth(-1)));
        }

        @Override
        protected double computeMinWidth(double height) {
            double widest = 0;
            if (!keepWhole.isEmpty()) {
                for (Node child : getChildren()) {
                    if (child instanceof Text text) {
                        MEASURE.setFont(text.getFont()); // as styled
                        break;
                    }
                }
                for (String stretch : keepWhole) {
                    MEASURE.setText(stretch);
                    widest = Math.max(widest, MEASURE.getLayoutBounds().getWidth());
                }
                MEASURE.setText("");
            }
            // a fifth more, in case the pieces are not styled yet (the CSS font is larger)
            return snappedLeftInset() + snapSizeX(Math.ceil(widest * 1.2)) + snappedRightInset();
        }
    }

    /// One line of the message list.
    private static final class MessageCell extends ListCell<ChatLine> {
        private final I18n i18n;
        private final ChatViewModel vm;

        MessageCell(I18n i18n, ChatViewModel vm) {
            this.i18n = i18n;
            this.vm = vm;
            setPrefWidth(0); // wrap to the list's width instead of widening it
        }

        @Override
        protected void updateItem(ChatLine line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass()
                    .removeAll(
                            "own",
                            "pending",
                            "unsent",
                            "notice",
                            "rejected",
                            "group-start",
                            "chat-line");
            if (empty || line == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            getStyleClass().add("chat-line");
            setText(null);
            setGraphic(
                    switch (line.kind()) {
                        case MESSAGE, PENDING, UNSENT -> message(line);
                        case NOTICE -> notice(line, Feather.INFO, "notice");
                        case REJECTED -> notice(line, Feather.ALERT_TRIANGLE, "rejected");
                    });
        }

        private Node message(ChatLine line) {
            if (line.own()) {
                getStyleClass().add("own");
            }
            if (line.kind() == ChatLine.Kind.PENDING) {
                getStyleClass().add("pending");
            }
            VBox box = new VBox(2);
            if (line.startsGroup()) {
                getStyleClass().add("group-start");
                Label sender = new Label(line.own() ? i18n.get("chat.you") : line.sender());
                sender.getStyleClass().addAll(Styles.TEXT_BOLD, "message-sender");
                Label time = new Label(vm.timeOf(line));
                time.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
                HBox head = new HBox(8, sender, time);
                head.setAlignment(Pos.BASELINE_LEFT);
                if (line.kind() == ChatLine.Kind.PENDING) {
                    Label sending = new Label(i18n.get("chat.sending"));
                    sending.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
                    head.getChildren().add(sending);
                }
                box.getChildren().add(head);
            }
            box.getChildren().add(text(line));
            if (line.kind() == ChatLine.Kind.UNSENT) {
                // On every such line, not only a group's first: each one needs sending again.
                getStyleClass().add("unsent");
                Label unsent = new Label(i18n.get("chat.unsent"), Ui.icon(Feather.X_CIRCLE));
                unsent.getStyleClass().addAll(Styles.TEXT_SMALL, "unsent-mark");
                box.getChildren().add(unsent);
            }
            box.getStyleClass().add("message-box");
            return box;
        }

        /// The message, one `TextFlow` per line (each wraps to the list's width), in the line's
        /// own direction: a right-to-left line is right-aligned and JavaFX orders its pieces
        /// right to left. [BidiLayout] says why the pieces.
        private static Node text(ChatLine line) {
            VBox lines = new VBox();
            lines.getStyleClass().add("message-text-box");
            for (BidiLayout.Paragraph paragraph : BidiLayout.of(line.text())) {
                TextFlow flow = new LineFlow(paragraph.keepWhole());
                flow.getStyleClass().add("message-flow");
                if (paragraph.rightToLeft()) {
                    flow.setNodeOrientation(NodeOrientation.RIGHT_TO_LEFT);
                }
                for (BidiLayout.Piece piece : paragraph.pieces()) {
                    Text text = new Text(piece.drawn());
                    text.getStyleClass().add("message-text");
                    if (piece.emoji()) {
                        // laid out on its own, never wrapped, and not shaped by Pango
                        Group emoji =
                                new Group(text) {
                                    @Override
                                    public double getBaselineOffset() {
                                        return text.getBaselineOffset(); // sits on the line
                                    }
                                };
                        emoji.getStyleClass().add("message-emoji");
                        flow.getChildren().add(emoji);
                    } else {
                        flow.getChildren().add(text);
                    }
                }
                if (paragraph.pieces().isEmpty()) {
                    Text empty = new Text(""); // an empty line keeps its height
                    empty.getStyleClass().add("message-text");
                    flow.getChildren().add(empty);
                }
                lines.getChildren().add(flow);
            }
            return lines;
        }

        private Node notice(ChatLine line, Feather icon, String style) {
            getStyleClass().add(style);
            Label text = new Label(line.text(), Ui.icon(icon));
            text.setWrapText(true);
            text.getStyleClass().addAll(Styles.TEXT_SMALL, "notice-text");
            Label time = new Label(vm.timeOf(line));
            time.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            HBox box = new HBox(8, text, time);
            box.setAlignment(Pos.CENTER);
            return box;
        }
    }
}
