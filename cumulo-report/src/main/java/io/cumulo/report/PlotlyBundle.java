package io.cumulo.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * plotly.js as the HTML reports inline it: a partial bundle of plotly.js {@value #VERSION} (its core, which has the
 * {@code scatter} trace and every layout component, plus the other trace types of {@link #TRACE_TYPES}), minified,
 * built by {@code tools/plotly/build-bundle.sh} and vendored gzipped in this module ({@value #RESOURCE}), so the
 * build needs no JavaScript toolchain. The page carries the gzip base64-encoded and unpacks it with the browser's
 * own {@code DecompressionStream}, so nothing is fetched when a report is opened.
 *
 * <p>Why a partial bundle: the browser compiles and initialises all of plotly.js each time a report is opened
 * (a script unpacked by the page is not in any code cache), and the full build, 11.2 MB of script with all 49 trace
 * types, took about 1.9 s of a 3-4 s opening on the benchmark machine; this one is 1.55 MB and loads in a few
 * tenths of a second (docs/report.md, docs/benchmarks.md "Report").
 */
final class PlotlyBundle {
    /** The plotly.js release bundled (tools/plotly/package.json pins it). */
    static final String VERSION = "3.3.1";
    /** The gzipped bundle, on the class path. */
    static final String RESOURCE = "io/cumulo/report/plotly/plotly.min.js.gz";
    /** The licences of plotly.js and of every package bundled with it, on the class path. */
    static final String LICENCES = "io/cumulo/report/plotly/LICENCES.txt";
    /**
     * Every trace type the bundle defines: what the report module draws (scatter, scattergl, bar, heatmap, box)
     * and what the density and mixture reports will (histogram, contour, icicle). A figure with another type would
     * not draw: PlotlyBundleTest checks that the figures use no other, the browser test that the bundle defines
     * each. To add one, add it to TRACES in tools/plotly/build.mjs and here, and run build-bundle.sh.
     */
    static final List<String> TRACE_TYPES = List.of("scatter", "scattergl", "bar", "heatmap", "box", "histogram",
            "contour", "icicle");
    /** SHA-256 of the unpacked bundle, written here by build-bundle.sh; PlotlyBundleTest checks the resource. */
    static final String SCRIPT_SHA256 = "7ac092d04193e18de5fad543a2b62146b4d3736b8e1382c1630bf25254b2c2f6";

    private PlotlyBundle() {
    }

    /** The gzipped bundle, base64 (no line breaks), as the page carries it. */
    static String gzipBase64() {
        return Holder.GZIP_BASE64;
    }

    /** The gzipped bundle as vendored. */
    static byte[] gzipped() {
        return read(RESOURCE);
    }

    /** The bundle itself (the script the page runs), unpacked. */
    static byte[] script() {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped()))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + RESOURCE, e);
        }
    }

    static byte[] read(String resource) {
        try (InputStream in = PlotlyBundle.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                // a packaging fault, not a user error: the file is a resource of cumulo-report's jar
                throw new IllegalStateException(resource + " is missing from the class path: it ships in the "
                        + "cumulo-report jar (tools/plotly/build-bundle.sh writes it)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static final class Holder {
        static final String GZIP_BASE64 = Base64.getEncoder().encodeToString(gzipped());
    }
}
