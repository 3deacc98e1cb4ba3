package io.cumulo.bench;

import io.cumulo.cluster.KMeans;
import io.cumulo.data.Dataset;
import io.cumulo.data.DatasetReader;
import io.cumulo.data.ReadOptions;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.selection.ChooseK;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Does {@code choose-k} find the true number of clusters on P. Fränti's benchmark sets? For each set, k-means with
 * random-swap refinement (so each fit reaches the true cluster structure, docs/benchmarks.md) over k = 2 .. k_true +
 * 10, all criteria; prints each criterion's k and the overall one. The sets are not in the repository (their licence
 * does not allow it): pass the folder holding them.
 *
 * <p>Usage: {@code ChooseKFranti DIR [SWAP_TRIALS] [SETS]}.
 */
public final class ChooseKFranti {
    private ChooseKFranti() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/datasets/franti");
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        List<String> names = args.length > 2 ? List.of(args[2].split(","))
                : List.of("s1", "s2", "s3", "s4", "a1", "a2", "a3", "unbalance", "dim032", "dim064", "dim128", "dim256",
                        "dim512");
        ExecutionContext ctx = ExecutionContext.defaults().withWarnings(w -> { });
        System.out.println("| set | n × d | true k | range | elbow | silhouette | ch | db | gap | bic | overall | seconds |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (String name : names) {
            Path data = dir.resolve(name + ".csv");
            if (!Files.exists(data)) {
                System.out.println("| " + name + " | missing, skipped |");
                continue;
            }
            String label = Files.readAllLines(data).get(0).replaceAll(".*,", "");
            Dataset x = DatasetReader.read(data.toString(), ReadOptions.builder().labelColumn(label).build());
            int kTrue = x.labels().orElseThrow().categories().size();
            int hi = kTrue + 10;
            long t0 = System.nanoTime();
            ChooseK.Result r = ChooseK.builder().kRange(2, hi).seed(0).build().run(x,
                    k -> KMeans.builder().k(k).seed(0).refine("swap").swapTrials(trials).build(), ctx);
            double s = (System.nanoTime() - t0) / 1e9;
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "| %s | %d × %d | %d | 2..%d |", name, x.rows(), x.cols(), kTrue, hi));
            for (ChooseK.Criterion c : ChooseK.Criterion.values()) {
                Integer k = r.recommendations().get(c).k();
                sb.append(' ').append(k == null ? "–" : k == kTrue ? "**" + k + "**" : k.toString()).append(" |");
            }
            sb.append(String.format(Locale.ROOT, " %s | %.0f |", r.recommendedK() == kTrue ? "**" + r.recommendedK() + "**"
                    : Integer.toString(r.recommendedK()), s));
            System.out.println(sb);
            System.out.flush();
        }
    }
}
