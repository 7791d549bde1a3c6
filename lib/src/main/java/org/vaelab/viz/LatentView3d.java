package org.vaelab.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A 3-D scatter of latent codes (their first three dimensions), drawn as a rotated orthographic
 * projection with the three axes, one colour per class: the clusters of lab 04 seen at once.
 */
public final class LatentView3d {
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    private LatentView3d() {
    }

    /** @param codes rows of at least 3 values; {@code labels} index {@code classNames} */
    public static BufferedImage draw(double[][] codes, int[] labels, List<String> classNames, String title) {
        int width = 640;
        int height = 560;
        double yaw = Math.toRadians(35);
        double pitch = Math.toRadians(25);
        // Scale to the 98th percentile of |z|, so a few outlying codes do not shrink the clusters to a dot.
        double[] extents = new double[codes.length];
        for (int i = 0; i < codes.length; i++) {
            extents[i] = Math.max(Math.abs(codes[i][0]), Math.max(Math.abs(codes[i][1]), Math.abs(codes[i][2])));
        }
        java.util.Arrays.sort(extents);
        double scale = extents[(int) (0.98 * (extents.length - 1))];
        double unit = 200 / Math.max(scale, 1e-9);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f));
        String[] axisNames = {"z1", "z2", "z3"};
        for (int a = 0; a < 3; a++) {
            double[] end = new double[3];
            end[a] = scale * 1.1;
            int[] p0 = project(new double[3], yaw, pitch, unit, width, height);
            int[] p1 = project(end, yaw, pitch, unit, width, height);
            g.drawLine(p0[0], p0[1], p1[0], p1[1]);
            g.drawString(axisNames[a], p1[0] + 4, p1[1]);
        }
        for (int i = 0; i < codes.length; i++) {
            int[] p = project(codes[i], yaw, pitch, unit, width, height);
            g.setColor(PALETTE[labels[i] % PALETTE.length]);
            g.fillOval(p[0] - 2, p[1] - 2, 5, 5);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.DARK_GRAY);
        g.drawString(title, 12, 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int k = 0; k < classNames.size(); k++) {
            g.setColor(PALETTE[k % PALETTE.length]);
            g.fillRect(width - 120, 40 + 18 * k, 10, 10);
            g.setColor(Color.DARK_GRAY);
            g.drawString(classNames.get(k), width - 104, 50 + 18 * k);
        }
        g.dispose();
        return image;
    }

    private static int[] project(double[] z, double yaw, double pitch, double unit, int width, int height) {
        double x = z[0] * Math.cos(yaw) - z[2] * Math.sin(yaw);
        double depth = z[0] * Math.sin(yaw) + z[2] * Math.cos(yaw);
        double y = z[1] * Math.cos(pitch) - depth * Math.sin(pitch);
        return new int[] {(int) Math.round(width / 2.0 - 60 + x * unit), (int) Math.round(height / 2.0 - y * unit)};
    }
}
