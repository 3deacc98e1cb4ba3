package io.cumulo.model;

import io.cumulo.CumuloException;
import io.cumulo.data.Dataset;
import io.cumulo.param.ParamValues;

/**
 * What every fitted reduction in {@link Reducers} shares: its method's name, parameters, number of components and
 * (after a fit, not after reading a model file) the reduced training rows.
 */
abstract class FittedReduction implements ReductionModel {
    private final String method;
    private final ParamValues params;
    private final int components;
    /** Null for a model read from a file, which keeps no input rows. */
    private final Dataset reduced;

    FittedReduction(String method, ParamValues params, int components, Dataset reduced) {
        this.method = method;
        this.params = params;
        this.components = components;
        this.reduced = reduced;
    }

    @Override
    public final String method() {
        return method;
    }

    @Override
    public final ParamValues params() {
        return params;
    }

    @Override
    public final int numComponents() {
        return components;
    }

    @Override
    public final Dataset reduced() {
        if (reduced == null) {
            throw new CumuloException("a " + method + " model read from a file has no training rows; use transform");
        }
        return reduced;
    }
}
