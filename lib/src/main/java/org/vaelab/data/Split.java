package org.vaelab.data;

/** The publisher's split; train and test never mix. */
public enum Split { TRAIN, TEST }
