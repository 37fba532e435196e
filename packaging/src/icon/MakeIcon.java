import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/// Draws Confab's application icon (two speech bubbles, the front one holding a padlock, on
/// an indigo-to-teal tile) as vector shapes and writes it in the formats jpackage wants:
/// PNG for Linux, ICO for Windows, ICNS for macOS. Each size is drawn at that size, not
/// scaled down from a bitmap.
///
/// Run from the repository root (JDK 25 `java`, source-file mode):
/// ```
/// java -Djava.awt.headless=true packaging/src/icon/MakeIcon.java packaging/src/jpackage
/// ```
public final class MakeIcon {

    private static final Color INDIGO = new Color(0x2F, 0x3A, 0x8F);
    private static final Color TEAL = new Color(0x12, 0xA5, 0x9A);
    private static final Color BACK_BUBBLE = new Color(255, 255, 255, 120);

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "packaging/src/jpackage");
        Files.createDirectories(dir.resolve("linux"));
        Files.createDirectories(dir.resolve("windows"));
        Files.createDirectories(dir.resolve("macos"));

        // not "confab.png": jpackage would take that name from its resource folder as a
        // launcher icon and then add its own xdg-desktop-menu scripts (see BuildInstaller)
        Files.write(dir.resolve("linux/app-icon.png"), png(256));
        Files.write(dir.resolve("windows/confab.ico"), ico(List.of(16, 24, 32, 48, 64, 128, 256)));

        Map<String, Integer> icns = new LinkedHashMap<>();
        icns.put("ic11", 32); // 16x16@2x
        icns.put("ic12", 64); // 32x32@2x
        icns.put("ic07", 128);
        icns.put("ic08", 256);
        icns.put("ic13", 256); // 128x128@2x
        icns.put("ic09", 512);
        icns.put("ic14", 512); // 256x256@2x
        icns.put("ic10", 1024); // 512x512@2x
        Files.write(dir.resolve("macos/confab.icns"), icns(icns));
        System.out.println("icons written under " + dir.toAbsolutePath());
    }

    /// The icon at `size` x `size` pixels, drawn on a 1024-unit canvas.
    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(size / 1024.0, size / 1024.0);

        // tile: a rounded square with a diagonal gradient, a little margin all round
        g.setPaint(new GradientPaint(96, 64, INDIGO, 928, 960, TEAL));
        g.fill(new RoundRectangle2D.Double(48, 48, 928, 928, 220, 220));

        // back bubble, upper right, tail to the right
        g.setColor(BACK_BUBBLE);
        g.fill(bubble(400, 190, 500, 360, 760, 550, 830, 640, 700, 560));

        // front bubble, lower left, tail to the left
        g.setColor(Color.WHITE);
        g.fill(bubble(130, 370, 560, 420, 250, 790, 170, 880, 340, 790));

        // padlock inside the front bubble
        g.setPaint(new GradientPaint(300, 450, INDIGO, 520, 740, TEAL));
        g.setStroke(new BasicStroke(42, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D shackle = new Path2D.Double();
        shackle.moveTo(350, 590);
        shackle.lineTo(350, 535);
        shackle.curveTo(350, 445, 480, 445, 480, 535);
        shackle.lineTo(480, 590);
        g.draw(shackle);
        Area body = new Area(new RoundRectangle2D.Double(300, 575, 230, 170, 40, 40));
        Area keyhole = new Area(new Ellipse2D.Double(392, 622, 46, 46));
        keyhole.add(new Area(new RoundRectangle2D.Double(403, 650, 24, 60, 12, 12)));
        body.subtract(keyhole);
        g.fill(body);

        g.dispose();
        return img;
    }

    /// A rounded rectangle with a tail from (tx0,ty0) to the tip (tipX,tipY) back to (tx1,ty1).
    private static Area bubble(
            double x,
            double y,
            double w,
            double h,
            double tx0,
            double ty0,
            double tipX,
            double tipY,
            double tx1,
            double ty1) {
        Area a = new Area(new RoundRectangle2D.Double(x, y, w, h, 150, 150));
        Path2D tail = new Path2D.Double();
        tail.moveTo(tx0, ty0);
        tail.quadTo((tx0 + tipX) / 2, (ty0 + tipY) / 2 + 10, tipX, tipY);
        tail.quadTo((tx1 + tipX) / 2, (ty1 + tipY) / 2, tx1, ty1);
        tail.closePath();
        a.add(new Area(tail));
        return a;
    }

    static byte[] png(int size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(draw(size), "png", bytes)) {
            throw new IOException("no PNG writer");
        }
        return bytes.toByteArray();
    }

    /// ICO with PNG-compressed entries (Windows Vista and later read them at every size).
    static byte[] ico(List<Integer> sizes) throws IOException {
        List<byte[]> images = new java.util.ArrayList<>();
        for (int size : sizes) {
            images.add(png(size));
        }
        int headerSize = 6 + 16 * sizes.size();
        ByteBuffer header = ByteBuffer.allocate(headerSize).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) 0).putShort((short) 1).putShort((short) sizes.size());
        int offset = headerSize;
        for (int i = 0; i < sizes.size(); i++) {
            int size = sizes.get(i);
            header.put((byte) (size >= 256 ? 0 : size)); // 0 means 256
            header.put((byte) (size >= 256 ? 0 : size));
            header.put((byte) 0); // no palette
            header.put((byte) 0);
            header.putShort((short) 1); // planes
            header.putShort((short) 32); // bits per pixel
            header.putInt(images.get(i).length);
            header.putInt(offset);
            offset += images.get(i).length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header.array());
        for (byte[] image : images) {
            out.write(image);
        }
        return out.toByteArray();
    }

    /// ICNS: "icns", total length, then (type, length, PNG) elements; big-endian.
    static byte[] icns(Map<String, Integer> elements) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(body);
        for (Map.Entry<String, Integer> e : elements.entrySet()) {
            byte[] image = png(e.getValue());
            data.writeBytes(e.getKey());
            data.writeInt(8 + image.length);
            data.write(image);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream file = new DataOutputStream(out);
        file.writeBytes("icns");
        file.writeInt(8 + body.size());
        file.write(body.toByteArray());
        return out.toByteArray();
    }
}
