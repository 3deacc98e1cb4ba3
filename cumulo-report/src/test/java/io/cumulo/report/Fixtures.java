package io.cumulo.report;

import io.cumulo.cluster.KMeans;
import io.cumulo.cluster.KMeansModel;
import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.ReadOptions;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.preprocessing.Scaler;
import io.cumulo.report.chart.Chart;
import io.cumulo.report.chart.Report;
import io.cumulo.report.chart.Trace;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Data and helpers shared by the report tests. */
final class Fixtures {
    static final ExecutionContext CTX = ExecutionContext.defaults().withThreads(2);

    private Fixtures() {
    }

    static Dataset iris() {
        return DatasetReader.read("builtin:iris", ReadOptions.defaults());
    }

    static Dataset standard(Dataset raw) {
        return Scaler.named("standard").fit(raw, CTX).transform(raw);
    }

    static KMeansModel kmeans(Dataset space, int k) {
        return KMeans.builder().k(k).seed(0).build().fit(space, CTX);
    }

    /** n rows of d uniform values, seeded. */
    static Dataset random(int n, int d, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = rng.nextDouble();
            }
        }
        return Dataset.of(x);
    }

    static Report.Section section(Report r, String id) {
        return r.sections().stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no section " + id));
    }

    static Chart chart(Report.Section s) {
        return s.blocks().stream().filter(b -> b instanceof Report.Block.Charts)
                .map(b -> ((Report.Block.Charts) b).charts().get(0)).findFirst()
                .orElseThrow(() -> new AssertionError("no chart in " + s.id()));
    }

    static List<Trace.Scatter> scatters(Chart c) {
        List<Trace.Scatter> out = new ArrayList<>();
        for (Trace t : c.traces()) {
            if (t instanceof Trace.Scatter s) {
                out.add(s);
            }
        }
        return out;
    }

    /** The data points of a map: the named scatter traces (the stars are unnamed). */
    static List<Trace.Scatter> points(Chart c) {
        return scatters(c).stream().filter(s -> s.name() != null).toList();
    }

    static List<Trace.Scatter> stars(Chart c) {
        return scatters(c).stream().filter(s -> s.symbol() == Trace.Symbol.STAR).toList();
    }

    static <T extends Trace> T only(Chart c, Class<T> type) {
        List<T> found = c.traces().stream().filter(type::isInstance).map(type::cast).toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " " + type.getSimpleName() + " traces in " + c.id());
        }
        return found.get(0);
    }
}
