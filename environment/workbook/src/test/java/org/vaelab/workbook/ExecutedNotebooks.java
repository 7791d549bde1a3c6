package org.vaelab.workbook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reading an executed notebook's outputs (the .ipynb that run_notebooks.py --executed keeps). */
final class ExecutedNotebooks {
    private ExecutedNotebooks() {
    }

    static List<JsonObject> codeOutputs(Path notebook) throws Exception {
        List<JsonObject> outputs = new ArrayList<>();
        for (JsonElement cell : JsonParser.parseString(Files.readString(notebook)).getAsJsonObject().getAsJsonArray("cells")) {
            JsonArray cellOutputs = cell.getAsJsonObject().getAsJsonArray("outputs");
            if (cellOutputs != null) {
                cellOutputs.forEach(o -> outputs.add(o.getAsJsonObject()));
            }
        }
        return outputs;
    }

    /**
     * Every stream output on standard error in the executed notebooks of a folder, as "notebook: text" (the text cut to
     * 300 characters): what a student would see as a red block. The libraries' warnings go to the kernel's log instead.
     */
    static List<String> stderrOutputs(Path folder) throws Exception {
        List<String> found = new ArrayList<>();
        try (var files = Files.list(folder)) {
            for (Path notebook : files.filter(f -> f.getFileName().toString().endsWith(".ipynb")).sorted().toList()) {
                for (JsonObject output : codeOutputs(notebook)) {
                    if ("stream".equals(output.get("output_type").getAsString()) && "stderr".equals(output.get("name").getAsString())) {
                        String text = joined(output.get("text"));
                        found.add(notebook.getFileName() + ": " + text.substring(0, Math.min(300, text.length())));
                    }
                }
            }
        }
        return found;
    }

    static JsonObject data(JsonObject output) {
        return output.has("data") ? output.getAsJsonObject("data") : new JsonObject();
    }

    /** Every output's text of one MIME type, joined. */
    static String text(List<JsonObject> outputs, String mime) {
        StringBuilder all = new StringBuilder();
        for (JsonObject output : outputs) {
            JsonElement value = data(output).get(mime);
            if (value == null) {
                continue;
            }
            all.append(joined(value)).append('\n');
        }
        return all.toString();
    }

    /** A notebook's text field, which is one string or a list of lines. */
    static String joined(JsonElement value) {
        if (!value.isJsonArray()) {
            return value.getAsString();
        }
        StringBuilder all = new StringBuilder();
        value.getAsJsonArray().forEach(line -> all.append(line.getAsString()));
        return all.toString();
    }
}
