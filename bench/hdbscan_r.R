#!/usr/bin/Rscript
# R's dbscan::hdbscan timed on the first ROWS rows of a bench workload (NAME.f64: n x d little-endian float64,
# row-major), for bench/hdbscan.sh. One JSON line per timed fit: seconds (the whole hdbscan() call: core distances,
# the dense distance and mutual reachability matrices, Prim's tree, the condensed tree, the extraction), clusters,
# noise. R's hdbscan has one parameter, minPts (both min-samples and min-cluster-size).
# Usage: Rscript bench/hdbscan_r.R FILE N D ROWS MINPTS REPS
suppressMessages(library(dbscan))
a <- commandArgs(TRUE)
file <- a[1]; n <- as.integer(a[2]); d <- as.integer(a[3]); rows <- as.integer(a[4])
minpts <- as.integer(a[5]); reps <- as.integer(a[6])
con <- file(file, "rb")
x <- matrix(readBin(con, "double", n = rows * d, size = 8, endian = "little"), ncol = d, byrow = TRUE)
close(con)
for (r in seq_len(reps)) {
  gc()
  t0 <- proc.time()[["elapsed"]]
  h <- hdbscan(x, minPts = minpts)
  t1 <- proc.time()[["elapsed"]]
  cat(sprintf('{"tool":"r-dbscan","dbscan":"%s","rows":%d,"minPts":%d,"seconds":%.4f,"n_clusters":%d,"n_noise":%d}\n',
              as.character(packageVersion("dbscan")), rows, minpts, t1 - t0, max(h$cluster), sum(h$cluster == 0)))
}
