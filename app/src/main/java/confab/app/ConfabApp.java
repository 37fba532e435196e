package confab.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

public class ConfabApp extends Application {
    @Override
    public void start(Stage stage) {
        stage.setScene(new Scene(new Label("Confab"), 400, 300));
        stage.show();
    }

    public static void main(String[] args) {
        launch(ConfabApp.class, args);
    }
}
