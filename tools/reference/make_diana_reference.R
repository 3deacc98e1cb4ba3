#!/usr/bin/Rscript
# Reference trees of DIANA and the agglomerative coefficient, from R's cluster package (committed; re-run to
# regenerate):  Rscript tools/reference/make_diana_reference.R   (Debian: apt-get install r-base-core r-cran-cluster)
# Writes cumulo-core/src/test/resources/reference/diana.json: for seeded data sets (no ties), the data, diana()'s
# merge heights (as.hclust, ascending), its divisive coefficient, cutree() at k = 2..6, and agnes()'s agglomerative
# coefficient for average, single, complete and Ward linkage. JSON written by hand with 17 significant digits.
suppressMessages(library(cluster))
set.seed(20261205)
sets <- list(
  uniform_30x3 = matrix(runif(90, -1, 1), ncol = 3),
  blobs_60x2 = rbind(matrix(rnorm(40, 0, 0.3), ncol = 2), matrix(rnorm(40, 3, 0.3), ncol = 2),
                     cbind(rnorm(20, 0, 0.3), rnorm(20, 3, 0.3))),
  gauss_80x5 = matrix(rnorm(400), ncol = 5)
)
num <- function(x) formatC(x, digits = 17, format = "g")
vec <- function(v) paste0("[", paste(sapply(v, num), collapse = ","), "]")
ivec <- function(v) paste0("[", paste(v, collapse = ","), "]")
mat <- function(m) paste0("[", paste(apply(m, 1, vec), collapse = ","), "]")
out <- c()
for (name in names(sets)) {
  x <- sets[[name]]
  for (metric in c("euclidean", "manhattan")) {
    d <- diana(x, metric = metric)
    h <- as.hclust(d)
    cuts <- sapply(2:6, function(k) paste0("\"", k, "\":", ivec(cutree(h, k) - 1)))
    ac <- sapply(c("average", "single", "complete", "ward"), function(m)
      paste0("\"", m, "\":", num(agnes(x, metric = metric, method = m)$ac)))
    out <- c(out, paste0("{\"data\":\"", name, "\",\"metric\":\"", metric, "\",\"heights\":", vec(sort(h$height)),
                         ",\"dc\":", num(d$dc), ",\"cuts\":{", paste(cuts, collapse = ","), "},\"ac\":{",
                         paste(ac, collapse = ","), "}}"))
  }
}
data <- sapply(names(sets), function(n) paste0("\"", n, "\":", mat(sets[[n]])))
json <- paste0("{\"r\":\"", R.version.string, "\",\"cluster\":\"", packageVersion("cluster"), "\",\"data\":{",
               paste(data, collapse = ","), "},\"cases\":[", paste(out, collapse = ","), "]}")
writeLines(json, "cumulo-core/src/test/resources/reference/diana.json")
cat("wrote diana.json\n")
