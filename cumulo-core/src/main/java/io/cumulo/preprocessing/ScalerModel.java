package io.cumulo.preprocessing;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.estimator.Model;
import io.cumulo.estimator.Transform;
import io.cumulo.exec.ExecutionContext;
import io.cumulo.json.JsonObject;
import io.cumulo.param.ParamValues;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** A fitted per-column affine scaling {@code (x - center) / scale}, part of every saved model. Immutable. */
public final class ScalerModel implements Model, Transform {
    private final String kind;
    private final double[] center;
    private final double[] scale;

    public ScalerModel(String kind, double[] center, double[] scale) {
        if (center.length != scale.length) {
            throw new IllegalArgumentException("center and scale lengths differ");
        }
        this.kind = kind;
        this.center = center.clone();
        this.scale = scale.clone();
    }

    /** The scaling that changes nothing. */
    public static ScalerModel identity(int features) {
        double[] ones = new double[features];
        Arrays.fill(ones, 1.0);
        return new ScalerModel("none", new double[features], ones);
    }

    public String kind() {
        return kind;
    }

    /** The scaler's name, the same as {@link #kind()}. */
    @Override
    public String name() {
        return kind;
    }

    @Override
    public ParamValues params() {
        return NoParams.of(kind);
    }

    public boolean isIdentity() {
        return kind.equals("none");
    }

    @Override
    public int numFeatures() {
        return center.length;
    }

    @Override
    public int numComponents() {
        return center.length;
    }

    @Override
    public Dataset transform(Dataset data, ExecutionContext ctx) {
        return transform(data);
    }

    @Override
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("center", center.clone());
        m.put("scale", scale.clone());
        return m;
    }

    public double[] center() {
        return center.clone();
    }

    public double[] scale() {
        return scale.clone();
    }

    /** Scaled copy of {@code data} (the same object when this is the identity). */
    public Dataset transform(Dataset data) {
        requireFeatures(data.cols(), data.source());
        if (isIdentity()) {
            return data;
        }
        return data.withValues(transform(data.rawValues(), data.rows()), data.cols(), data.columnNames());
    }

    /** Scales row-major values ({@code rows × numFeatures()}) into a new array. */
    public double[] transform(double[] rowMajor, int rows) {
        int d = center.length;
        double[] out = new double[rows * d];
        double[] inv = new double[d];
        for (int j = 0; j < d; j++) {
            inv[j] = 1.0 / scale[j];
        }
        for (int i = 0; i < rows; i++) {
            int o = i * d;
            for (int j = 0; j < d; j++) {
                out[o + j] = (rowMajor[o + j] - center[j]) * inv[j];
            }
        }
        return out;
    }

    /** Back to original units: {@code x * scale + center}. */
    public double[] inverseTransform(double[] rowMajor, int rows) {
        int d = center.length;
        double[] out = new double[rows * d];
        for (int i = 0; i < rows; i++) {
            int o = i * d;
            for (int j = 0; j < d; j++) {
                out[o + j] = rowMajor[o + j] * scale[j] + center[j];
            }
        }
        return out;
    }

    private void requireFeatures(int cols, String source) {
        if (cols != center.length) {
            throw new CumuloException(source + ": has " + cols + " features but the scaler was fitted on " + center.length);
        }
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", kind);
        if (!isIdentity()) {
            m.put("center", center);
            m.put("scale", scale);
        }
        return m;
    }

    public static ScalerModel fromJson(JsonObject json, int features) {
        String kind = json.getString("type");
        if (!Scaler.NAMES.contains(kind)) {
            throw new CumuloException("model scaler: unknown type '" + kind + "'; expected one of " + Scaler.NAMES);
        }
        if (kind.equals("none")) {
            return identity(features);
        }
        double[] c = json.getDoubleArray("center");
        double[] s = json.getDoubleArray("scale");
        if (c.length != features || s.length != features) {
            throw new CumuloException("model scaler: has " + c.length + " centres and " + s.length
                    + " scales for " + features + " features");
        }
        for (double v : s) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new CumuloException("model scaler: scales must be positive finite numbers, found " + v);
            }
        }
        return new ScalerModel(kind, c, s);
    }

    @Override
    public String toString() {
        return "ScalerModel[" + kind + ", " + center.length + " features]";
    }
}
