package io.cumulo.preprocessing;

import io.cumulo.param.ParamSet;
import io.cumulo.param.ParamValues;

import java.util.HashMap;
import java.util.Map;

/** The (empty) parameter values of each scaler, one instance per name so that they compare equal. */
final class NoParams {
    private static final Map<String, ParamValues> BY_NAME = new HashMap<>();

    private NoParams() {
    }

    static synchronized ParamValues of(String scaler) {
        return BY_NAME.computeIfAbsent(scaler, n -> ParamSet.of(n).builder().build());
    }
}
