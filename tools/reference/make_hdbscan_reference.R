#!/usr/bin/Rscript
# Reference results of HDBSCAN from R's dbscan package (committed; re-run to regenerate):
#     Rscript tools/reference/make_hdbscan_reference.R      (Debian: apt-get install r-cran-dbscan; 1.1-11 here)
# Writes cumulo-core/src/test/resources/reference/hdbscan.json: for seeded data sets (blobs with uniform noise,
# two moons, blobs of very different density, rounded values full of duplicates and ties, 5-D blobs), the data and,
# for each minPts, what dbscan::hdbscan(x, minPts) returns: the labels (0 = noise), the GLOSH outlier scores, the
# membership probabilities, the core distances, each cluster's stability (cluster_scores, by label) and the merge
# heights of its single-linkage tree (the mutual reachability spanning tree's edge lengths, ascending).
# R's hdbscan has one parameter, minPts: the core distance is the distance to the minPts-th nearest point counting
# the point itself (coredist = kNN distance to the (minPts - 1)-th other point) and minPts is also the smallest
# cluster; so Cumulo's min-samples = min-cluster-size = minPts. JSON written by hand with 17 significant digits.
suppressMessages(library(dbscan))
set.seed(20261214)
blobs <- function(centres, sds, sizes) {
  do.call(rbind, lapply(seq_along(sizes), function(i)
    cbind(rnorm(sizes[i], centres[i, 1], sds[i]), rnorm(sizes[i], centres[i, 2], sds[i]))))
}
moons <- function(n, noise) {
  t1 <- runif(n / 2, 0, pi); t2 <- runif(n / 2, 0, pi)
  m <- rbind(cbind(cos(t1), sin(t1)), cbind(1 - cos(t2), 0.5 - sin(t2)))
  m + matrix(rnorm(2 * n, 0, noise), ncol = 2)
}
sets <- list(
  blobs_noise_500x2 = rbind(blobs(rbind(c(0, 0), c(4, 0), c(0, 4), c(4, 4)), c(0.3, 0.5, 0.4, 0.6),
                                  c(120, 120, 115, 120)), matrix(runif(50, -2, 6), ncol = 2)),
  moons_420x2 = rbind(moons(400, 0.07), matrix(runif(40, -1, 2), ncol = 2)),
  varied_density_600x2 = blobs(rbind(c(0, 0), c(3, 3), c(8, -2)), c(0.15, 0.5, 1.5), c(200, 200, 200)),
  duplicates_300x2 = round(blobs(rbind(c(0, 0), c(2, 2), c(4, 0)), c(0.3, 0.3, 0.5), c(100, 100, 100)), 1),
  blobs_300x5 = cbind(blobs(rbind(c(0, 0), c(3, 0), c(0, 3)), c(0.5, 0.5, 0.5), c(100, 100, 100)),
                      matrix(rnorm(900, 0, 0.5), ncol = 3))
)
minpts <- list(blobs_noise_500x2 = c(5, 15, 30), moons_420x2 = c(5, 10), varied_density_600x2 = c(8, 20),
               duplicates_300x2 = c(4, 10), blobs_300x5 = c(10))
num <- function(x) ifelse(is.finite(x), formatC(x, digits = 17, format = "g"), "null")
vec <- function(v) paste0("[", paste(sapply(v, num), collapse = ","), "]")
ivec <- function(v) paste0("[", paste(v, collapse = ","), "]")
mat <- function(m) paste0("[", paste(apply(m, 1, vec), collapse = ","), "]")
out <- c()
for (name in names(sets)) {
  x <- sets[[name]]
  for (m in minpts[[name]]) {
    h <- hdbscan(x, minPts = m)
    k <- max(h$cluster)
    scores <- if (k > 0) sapply(1:k, function(l) h$cluster_scores[[as.character(l)]]) else numeric(0)
    out <- c(out, paste0("{\"data\":\"", name, "\",\"minPts\":", m, ",\"cluster\":", ivec(h$cluster),
                         ",\"outlier_scores\":", vec(h$outlier_scores), ",\"membership_prob\":",
                         vec(h$membership_prob), ",\"coredist\":", vec(h$coredist), ",\"cluster_scores\":",
                         vec(scores), ",\"heights\":", vec(h$hc$height), "}"))
  }
}
data <- sapply(names(sets), function(n) paste0("\"", n, "\":", mat(sets[[n]])))
json <- paste0("{\"r\":\"", R.version.string, "\",\"dbscan\":\"", packageVersion("dbscan"), "\",\"data\":{",
               paste(data, collapse = ","), "},\"cases\":[", paste(out, collapse = ","), "]}")
writeLines(json, "cumulo-core/src/test/resources/reference/hdbscan.json")
cat("wrote hdbscan.json\n")
