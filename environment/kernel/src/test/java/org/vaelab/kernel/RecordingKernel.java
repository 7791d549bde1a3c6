package org.vaelab.kernel;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

import java.util.ArrayList;
import java.util.List;

/** The real kernel, with what it would publish on IOPub kept in lists instead. */
class RecordingKernel extends JavaKernel {
    final List<DisplayData> displayed = new ArrayList<>();
    final List<String> updatedIds = new ArrayList<>();
    final List<DisplayData> updated = new ArrayList<>();

    @Override
    public void display(DisplayData data) {
        displayed.add(data);
    }

    @Override
    public void updateDisplay(String id, DisplayData data) {
        updatedIds.add(id);
        updated.add(data);
    }

    /** Runs a cell the way an execute request does and returns the bundle it would publish. */
    DisplayData run(String cell) throws Exception {
        return eval(cell);
    }
}
