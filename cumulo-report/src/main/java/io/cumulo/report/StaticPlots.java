package io.cumulo.report;

import io.cumulo.CumuloException;
import io.cumulo.data.AtomicFile;
import io.cumulo.report.chart.Chart;
import io.cumulo.report.chart.Report;
import io.cumulo.report.chart.Trace;
import io.cumulo.report.paint.ChartPainter;
import io.cumulo.report.paint.ImageCanvas;
import io.cumulo.report.paint.SvgCanvas;
import javax.imageio.ImageIO;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes every chart of a {@link Report} as {@code <chart id>.png} and {@code <chart id>.svg} into a directory, for
 * papers and CI logs. Headless, no dependency beyond the JDK: one painter ({@link ChartPainter}) draws each chart on
 * an SVG writer and on a Java2D image, so both files show the same picture.
 *
 * <p>Sizes: every chart is {@value #WIDTH} × {@value #HEIGHT} CSS pixels (the SVG's width, height and viewBox); the
 * PNG is drawn at {@value #PNG_SCALE}× for sharpness, so it is 1800 × 1120 pixels.
 */
public final class StaticPlots {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 560;
    public static final int PNG_SCALE = 2;

    private StaticPlots() {
    }

    /**
     * Writes {@code <id>.png} then {@code <id>.svg} for each chart in page order, creating {@code dir} when missing.
     * Every target is checked before anything is written, so a refusal leaves the directory as it was.
     *
     * @param overwrite replace files that exist; when false an existing file is a user error naming it
     * @return the files written, in chart order (png then svg for each chart)
     * @throws CumuloException when {@code dir} is a file, a target exists (and {@code overwrite} is false) or is a
     *                         directory, or a file cannot be written
     */
    public static List<Path> write(Report report, Path dir, boolean overwrite) {
        List<Chart> charts = report.charts();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new CumuloException(dir + " is not a directory; give a directory for the plots");
        }
        Set<String> ids = new HashSet<>();
        List<Path> targets = new ArrayList<>();
        for (Chart c : charts) {
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException("two charts of the report have the id '" + c.id() + "'");
            }
            targets.add(dir.resolve(c.id() + ".png"));
            targets.add(dir.resolve(c.id() + ".svg"));
        }
        for (Path p : targets) {
            if (Files.isDirectory(p)) {
                throw new CumuloException(p + " is a directory; remove it or choose another directory for the plots");
            }
            if (Files.exists(p) && !overwrite) {
                throw new CumuloException(p + " already exists; pass --overwrite to replace it");
            }
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CumuloException(dir + ": cannot create the directory (" + e.getMessage() + ")");
        }
        for (int i = 0; i < charts.size(); i++) {
            Chart chart = charts.get(i);
            BufferedImage png = png(chart);
            AtomicFile.write(targets.get(2 * i), tmp -> {
                if (!ImageIO.write(png, "png", tmp.toFile())) {
                    throw new IOException("no PNG writer in this JDK");
                }
            });
            byte[] svg = svg(chart).getBytes(StandardCharsets.UTF_8);
            AtomicFile.write(targets.get(2 * i + 1), tmp -> Files.write(tmp, svg));
        }
        return List.copyOf(targets);
    }

    /** The chart as an SVG document, {@value #WIDTH} × {@value #HEIGHT}. */
    public static String svg(Chart chart) {
        // room for the markers drawn: at most ChartPainter.MAX_MARKERS per trace, whatever the trace holds
        int markers = 0;
        for (Trace t : chart.traces()) {
            if (t instanceof Trace.Scatter s) {
                markers += Math.min(s.x().length, ChartPainter.MAX_MARKERS);
            }
        }
        SvgCanvas canvas = new SvgCanvas(WIDTH, HEIGHT, chart.title(), markers);
        ChartPainter.paint(chart, canvas);
        return canvas.finish();
    }

    /** The chart as an image, {@value #WIDTH} × {@value #HEIGHT} CSS pixels at {@value #PNG_SCALE}× (1800 × 1120). */
    public static BufferedImage png(Chart chart) {
        ImageCanvas canvas = new ImageCanvas(WIDTH, HEIGHT, PNG_SCALE);
        ChartPainter.paint(chart, canvas);
        return canvas.finish();
    }

}
