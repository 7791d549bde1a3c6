package org.vaelab.data;

/**
 * One file of a public dataset as its publisher ships it: where it lives under the data folder,
 * where it comes from, and the MD5 that proves it is the genuine file.
 */
public record DatasetFile(String dataset, String folder, String name, String url, String md5, long bytes) {
    public String relativePath() {
        return folder + "/" + name;
    }
}
