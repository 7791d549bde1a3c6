package org.vaelab.kernel;

/** The cell was stopped by the notebook's interrupt button (or an interrupt request). */
public final class CellInterruptedException extends Exception {
    public CellInterruptedException() {
        super("The cell was interrupted; variables it assigned before the interrupt keep their values.");
    }
}
