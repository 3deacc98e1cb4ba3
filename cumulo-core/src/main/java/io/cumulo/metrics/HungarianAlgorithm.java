package io.cumulo.metrics;

import io.cumulo.CumuloException;

import java.util.Arrays;

/**
 * The assignment problem: match each row of a cost matrix to a distinct column so that the total cost is least
 * (or the total weight greatest). The Hungarian method of H. W. Kuhn ("The Hungarian method for the assignment
 * problem", Naval Research Logistics Quarterly 2, 1955), made O(n³) by J. Munkres ("Algorithms for the assignment
 * and transportation problems", J. SIAM 5, 1957), in its shortest-augmenting-path form: rows are added one at a
 * time, and each is matched by growing, Dijkstra-like, a tree of tight edges (zero reduced cost under dual
 * potentials {@code u} on rows and {@code v} on columns) until it reaches a free column, raising the potentials
 * by the smallest slack whenever the tree is stuck; the path found is then flipped. Reduced costs
 * {@code cost − u − v} stay ≥ 0 and are 0 on matched edges, which proves the matching optimal (linear
 * programming duality).
 *
 * <p>Rectangular matrices: with r rows and c ≥ r columns every row is matched and the work is O(r²·c); with
 * more rows than columns the transposed problem is solved and the rows left over get no column. Costs are
 * {@code long}s and all arithmetic is exact integer arithmetic (no tolerance, no rounding); their size must stay
 * below 2⁵⁰ so that sums of potentials cannot overflow.
 */
public final class HungarianAlgorithm {
    /** Bound on |cost| that keeps every potential and slack far from overflow. */
    static final long MAX_ABS_COST = 1L << 50;
    private static final long INFINITE = Long.MAX_VALUE / 4;

    private HungarianAlgorithm() {
    }

    /**
     * A minimum-cost assignment: {@code result[i]} is the column given to row {@code i}, or -1 when there are more
     * rows than columns and row {@code i} is left out. Every column is given to at most one row.
     */
    public static int[] minimumCost(long[][] cost) {
        int rows = cost.length;
        int cols = rows == 0 ? 0 : cost[0].length;
        for (long[] row : cost) {
            if (row.length != cols) {
                throw new CumuloException("assignment: the cost matrix is ragged (rows of " + cols + " and "
                        + row.length + " columns)");
            }
            for (long v : row) {
                if (Math.abs(v) >= MAX_ABS_COST) {
                    throw new CumuloException("assignment: cost " + v + " is too large; expected |cost| < 2^50");
                }
            }
        }
        if (rows <= cols) {
            return solve(cost, rows, cols);
        }
        // more rows than columns: match every column to a row instead
        long[][] transposed = new long[cols][rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                transposed[j][i] = cost[i][j];
            }
        }
        int[] colToRow = solve(transposed, cols, rows);
        int[] rowToCol = new int[rows];
        Arrays.fill(rowToCol, -1);
        for (int j = 0; j < cols; j++) {
            rowToCol[colToRow[j]] = j;
        }
        return rowToCol;
    }

    /** A maximum-weight assignment, as {@link #minimumCost(long[][])} of the negated weights. */
    public static int[] maximumWeight(long[][] weight) {
        long[][] cost = new long[weight.length][];
        for (int i = 0; i < weight.length; i++) {
            cost[i] = new long[weight[i].length];
            for (int j = 0; j < weight[i].length; j++) {
                cost[i][j] = -weight[i][j];
            }
        }
        return minimumCost(cost);
    }

    /** Total of {@code matrix[i][assignment[i]]} over the assigned rows. */
    public static long total(long[][] matrix, int[] assignment) {
        long s = 0;
        for (int i = 0; i < assignment.length; i++) {
            if (assignment[i] >= 0) {
                s += matrix[i][assignment[i]];
            }
        }
        return s;
    }

    /**
     * Matches each of {@code n} "agents" (rows) to one of {@code m ≥ n} "tasks" (columns); returns each agent's
     * task.
     */
    private static int[] solve(long[][] cost, int n, int m) {
        // index 0 of the column arrays is a virtual column holding the agent being added; agents are 1..n
        long[] u = new long[n + 1];
        long[] v = new long[m + 1];
        int[] agentOf = new int[m + 1];     // agent matched to each task, 0 = free
        int[] previous = new int[m + 1];    // the tree: task reached from this task's matched agent
        long[] slack = new long[m + 1];     // least reduced cost from the tree's agents to each task
        boolean[] inTree = new boolean[m + 1];
        for (int agent = 1; agent <= n; agent++) {
            agentOf[0] = agent;
            int task = 0;
            Arrays.fill(slack, INFINITE);
            Arrays.fill(inTree, false);
            do {
                inTree[task] = true;
                int a = agentOf[task];
                long[] row = cost[a - 1];
                long delta = INFINITE;
                int next = -1;
                for (int t = 1; t <= m; t++) {
                    if (!inTree[t]) {
                        long c = row[t - 1] - u[a] - v[t];
                        if (c < slack[t]) {
                            slack[t] = c;
                            previous[t] = task;
                        }
                        if (slack[t] < delta) {
                            delta = slack[t];
                            next = t;
                        }
                    }
                }
                // raise the tree's potentials by the smallest slack: one more task becomes reachable by a tight edge
                for (int t = 0; t <= m; t++) {
                    if (inTree[t]) {
                        u[agentOf[t]] += delta;
                        v[t] -= delta;
                    } else {
                        slack[t] -= delta;
                    }
                }
                task = next;
            } while (agentOf[task] != 0);
            // flip the path from the free task found back to the new agent
            while (task != 0) {
                int back = previous[task];
                agentOf[task] = agentOf[back];
                task = back;
            }
        }
        int[] taskOf = new int[n];
        for (int t = 1; t <= m; t++) {
            if (agentOf[t] != 0) {
                taskOf[agentOf[t] - 1] = t - 1;
            }
        }
        return taskOf;
    }
}
