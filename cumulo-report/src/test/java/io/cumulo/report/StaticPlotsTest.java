package io.cumulo.report;

import io.cumulo.CumuloException;
import io.cumulo.report.chart.Axis;
import io.cumulo.report.chart.Chart;
import io.cumulo.report.chart.Report;
import io.cumulo.report.chart.Trace;
import io.cumulo.report.paint.Colors;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The static exports of a synthetic report holding every trace type: files exist in chart order, PNGs parse and
 * have the documented size and are not blank, SVGs parse as XML and carry their titles as text, markers can be
 * counted, and an existing file is refused before anything is written.
 */
class StaticPlotsTest {
    private static final Report REPORT = SyntheticCharts.report(2000);
    /** Every chart rendered once, by id (rendering is what takes time). */
    private static final Map<String, Document> SVG = new HashMap<>();
    private static final Map<String, String> SVG_TEXT = new HashMap<>();

    @TempDir
    Path tmp;

    @BeforeAll
    static void render() throws Exception {
        for (Chart c : REPORT.charts()) {
            String svg = StaticPlots.svg(c);
            SVG_TEXT.put(c.id(), svg);
            SVG.put(c.id(), parse(svg));
        }
    }

    @Test
    void writesAPngAndAnSvgPerChartInPageOrder() throws Exception {
        Path dir = tmp.resolve("plots/nested");
        List<Path> files = StaticPlots.write(REPORT, dir, false);
        List<Path> expected = new ArrayList<>();
        for (Chart c : REPORT.charts()) {
            expected.add(dir.resolve(c.id() + ".png"));
            expected.add(dir.resolve(c.id() + ".svg"));
        }
        assertEquals(expected, files);
        assertEquals(11 * 2, files.size());
        try (Stream<Path> listed = Files.list(dir)) {
            assertEquals(Set.copyOf(expected), Set.copyOf(listed.toList()));
        }
        for (int i = 0; i < files.size(); i += 2) {
            BufferedImage png = ImageIO.read(files.get(i).toFile());
            assertNotNull(png, files.get(i) + " is not a PNG");
            assertEquals(1800, png.getWidth());
            assertEquals(1120, png.getHeight());
            assertNotBlank(png, files.get(i).toString());
            Document svg = parse(Files.readString(files.get(i + 1)));
            Element root = svg.getDocumentElement();
            assertEquals("svg", root.getTagName());
            assertEquals("900", root.getAttribute("width"));
            assertEquals("560", root.getAttribute("height"));
            assertEquals("0 0 900 560", root.getAttribute("viewBox"));
        }
    }

    @Test
    void everySvgHoldsItsTitleAndAxisTitlesAsText() {
        for (Chart c : REPORT.charts()) {
            List<String> texts = texts(SVG.get(c.id()));
            assertTrue(texts.contains(c.title()), c.id() + ": " + texts);
            assertTrue(texts.contains(c.x().title()), c.id() + ": " + texts);
            assertTrue(texts.contains(c.y().title()), c.id() + ": " + texts);
        }
        // markup in titles is escaped in the file and comes back as the same text
        Chart scatter = SyntheticCharts.scatter();
        assertTrue(SVG_TEXT.get("scatter").contains("Clusters &lt;k = 3&gt; &amp; their centres"));
        List<String> texts = texts(SVG.get("scatter"));
        assertTrue(texts.contains("Clusters <k = 3> & their centres"));
        assertTrue(texts.contains("PC1 (41.2% of variance) & more"));
        assertTrue(texts.contains("PC2 <second> component"));
        assertTrue(texts.contains(scatter.note()), texts.toString());
        // the legend names every named trace
        assertTrue(texts.containsAll(List.of("cluster 0", "cluster 1", "cluster 2", "centres")));
    }

    @Test
    void oneMarkerElementPerDrawnPoint() {
        // 37 points, one of them NaN, plus 3 centres
        assertEquals(SyntheticCharts.SCATTER_POINTS - 1 + SyntheticCharts.CENTRES, count(SVG.get("scatter"), "pt"));
        assertEquals(2000, count(SVG.get("large"), "pt"));
        // the log axis drops the value 0 of the 5
        assertEquals(4, count(SVG.get("gap-log"), "pt"));
        assertEquals(14, count(SVG.get("elbow"), "pt"));
        // lines only: no markers
        assertEquals(0, count(SVG.get("silhouette"), "pt"));
    }

    @Test
    void beyondTheLimitEveryMthPointIsDrawnAndTheCaptionSaysSo() throws Exception {
        Chart big = SyntheticCharts.large(120_000);
        Document svg = parse(StaticPlots.svg(big));
        // ceil(120,000 / 50,000) = 3: rows 0, 3, 6, ...
        assertEquals(40_000, count(svg, "pt"));
        assertTrue(texts(svg).contains("Static plot: every 3rd of the 120,000 points of 'all rows' drawn."), texts(svg).toString());
    }

    @Test
    void barsBoxesCellsAndRules() {
        assertEquals(5, count(SVG.get("features"), "bar"), "6 bars, one NaN");
        assertEquals(3, count(SVG.get("sizes"), "bar"));
        assertEquals(4, count(SVG.get("scree"), "bar"));
        assertEquals(3, count(SVG.get("box-sepal-length"), "box"));
        assertEquals(3, count(SVG.get("box-sepal-length"), "mean"));
        assertEquals(11, count(SVG.get("profile"), "cell"), "12 cells, one NaN");
        assertEquals(9, count(SVG.get("contingency"), "cell"));
        assertEquals(1, count(SVG.get("elbow"), "rule"));
        assertTrue(texts(SVG.get("elbow")).contains("knee at k = 4"));
        assertTrue(texts(SVG.get("silhouette")).contains("mean 0.31"));
        List<String> profile = texts(SVG.get("profile"));
        assertTrue(profile.containsAll(List.of("-1.2", "1.9", "-2.2", "standardised difference")), profile.toString());
        assertTrue(texts(SVG.get("contingency")).containsAll(List.of("50", "48", "14", "rows")));
    }

    @Test
    void logAndCategoryTickLabels() {
        List<String> log = texts(SVG.get("gap-log"));
        assertTrue(log.containsAll(List.of("1", "10", "100", "1000")), log.toString());
        List<String> profile = texts(SVG.get("profile"));
        assertTrue(profile.containsAll(List.of("sepal_length", "sepal_width", "petal_length", "petal_width",
                "cluster 0", "cluster 1", "cluster 2")), profile.toString());
        assertTrue(texts(SVG.get("sizes")).containsAll(List.of("cluster 0", "cluster 1", "cluster 2")));
        // long category names are cut and turned by 45 degrees
        NodeList nodes = SVG.get("features").getElementsByTagName("text");
        int rotated = 0;
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (e.getAttribute("transform").startsWith("rotate(-45") && e.getTextContent().startsWith("sepal_length_in")) {
                assertTrue(e.getTextContent().endsWith("…"), e.getTextContent());
                rotated++;
            }
        }
        assertEquals(1, rotated);
    }

    @Test
    void thePngShowsTheSvgsColours() throws Exception {
        // a heatmap cell is drawn without antialiasing: the PNG pixel inside it is exactly the SVG's fill
        BufferedImage png = StaticPlots.png(SyntheticCharts.profileHeatmap());
        NodeList rects = SVG.get("profile").getElementsByTagName("rect");
        int checked = 0;
        for (int i = 0; i < rects.getLength(); i++) {
            Element r = (Element) rects.item(i);
            if (!r.getAttribute("class").equals("cell")) {
                continue;
            }
            double x = Double.parseDouble(r.getAttribute("x"));
            double y = Double.parseDouble(r.getAttribute("y"));
            int fill = Colors.rgb(r.getAttribute("fill"));
            int pixel = png.getRGB((int) Math.round(2 * (x + 4)), (int) Math.round(2 * (y + 4))) & 0xFFFFFF;
            assertEquals(Colors.hex(fill), Colors.hex(pixel), r.getTextContent());
            checked++;
        }
        assertEquals(11, checked);
        // cluster 0 × sepal_length is -1.2 on a scale symmetric about 0 up to |-2.2|
        String cell = cellFill(SVG.get("profile"), "cluster 0 × sepal_length: -1.2");
        assertEquals(Colors.hex(Colors.diverging(-1.2 / 2.2)), cell);
        assertEquals(Colors.hex(Colors.sequential(1)), cellFill(SVG.get("contingency"), "0 × setosa: 50"));
    }

    @Test
    void cellTextsAreAllDrawnAtOneSizeOrNotAtAll() throws Exception {
        for (int columns : new int[] {30, 90}) {
            double[][] z = new double[3][columns];
            String[][] text = new String[3][columns];
            List<String> names = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                names.add("f" + c);
                for (int r = 0; r < 3; r++) {
                    z[r][c] = (c % 2 == 0 ? -1.23 : 0.5) * (r + 1);
                    text[r][c] = String.format(Locale.ROOT, "%.2f", z[r][c]);
                }
            }
            Chart chart = new Chart("wide", "wide", Axis.categories("feature", names),
                    Axis.categories("cluster", List.of("a", "b", "c")), List.of(new Trace.Heatmap(null, z, true, text, "d")));
            Document svg = parse(StaticPlots.svg(chart));
            NodeList groups = svg.getElementsByTagName("g");
            Set<String> sizes = new HashSet<>();
            int drawn = 0;
            for (int i = 0; i < groups.getLength(); i++) {
                Element g = (Element) groups.item(i);
                if (g.getAttribute("class").equals("cell-text")) {
                    NodeList t = g.getElementsByTagName("text");
                    drawn += t.getLength();
                    for (int j = 0; j < t.getLength(); j++) {
                        sizes.add(((Element) t.item(j)).getAttribute("font-size"));
                    }
                }
            }
            // 30 columns of ~25 px hold "-3.69" at a smaller size; 90 columns of ~8 px hold nothing
            assertEquals(columns == 30 ? 90 : 0, drawn, columns + " columns");
            assertTrue(sizes.size() <= 1, sizes.toString());
        }
    }

    @Test
    void anExistingFileIsRefusedBeforeAnythingIsWritten() throws Exception {
        Report small = new Report("r", null, List.of(new Report.Section("s", "S", List.of(
                new Report.Block.Charts(List.of(SyntheticCharts.scree(), SyntheticCharts.elbow(), SyntheticCharts.boxes()), 2)))));
        Path dir = Files.createDirectories(tmp.resolve("plots"));
        Path existing = dir.resolve("elbow.svg");
        Files.writeString(existing, "mine");
        CumuloException e = assertThrows(CumuloException.class, () -> StaticPlots.write(small, dir, false));
        assertEquals(existing + " already exists; pass --overwrite to replace it", e.getMessage());
        try (Stream<Path> listed = Files.list(dir)) {
            assertEquals(List.of(existing), listed.toList());
        }
        assertEquals("mine", Files.readString(existing));
        StaticPlots.write(small, dir, true);
        assertTrue(Files.readString(existing).startsWith("<?xml"));
        try (Stream<Path> listed = Files.list(dir)) {
            assertEquals(6, listed.count(), "no temporary file left behind");
        }
    }

    @Test
    void aFileWhereTheDirectoryShouldBeIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("plots"), "x");
        CumuloException e = assertThrows(CumuloException.class, () -> StaticPlots.write(REPORT, file, true));
        assertEquals(file + " is not a directory; give a directory for the plots", e.getMessage());
        Path below = file.resolve("sub");
        e = assertThrows(CumuloException.class, () -> StaticPlots.write(REPORT, below, true));
        assertTrue(e.getMessage().startsWith(below + ": cannot create the directory"), e.getMessage());
    }

    @Test
    void aDirectoryWhereAFileShouldBeIsRefused() throws Exception {
        Path dir = tmp.resolve("plots");
        Files.createDirectories(dir.resolve("scree.png"));
        CumuloException e = assertThrows(CumuloException.class, () -> StaticPlots.write(REPORT, dir, true));
        assertEquals(dir.resolve("scree.png") + " is a directory; remove it or choose another directory for the plots",
                e.getMessage());
        try (Stream<Path> listed = Files.list(dir)) {
            assertEquals(1, listed.count());
        }
    }

    @Test
    void twoChartsWithOneIdAreABug() {
        Report twice = new Report("r", null, List.of(new Report.Section("s", "S", List.of(
                new Report.Block.Charts(List.of(SyntheticCharts.elbow(), SyntheticCharts.elbow()), 2)))));
        assertThrows(IllegalArgumentException.class, () -> StaticPlots.write(twice, tmp.resolve("p"), false));
        assertFalse(Files.exists(tmp.resolve("p")));
    }

    @Test
    void aReportWithoutChartsWritesNothing() {
        Report none = new Report("r", null, List.of(new Report.Section("s", "S", List.of(new Report.Block.Text("t", false)))));
        assertEquals(List.of(), StaticPlots.write(none, tmp.resolve("p"), false));
    }

    @Test
    void theSameChartGivesTheSameFile() {
        assertEquals(SVG_TEXT.get("scatter"), StaticPlots.svg(SyntheticCharts.scatter()));
        assertEquals(SVG_TEXT.get("profile"), StaticPlots.svg(SyntheticCharts.profileHeatmap()));
    }

    @Test
    void anEmptyChartStillHasItsFrameAndTitles() throws Exception {
        Chart empty = new Chart("empty", "Nothing to show", Axis.linear("x (m)"), Axis.linear("y (s)"), List.<Trace>of());
        BufferedImage png = StaticPlots.png(empty);
        assertEquals(1800, png.getWidth());
        assertEquals(1120, png.getHeight());
        List<String> texts = texts(parse(StaticPlots.svg(empty)));
        assertTrue(texts.containsAll(List.of("Nothing to show", "x (m)", "y (s)", "0", "1")), texts.toString());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> texts(Document doc) {
        NodeList nodes = doc.getElementsByTagName("text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    /** Elements whose class is {@code cls}, or whose class list starts with it. */
    private static int count(Document doc, String cls) {
        NodeList all = doc.getElementsByTagName("*");
        int n = 0;
        for (int i = 0; i < all.getLength(); i++) {
            if (cls.equals(((Element) all.item(i)).getAttribute("class"))) {
                n++;
            }
        }
        return n;
    }

    private static String cellFill(Document doc, String title) {
        NodeList rects = doc.getElementsByTagName("rect");
        for (int i = 0; i < rects.getLength(); i++) {
            Element r = (Element) rects.item(i);
            if (r.getAttribute("class").equals("cell") && r.getTextContent().equals(title)) {
                return r.getAttribute("fill");
            }
        }
        throw new AssertionError("no cell titled " + title);
    }

    /** More than 1% of the pixels not white, and more than two colours. */
    private static void assertNotBlank(BufferedImage img, String what) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] px = img.getRGB(0, 0, w, h, null, 0, w);
        int ink = 0;
        Set<Integer> colours = new HashSet<>();
        for (int p : px) {
            if ((p & 0xFFFFFF) != 0xFFFFFF) {
                ink++;
            }
            if (colours.size() < 100) {
                colours.add(p & 0xFFFFFF);
            }
        }
        assertTrue(ink > px.length / 100, what + ": only " + ink + " pixels not white");
        assertTrue(colours.size() > 2, what + ": " + colours.size() + " colours");
    }

    /** A matrix reads top-down, as on the HTML page: the heatmap's first row is drawn above its second. */
    @Test
    void heatmapFirstRowIsAtTheTop() throws Exception {
        Chart c = new Chart("matrix", "Matrix", Axis.categories("column", List.of("a", "b")),
                Axis.categories("row", List.of("first-row", "second-row")),
                List.of(new Trace.Heatmap(null, new double[][] {{1, 2}, {3, 4}}, false, null, "count")));
        Document svg = parse(StaticPlots.svg(c));
        NodeList texts = svg.getElementsByTagName("text");
        double first = Double.NaN;
        double second = Double.NaN;
        for (int t = 0; t < texts.getLength(); t++) {
            Element e = (Element) texts.item(t);
            if (e.getTextContent().equals("first-row")) {
                first = Double.parseDouble(e.getAttribute("y"));
            } else if (e.getTextContent().equals("second-row")) {
                second = Double.parseDouble(e.getAttribute("y"));
            }
        }
        assertTrue(first < second, "first row at y " + first + ", second at y " + second);
    }
}
