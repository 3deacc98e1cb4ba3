package io.cumulo.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/**
 * plotly.js as the HTML reports inline it: the webjar's file ({@code org.webjars.npm:plotly.js-dist}), gzipped and
 * base64-encoded. Only the unminified build (11.2 MB) is on Maven Central; gzip brings it to about 2.0 MB (2.7 MB
 * as base64), about what the minified build gzips to plus a third, so a minifier would gain little. The page
 * unpacks it with the browser's own {@code DecompressionStream}, so nothing is fetched when a report is opened.
 *
 * <p>Compressing takes about 0.2 s, once per JVM; the result is cached. Level 6 (gzip's default) is used: level 9
 * saves 1 % of the size for three times the time.
 */
final class PlotlyBundle {
    /** The plotly.js release inlined; it must match the webjar version in the parent pom. */
    static final String VERSION = "3.3.1";
    static final String RESOURCE = "META-INF/resources/webjars/plotly.js-dist/" + VERSION + "/plotly.js";

    private PlotlyBundle() {
    }

    /** The gzipped library, base64 (no line breaks). */
    static String gzipBase64() {
        return Holder.GZIP_BASE64;
    }

    /** The library exactly as the webjar ships it. */
    static byte[] original() {
        ClassLoader loader = PlotlyBundle.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                // a packaging fault, not a user error: the webjar is a compile dependency of cumulo-report
                throw new IllegalStateException("plotly.js is missing from the class path (" + RESOURCE
                        + "); the org.webjars.npm:plotly.js-dist:" + VERSION + " jar must ship with cumulo-report");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static final class Holder {
        static final String GZIP_BASE64 = compress(original());

        private static String compress(byte[] js) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(js.length / 5);
            try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
                gz.write(js);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Base64.getEncoder().encodeToString(out.toByteArray());
        }
    }
}
