package org.vaelab.data;

import java.io.IOException;

/** A dataset file is not here and could not be fetched; the message says where to put it. */
public final class DatasetUnavailableException extends IOException {
    public DatasetUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
