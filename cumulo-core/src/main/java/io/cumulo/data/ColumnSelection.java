package io.cumulo.data;

import io.cumulo.CumuloException;
import io.cumulo.param.ParamSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Which input columns are features, which is the label and which the weight; shared by every reader. */
final class ColumnSelection {
    static final int SKIP = -1;
    static final int LABEL = -2;
    static final int WEIGHT = -3;

    /** For each input column: its feature slot (≥ 0), or SKIP, LABEL or WEIGHT. */
    final int[] roles;
    final List<String> featureNames;
    final String labelName;
    final String weightName;

    private ColumnSelection(int[] roles, List<String> featureNames, String labelName, String weightName) {
        this.roles = roles;
        this.featureNames = featureNames;
        this.labelName = labelName;
        this.weightName = weightName;
    }

    int featureCount() {
        return featureNames.size();
    }

    static ColumnSelection resolve(List<String> header, ReadOptions o, String defaultLabel, String source) {
        String label = o.labelColumn() != null ? o.labelColumn() : defaultLabel;
        String weight = o.weightColumn();
        int labelIdx = -1;
        int weightIdx = -1;
        if (label != null) {
            labelIdx = header.indexOf(label);
            if (labelIdx < 0) {
                throw unknownColumn(source, label, header, "--label-column");
            }
        }
        if (weight != null) {
            weightIdx = header.indexOf(weight);
            if (weightIdx < 0) {
                throw unknownColumn(source, weight, header, "--weight-column");
            }
            if (weightIdx == labelIdx) {
                throw new CumuloException("column '" + weight + "' cannot be both the label and the weight column");
            }
        }
        Set<String> dropped = new HashSet<>();
        for (String d : o.dropColumns()) {
            if (!header.contains(d)) {
                throw unknownColumn(source, d, header, "--drop-columns");
            }
            dropped.add(d);
        }
        int[] roles = new int[header.size()];
        Arrays.fill(roles, SKIP);
        if (labelIdx >= 0) {
            roles[labelIdx] = LABEL;
        }
        if (weightIdx >= 0) {
            roles[weightIdx] = WEIGHT;
        }
        List<String> features = new ArrayList<>();
        if (o.columns() != null) {
            Set<String> seen = new HashSet<>();
            for (String c : o.columns()) {
                int idx = header.indexOf(c);
                if (idx < 0) {
                    throw unknownColumn(source, c, header, "--columns");
                }
                if (!seen.add(c)) {
                    throw new CumuloException("--columns names '" + c + "' twice");
                }
                if (idx == labelIdx) {
                    throw new CumuloException("column '" + c + "' is both a feature (--columns) and the label column");
                }
                if (idx == weightIdx) {
                    throw new CumuloException("column '" + c + "' is both a feature (--columns) and the weight column");
                }
                if (dropped.contains(c)) {
                    throw new CumuloException("column '" + c + "' is both in --columns and in --drop-columns");
                }
                roles[idx] = features.size();
                features.add(c);
            }
        } else {
            for (int i = 0; i < header.size(); i++) {
                if (roles[i] == SKIP && !dropped.contains(header.get(i))) {
                    roles[i] = features.size();
                    features.add(header.get(i));
                }
            }
        }
        if (features.isEmpty()) {
            throw new CumuloException(source + ": no feature columns left (columns: " + String.join(", ", header) + ")");
        }
        return new ColumnSelection(roles, features, labelIdx >= 0 ? label : null, weightIdx >= 0 ? weight : null);
    }

    /** Only one text column, read as labels (for label files). */
    static ColumnSelection labelOnly(List<String> header, int labelIdx) {
        int[] roles = new int[header.size()];
        Arrays.fill(roles, SKIP);
        roles[labelIdx] = LABEL;
        return new ColumnSelection(roles, List.of(), header.get(labelIdx), null);
    }

    static CumuloException unknownColumn(String source, String name, List<String> available) {
        return unknownColumn(source, name, available, null);
    }

    static CumuloException unknownColumn(String source, String name, List<String> available, String flag) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String a : available) {
            int d = ParamSet.editDistance(name.toLowerCase(Locale.ROOT), a.toLowerCase(Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = a;
            }
        }
        String hint = best != null && bestD <= Math.max(2, name.length() / 3) ? " (did you mean '" + best + "'?)" : "";
        String list = available.size() <= 12 ? String.join(", ", available)
                : String.join(", ", available.subList(0, 12)) + ", ... (" + available.size() + " in all)";
        return new CumuloException((flag != null ? flag + ": " : "") + source + " has no column '" + name + "'" + hint
                + "; its columns are: " + list);
    }
}
